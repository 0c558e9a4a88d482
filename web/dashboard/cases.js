// Xử lý phản ánh đúng hạn: per unit, the share of follow-up cases answered by their deadline, with n and its 95 %
// Wilson interval (the API's /cases/summary, for the cases opened in the year in view), beside the indices. Hidden
// when the caller's units have no case in the year.
import { latest } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { count, nameOf, num } from '/lib/i18n.js';
import { t } from './messages.js';

const ask = latest();

function pathOf(state) {
  return `/cases/summary?groupBy=unit&from=${state.year}-01-01&to=${state.year}-12-31`;
}

function shareCells(row) {
  const share = row.onTime;
  return share
    ? [h('td', { class: 'num' }, `${num(share.value)} %`), h('td', { class: 'num' }, `${num(share.low)}–${num(share.high)}`),
      h('td', { class: 'num' }, count(share.n))]
    : [h('td', { class: 'num' }, '–'), h('td', { class: 'num' }, '–'), h('td', { class: 'num' }, '0')];
}

function line(row, head, attributes = {}) {
  return h('tr', attributes, h('th', { scope: 'row' }, head),
    h('td', { class: 'num' }, count(row.opened)),
    h('td', { class: 'num' }, count(row.resolved + row.rejected)),
    h('td', { class: 'num' }, count(row.overdueOpen)),
    shareCells(row));
}

/**
 * Beside each unit's index in the rankings' table: its share answered on time and n (the section below has the
 * interval and the counts). Drawn again whenever the rankings are; a unit without cases gets a dash.
 */
function besideIndices(groups) {
  const ranking = document.getElementById('rankings-table');
  if (!ranking) {
    return;
  }
  ranking.querySelectorAll('.on-time').forEach((cell) => cell.remove());
  if (!groups) {
    return;
  }
  const byCode = new Map(groups.map((g) => [g.unit.code, g]));
  ranking.querySelector('thead tr').append(h('th', { scope: 'col', class: 'on-time' }, t('casesOnTimeShort')));
  ranking.querySelectorAll('tbody tr[data-unit]').forEach((row) => {
    const share = byCode.get(row.dataset.unit)?.onTime;
    row.append(h('td', { class: 'num on-time' }, share ? `${num(share.value)} % (n = ${count(share.n)})` : '–'));
  });
}

/** Draws the section for the view's year, fetching only when it changed; a newer view wins over an older one. */
export async function render(section, state) {
  const path = pathOf(state);
  const answer = await ask(path);
  if (answer === undefined) {
    return;
  }
  section.hidden = answer.total.opened === 0;
  besideIndices(section.hidden ? null : answer.groups);
  if (section.hidden) {
    section.replaceChildren();
    return;
  }
  fill(section, h('h2', {}, t('casesOnTimeTitle')),
    h('p', { class: 'note' }, t('casesOnTimeNote', state.year)),
    tableBox(table(t('casesOnTimeTitle'), [t('agency'), t('casesOpened'), t('casesClosed'), t('casesOverdue'),
      t('casesOnTime'), t('ci95'), 'n'],
    [...answer.groups.map((g) => line(g, nameOf(g.unit), { 'data-unit': g.unit.code })),
      line(answer.total, t('coverageTotal'), { class: 'total' })],
    { id: 'cases-table', captionClass: 'visually-hidden' })));
}
