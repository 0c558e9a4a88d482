// Units ranked by index, whiskers for the 95% interval, each with the range of ranks its interval allows; units with
// too few responses listed apart.
import { chartBox, ciWhiskers, colours, draw, wrap } from '/lib/charts.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { count, nameOf, num } from '/lib/i18n.js';
import { terms } from '/lib/terms.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

/** "hạng 2–5", or "hạng 3" when the place is certain: the API's rankRange, as read. */
export const rankText = (r) => (r.rankRange.best === r.rankRange.worst ? t('rankOne', r.rankRange.best)
  : t('rankRange', r.rankRange.best, r.rankRange.worst));

/** data: /rankings?by=unit, fetched from path. */
export function render(section, data, path) {
  const ranked = data.ranked;
  const { box, canvas } = chartBox('rankings-chart', t('rankingsLabel', ranked.length), 'chart-box tall');
  box.style.height = `${Math.max(240, 52 * ranked.length + 60)}px`;
  const table = h('table', { id: 'rankings-table' },
    h('caption', { class: 'visually-hidden' }, t('rankingsTitle')),
    h('thead', {}, h('tr', {}, [t('rank'), t('unit'), t('index'), t('ci95'), 'n', t('shrunken')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, ranked.map((r) => h('tr', { 'data-unit': r.group.unit.code },
      h('td', { class: 'num rank-range', 'data-best': r.rankRange.best, 'data-worst': r.rankRange.worst }, rankText(r)),
      h('th', { scope: 'row' }, nameOf(r.group.unit)),
      h('td', { class: 'num' }, num(r.index.value)),
      h('td', { class: 'num' }, `${num(r.index.low)}–${num(r.index.high)}`),
      h('td', { class: 'num' }, count(r.n)),
      h('td', { class: 'num' }, num(r.shrunken))))));
  const listed = (units) => units.map((s) => `${nameOf(s.group.unit)} (n = ${count(s.n)})`).join(', ');
  const suppressed = listed(data.suppressed.filter((s) => !s.weightingUnavailable));
  const unweightable = listed(data.suppressed.filter((s) => s.weightingUnavailable));
  const used = ['rankRange', 'ci', 'n', 'eb', ...(data.weighting === 'poststratified' ? ['post'] : [])];
  fill(section, h('h2', {}, t('rankingsTitle')),
    ranked.length ? [h('p', { class: 'plain', id: 'rankings-plain' }, t('rankingsPlain')), box] : h('p', {}, t('noData')),
    suppressed ? h('p', { class: 'suppressed-list', id: 'rankings-suppressed' }, t('suppressedUnits', suppressed)) : null,
    unweightable ? h('p', { class: 'suppressed-list', id: 'rankings-unweightable' }, t('unweightableUnits', unweightable)) : null,
    ranked.length ? [tableBox(table, t('rankingsTitle')), terms(t, used, 'rankings-terms'), downloads('rankings', path)] : null);
  if (!ranked.length) {
    return;
  }
  draw(canvas, {
    type: 'bar',
    data: {
      // The name in short lines (a phone's axis is narrow), then its rank range on a line of its own.
      labels: ranked.map((r) => [wrap(nameOf(r.group.unit), 18), rankText(r)].flat()),
      datasets: [{ label: t('index'), data: ranked.map((r) => r.index.value), ci: ranked.map((r) => [r.index.low, r.index.high]),
        backgroundColor: colours.primary, barPercentage: 0.6 }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, title: { display: true, text: t('index') } }, y: { ticks: { autoSkip: false } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => {
          const r = ranked[c.dataIndex];
          return `${num(r.index.value)} (${t('ci', num(r.index.low), num(r.index.high))}), n = ${count(r.n)}; ${rankText(r)}`;
        } } },
      },
    },
    plugins: [ciWhiskers],
  });
}
