// Vietnamese first, English second, on every page: catalogues and {name} formatting, the staff pages' language and
// its button, the citizen pages' switches (language, larger text, high contrast), [data-i18n], dates and numbers.
import { h } from './dom.js';
import { switches as words } from './words.js';

/** A message with its {0}, {1}… or {name}s filled from values (an array or an object); absent ones are left empty. */
export function format(text, values = []) {
  return text.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));
}

/**
 * A page family's catalogue, {vi, en}, from its parts: groups of lib/words.js and its own words last. A word said
 * twice is refused, so that each lives in one place.
 */
export function catalogue(...parts) {
  const merged = { vi: {}, en: {} };
  for (const part of parts) {
    for (const lang of ['vi', 'en']) {
      for (const [key, text] of Object.entries(part[lang])) {
        if (key in merged[lang]) {
          throw new Error(`The message ${key} is said twice`);
        }
        merged[lang][key] = text;
      }
    }
  }
  return merged;
}

/** Fills every [data-i18n] element below root with its message from m (one language of a catalogue). */
export function translate(root, m) {
  root.querySelectorAll('[data-i18n]').forEach((node) => {
    const value = m[node.dataset.i18n];
    if (value !== undefined) node.textContent = value;
  });
}

/** The Vietnamese or English form of a named thing (nameVi/nameEn, textVi/textEn, labelVi/labelEn), else the other. */
export function pick(thing, base, lang) {
  if (!thing) return '';
  const vi = thing[`${base}Vi`];
  const en = thing[`${base}En`];
  return (lang === 'en' ? en || vi : vi || en) || '';
}

// ---- The staff pages: one language, remembered in the browser, the same on every staff page ----

const LANG = 'hailong.lang';

function remembered() {
  try {
    return localStorage.getItem(LANG) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

let lang = remembered();

export const currentLang = () => lang;

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'vi';
  localStorage.setItem(LANG, lang);
  document.documentElement.lang = lang;
}

/** t(key, ...args) for a catalogue: the message in the current language (else Vietnamese, else the key), filled. */
export function translator(messages) {
  return (key, ...args) => format(messages[lang][key] ?? messages.vi[key] ?? key, args);
}

/** A record's name in the current language. */
export const nameOf = (x) => pick(x, 'name', lang);

/** The language button of a staff page: the other language's name, marked as written in it. */
export function labelLanguageButton(button) {
  button.textContent = words[lang].otherLanguage;
  button.lang = lang === 'vi' ? 'en' : 'vi';
}

// ---- The citizen pages: three switches in the bar ----

/**
 * The three switches in a citizen page's bar (#lang, #large, #contrast). settings = {lang, large, contrast};
 * onChange runs after each flip. remember: keep the choices in localStorage (a personal phone) or not (a shared kiosk).
 */
export class Switches {
  constructor({ remember, onChange }) {
    this.remember = remember;
    this.onChange = onChange;
    const stored = (key) => remember && localStorage.getItem(key) === '1';
    this.settings = {
      lang: remember && localStorage.getItem(LANG) === 'en' ? 'en' : 'vi',
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
      localStorage.setItem(LANG, this.settings.lang);
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

  /** Names the switches in the page's language. */
  label() {
    const m = words[this.settings.lang];
    // A name that starts with what the button shows ("EN", "A+"), so that a person who sees it can say it.
    this.lang.textContent = m.otherLanguageCode;
    this.lang.setAttribute('aria-label', `${m.otherLanguageCode} – ${m.otherLanguage}`);
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

// ---- Dates and numbers, as the administration writes them ----

const locale = () => (lang === 'en' ? 'en-GB' : 'vi-VN');

/** A day as the administration writes it, 07/12/2026, in Vietnam's time. */
export function formatDate(iso) {
  const d = new Date(iso ?? '');
  return Number.isNaN(d.getTime()) ? (iso ?? '–') : d.toLocaleDateString('vi-VN',
    { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
}

/** A moment to the second, in the reader's language and time zone (the admin screens' logs and devices). */
export function formatTimestamp(iso) {
  if (!iso) {
    return '–';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale());
}

/**
 * A moment to the minute in Vietnam's time (when a comment was written): the day as formatDate writes it, then the
 * time, "07/12/2026 14:30" (English "07/12/2026, 14:30"); never the two-digit year of a short date style.
 */
export function formatDateTime(iso) {
  const d = new Date(iso ?? '');
  if (Number.isNaN(d.getTime())) {
    return iso ?? '–';
  }
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' });
  return `${formatDate(iso)}${lang === 'en' ? ', ' : ' '}${time}`;
}

/** A month "2025-01" as the reader says it: "Tháng 01/2025", "Jan 2025". */
export function formatMonth(month) {
  const [year, mm] = String(month).split('-');
  if (!year || !mm) {
    return String(month ?? '–');
  }
  if (lang !== 'en') {
    return `Tháng ${mm}/${year}`;
  }
  return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(year), Number(mm) - 1, 1)));
}

/** A p-value for reading: three decimals, and "< 0,001" ("< 0.001") below that, never a misleading 0,000. */
export function pValue(p) {
  if (p === null || p === undefined || Number.isNaN(p)) {
    return '–';
  }
  return p < 0.001 ? `< ${num(0.001, 3)}` : num(p, 3);
}

/** A figure from the API, rounded for reading only. */
export function num(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A count, with the thousands marked as in the reader's language. */
export const count = (value) => new Intl.NumberFormat(locale()).format(value ?? 0);

/** A change in points with its sign. */
export const signed = (value, digits = 1) => (value > 0 ? '+' : value < 0 ? '−' : '±') + num(Math.abs(value), digits);
