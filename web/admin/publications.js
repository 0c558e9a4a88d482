// Công bố kết quả: which units' results for a year are on the public page (/ket-qua/), publish, republish, unpublish.
import { del, get, put } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { count, formatDate, nameOf, num } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, select, submit } from './forms.js';
import { t } from './messages.js';

/** The year and questionnaire live in the hash (#/publications?year=2025&questionnaire=SIPAS). */
function state() {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return { year: query.get('year') ?? '', questionnaire: query.get('questionnaire') ?? 'SIPAS' };
}

function status(row) {
  const p = row.publication;
  if (!p) {
    return t('pubNot');
  }
  return t('pubDone', formatDate(p.publishedAt), p.publishedBy);
}

function figure(p) {
  if (!p) {
    return '–';
  }
  return p.suppressed ? t('pubSuppressed', p.minN) : `${num(p.index.value)} (${num(p.index.low)}–${num(p.index.high)})`;
}

export async function render(view) {
  const s = state();
  const query = new URLSearchParams({ questionnaire: s.questionnaire });
  if (s.year) {
    query.set('year', s.year);
  }
  const [listing, questionnaires] = await Promise.all([get(`/publications?${query}`), get('/questionnaires')]);
  const again = () => render(view);
  const path = (row) => `/publications/${encodeURIComponent(row.unit.code)}/${listing.year}`
    + `?questionnaire=${encodeURIComponent(listing.questionnaire)}`;
  const rows = listing.units.map((row) => {
    const name = nameOf(row.unit);
    const publish = button(row.publication ? t('pubRepublish') : t('pubPublish'), async () => {
      if (await attempt(() => put(path(row), {}))) {
        await again();
        announce(t('pubPublishedOk', name, listing.year));
      }
    }, row.publication ? 'secondary small' : 'primary small', { 'aria-label': `${row.publication ? t('pubRepublish') : t('pubPublish')} ${name}` });
    const unpublish = row.publication ? button(t('pubUnpublish'), async () => {
      if (await confirmDialog(t('pubUnpublishConfirm', name, listing.year), t('pubUnpublish'))
          && await attempt(async () => { await del(path(row)); return true; })) {
        await again();
        announce(t('pubUnpublishedOk', name, listing.year));
      }
    }, 'danger small', { 'aria-label': `${t('pubUnpublish')} ${name}` }) : null;
    return h('tr', { 'data-unit': row.unit.code },
      h('th', { scope: 'row' }, name, h('br'),
        h('small', {}, `${row.unit.code} · ${nameOf({ nameVi: row.unit.kindVi, nameEn: row.unit.kindEn })}`)),
      h('td', {}, status(row)),
      h('td', { class: 'num' }, row.publication ? count(row.publication.n) : '–'),
      h('td', { class: 'num' }, figure(row.publication)),
      h('td', {}, h('div', { class: 'actions' }, publish, unpublish)));
  });
  view.replaceChildren(
    h('h1', {}, t('pubTitle')),
    h('p', {}, t('pubIntro')),
    h('p', {}, h('a', { href: `/ket-qua/?nam=${listing.year}&bo=${encodeURIComponent(listing.questionnaire)}` }, t('pubPublicPage'))),
    form((v) => {
      location.hash = `#/publications?${new URLSearchParams({ year: v.year, questionnaire: v.questionnaire })}`;
    },
    field(t('pubYear'), select('year', listing.years.map((y) => ({ value: y, label: String(y) })), listing.year)),
    field(t('pubQuestionnaire'), select('questionnaire', questionnaires.map((q) => ({ value: q.code, label: q.code })),
      listing.questionnaire)),
    h('p', { class: 'field' }, submit(t('pubShow')))),
    tableBox(table(t('pubCaption', listing.year, listing.questionnaire),
      [t('agency'), t('pubStatus'), t('pubN'), t('pubIndex'), t('actions')], rows, { class: 'publications' })));
  view.querySelector('form').classList.add('inline-form');
}
