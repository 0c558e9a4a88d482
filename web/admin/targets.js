// Mục tiêu: the target each unit is held to per year and questionnaire, set by an administrator; a unit without one
// of its own takes its nearest ancestor's (the province's plan covers every unit under it).
import { del, get, put } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { nameOf, num } from '/lib/i18n.js';
import { announce, button, confirmDialog, field, form, input, select, submit } from './forms.js';
import { t } from './messages.js';

/** args: [year, questionnaire] from #/targets/2025/SIPAS; the current year and SIPAS when left out. */
export async function render(view, args, session) {
  const year = /^\d{4}$/.test(args[0] ?? '') ? Number(args[0]) : new Date().getFullYear();
  const code = args[1] || 'SIPAS';
  const [listing, questionnaires] = await Promise.all([
    get(`/targets?year=${year}&questionnaire=${encodeURIComponent(code)}`), get('/questionnaires')]);
  const admin = session.role === 'admin';
  const again = () => render(view, args, session);
  const show = (y, q) => {
    location.hash = `#/targets/${y}/${encodeURIComponent(q)}`;
  };
  const names = new Map(listing.targets.map((x) => [x.unit.code, nameOf(x.unit)]));
  const yearPicker = select('year', Array.from({ length: 7 }, (_, i) => year - 3 + i).map((y) => ({ value: y, label: String(y) })),
    year, { id: 'targets-year' });
  yearPicker.addEventListener('change', () => show(yearPicker.value, code));
  const questionnairePicker = select('questionnaire', questionnaires.map((q) => ({ value: q.code, label: nameOf(q) })), code,
    { id: 'targets-questionnaire' });
  questionnairePicker.addEventListener('change', () => show(year, questionnairePicker.value));
  const source = (x) => {
    if (x.value === null) {
      return t('targetNone');
    }
    return x.inherited ? t('targetInherited', names.get(x.from) ?? x.from) : t('targetOwn');
  };
  const remove = (x) => button(t('remove'), async () => {
    if (await confirmDialog(t('targetRemoveConfirm', nameOf(x.unit), year), t('targetRemove'))) {
      await del(`/targets/${encodeURIComponent(x.unit.code)}/${year}?questionnaire=${encodeURIComponent(code)}`);
      await again();
      announce(t('saved'));
    }
  }, 'secondary small', { 'aria-label': `${t('targetRemove')}: ${nameOf(x.unit)}` });
  const setForm = admin ? h('section', { class: 'panel', 'aria-labelledby': 'set-target' },
    h('h2', { id: 'set-target' }, t('targetSet', year)),
    form(async (v, el) => {
      const value = Number(v.value.replace(',', '.'));
      if (v.value === '' || !Number.isFinite(value) || value < 0 || value > 100) {
        const control = el.querySelector('[name=value]');
        control.setAttribute('aria-invalid', 'true');
        control.focus();
        announce(t('targetRange'), 'error');
        return;
      }
      await put(`/targets/${encodeURIComponent(v.unit)}/${year}?questionnaire=${encodeURIComponent(code)}`, { value });
      await again();
      announce(t('saved'));
    },
    h('div', { class: 'columns' },
      field(t('unit'), select('unit', listing.targets.map((x) => ({ value: x.unit.code, label: `${nameOf(x.unit)} (${x.unit.code})` })),
        listing.targets[0]?.unit.code, { id: 'target-unit' })),
      field(t('targetValue'), input('value', { id: 'target-value', inputmode: 'decimal', required: true, maxlength: 6 }),
        t('targetHint'))),
    h('p', {}, submit(t('save'))))) : null;
  view.replaceChildren(
    h('h1', {}, t('targetsTitle')),
    h('p', { class: 'lead' }, t('targetsIntro')),
    h('div', { class: 'columns' }, field(t('targetYear'), yearPicker), field(t('targetQuestionnaire'), questionnairePicker)),
    tableBox(table(t('targetsCaption', year), [t('unit'), t('targetColumn'), t('targetSource'), ...(admin ? [t('actions')] : [])],
      listing.targets.map((x) => h('tr', { 'data-unit': x.unit.code },
        h('th', { scope: 'row' }, nameOf(x.unit), ' ', h('span', { class: 'muted unit-code' }, `(${x.unit.code})`)),
        h('td', { class: 'num target-value' }, x.value === null ? '–' : `≥\u00a0${num(x.value)}`),
        h('td', {}, source(x)),
        admin ? h('td', {}, x.value !== null && !x.inherited ? remove(x) : '') : null)), { id: 'targets-table' })),
    setForm);
}
