// Response rates and coverage per unit: invitations, ratings through them, the rate with its 95% interval, every
// rating, ratings per dossier handled; units whose figures rest on too few ratings or too low a coverage flagged.
// Every figure and flag is the API's (/response-rates?groupBy=unit); nothing is computed here but rounding.
import { fill, h, table, tableBox } from '/lib/dom.js';
import { count, nameOf, num } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

const percent = (value) => `${num(value)} %`;

/** The response rate and its interval, or a dash without invitations. */
function rateCells(row) {
  const rate = row.responseRate;
  return rate
    ? [h('td', { class: 'num' }, percent(rate.value)), h('td', { class: 'num' }, `${num(rate.low)}–${num(rate.high)}`)]
    : [h('td', { class: 'num' }, '–'), h('td', { class: 'num' }, '–')];
}

/** Coverage with what it was counted from, or why there is none (never 0 or a guess). */
function coverageCells(row) {
  if (!row.coverage) {
    return [h('td', { class: 'num' }, '–'),
      h('td', { class: 'absent' }, t(`coverageAbsent_${row.coverageAbsent}`))];
  }
  return [h('td', { class: 'num' }, count(row.coverage.dossiersHandled)),
    h('td', { class: 'num' }, percent(row.coverage.value))];
}

/** The flag: words, not only a colour, and each reason said. */
function flagCell(row) {
  if (!row.cautions.length) {
    return h('td', { class: 'trust' }, t(row.coverage ? 'coverageTrusted' : 'coverageUnknown'));
  }
  return h('td', { class: 'trust' }, h('span', { class: 'flag' }, h('span', { 'aria-hidden': 'true' }, '⚠ '),
    t('coverageFlag')), ` (${row.cautions.map((c) => t(`caution_${c}`)).join('; ')})`);
}

function line(row, head, attributes = {}) {
  const classes = [attributes.class, row.cautions.length ? 'is-low' : null].filter(Boolean).join(' ');
  return h('tr', { ...attributes, class: classes || null },
    // The mark beside the name keeps the flag in sight on a phone, where the last column is scrolled away.
    h('th', { scope: 'row' }, row.cautions.length ? h('span', { class: 'flag', 'aria-hidden': 'true' }, '⚠ ') : null, head),
    h('td', { class: 'num' }, count(row.invitations)),
    h('td', { class: 'num' }, count(row.rated)),
    rateCells(row),
    h('td', { class: 'num' }, count(row.ratings)),
    coverageCells(row),
    flagCell(row));
}

/** data: /response-rates?groupBy=unit, fetched from path. */
export function render(section, data, path) {
  const rows = data.groups.filter((g) => g.group.unit);
  const flagged = rows.filter((g) => g.cautions.length);
  const per = data.minCoverage > 0 ? count(Math.round(100 / data.minCoverage)) : '–';
  const headers = [t('agency'), t('invitations'), t('invitationsRated'), t('responseRate'), t('ci95'), t('ratingsAll'),
    t('dossiersHandled'), t('coverage'), t('coverageTrust')];
  fill(section, h('h2', {}, t('coverageTitle')),
    h('p', { class: 'note' }, t('coverageDefinitions')),
    h('p', { id: 'coverage-rule', class: 'rule' }, t('coverageRule', count(data.minN), num(data.minCoverage, 0), per)),
    rows.length
      ? [flagged.length
        ? h('p', { id: 'coverage-flagged', class: 'flagged' }, t('coverageFlagged',
          flagged.map((g) => nameOf(g.group.unit)).join(', ')))
        : null,
      tableBox(table(t('coverageTitle'), headers,
        [...rows.map((g) => line(g, nameOf(g.group.unit), { 'data-unit': g.group.unit.code })),
          line(data.total, t('coverageTotal'), { class: 'total' })],
        { id: 'coverage-table', captionClass: 'visually-hidden' })),
      downloads('coverage', path)]
      : h('p', {}, t('noData')));
}
