// What every citizen page shares: bilingual names and the language / text-size / contrast switches.
import { h } from '/lib/dom.js';

/** The Vietnamese or English form of a named thing (nameVi/nameEn, textVi/textEn, labelVi/labelEn). */
export function pick(thing, base, lang) {
  if (!thing) return '';
  const vi = thing[base + 'Vi'];
  const en = thing[base + 'En'];
  return (lang === 'en' ? en || vi : vi || en) || '';
}

/**
 * The three switches in a page's bar. settings = {lang, large, contrast}; onChange runs after each flip.
 * remember: keep the choices in localStorage (a personal phone) or not (a shared kiosk).
 */
export class Switches {
  constructor({ remember, onChange }) {
    this.remember = remember;
    this.onChange = onChange;
    const stored = (key) => remember && localStorage.getItem(key) === '1';
    this.settings = {
      lang: remember && localStorage.getItem('hailong.lang') === 'en' ? 'en' : 'vi',
      large: stored('hailong.large'),
      contrast: stored('hailong.contrast'),
    };
    this.lang = document.getElementById('lang');
    this.large = document.getElementById('large');
    this.contrast = document.getElementById('contrast');
    this.lang.addEventListener('click', () => this.set({ lang: this.settings.lang === 'vi' ? 'en' : 'vi' }));
    this.large.addEventListener('click', () => this.set({ large: !this.settings.large }));
    this.contrast.addEventListener('click', () => this.set({ contrast: !this.settings.contrast }));
    this.apply();
  }

  set(change) {
    Object.assign(this.settings, change);
    if (this.remember) {
      localStorage.setItem('hailong.lang', this.settings.lang);
      localStorage.setItem('hailong.large', this.settings.large ? '1' : '0');
      localStorage.setItem('hailong.contrast', this.settings.contrast ? '1' : '0');
    }
    this.apply();
    this.onChange(this.settings);
  }

  apply() {
    const root = document.documentElement;
    root.lang = this.settings.lang;
    root.classList.toggle('large', this.settings.large);
    root.classList.toggle('contrast', this.settings.contrast);
    this.large.setAttribute('aria-pressed', String(this.settings.large));
    this.contrast.setAttribute('aria-pressed', String(this.settings.contrast));
  }

  /** Labels the switches from the page's catalogue (keys switchTo, switchLabel, largeText, highContrast). */
  label(m) {
    // A name that starts with what the button shows ("EN", "A+"), so that a person who sees it can say it.
    this.lang.textContent = m.switchTo;
    this.lang.setAttribute('aria-label', `${m.switchTo} – ${m.switchLabel}`);
    this.lang.setAttribute('lang', this.settings.lang === 'vi' ? 'en' : 'vi');
    // A symbol always, the word where there is room (narrow phones show the symbol; the name stays whole).
    const labelled = (button, symbol, word, spoken) => {
      button.replaceChildren(h('span', { 'aria-hidden': spoken ? null : 'true', text: symbol }),
        h('span', { class: 'word', text: ' ' + word }));
      button.setAttribute('aria-label', spoken ? `${symbol} ${word}` : word);
    };
    labelled(this.large, 'A+', m.largeText, true);
    labelled(this.contrast, '◐', m.highContrast, false);
  }
}

/** Fills every [data-i18n] element below root with its message. */
export function translate(root, m) {
  root.querySelectorAll('[data-i18n]').forEach((node) => {
    const value = m[node.dataset.i18n];
    if (value !== undefined) node.textContent = value;
  });
}
