// Year on year as a dumbbell per unit: a dot for each year joined by a bar; significant changes (BH) in colour.
import { chartBox, colours, draw, wrap } from '/lib/charts.js';
import { fill, h } from '/lib/dom.js';
import { nameOf, num, pValue, signed } from '/lib/i18n.js';
import { terms } from '/lib/terms.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

/**
 * indices: /indices?groupBy=unit,year over both years; compare: /compare?groupBy=unit, fetched from comparePath. Returns
 * the units' codes in the chart's order, so that a click on a row can name its unit.
 */
export function render(section, indices, compare, year, comparePath) {
  const baseline = String(Number(year) - 1);
  const byUnit = new Map();
  for (const g of indices.groups) {
    if (g.suppressed || !g.index) {
      continue;
    }
    const entry = byUnit.get(g.group.unit.code) ?? { unit: g.group.unit };
    entry[String(g.group.year)] = g.index.value;
    byUnit.set(g.group.unit.code, entry);
  }
  const changes = new Map((compare.groups ?? []).filter((g) => !g.suppressed).map((g) => [g.group.unit.code, g.overall]));
  const rows = [...byUnit.values()].filter((e) => e[year] !== undefined && e[baseline] !== undefined && changes.has(e.unit.code))
    .sort((a, b) => b[year] - a[year]);
  const { box, canvas } = chartBox('yoy-chart', t('yoyLabel', baseline, year, rows.length), 'chart-box tall');
  box.style.height = `${Math.max(240, 34 * rows.length + 80)}px`;
  fill(section, h('h2', {}, t('yoyTitle', year, baseline)), rows.length ? box : h('p', {}, t('noData')),
    rows.length ? [h('p', { class: 'note' }, t('yoyNote')), terms(t, ['bh', 'p'], 'yoy-terms')] : null,
    rows.length ? downloads('yoy', comparePath) : null);
  if (!rows.length) {
    return [];
  }
  const colourOf = (e) => {
    const c = changes.get(e.unit.code);
    return c.significant ? (c.delta > 0 ? colours.up : colours.down) : colours.muted;
  };
  draw(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((e) => wrap(nameOf(e.unit))),
      datasets: [
        { type: 'bar', label: t('yoySignificant'), data: rows.map((e) => [e[baseline], e[year]]),
          backgroundColor: rows.map(colourOf), barThickness: 4 },
        { type: 'line', label: t('yoyPeriod', baseline), data: rows.map((e) => e[baseline]), showLine: false,
          pointRadius: 5, pointStyle: 'circle', borderColor: colours.muted, backgroundColor: '#ffffff', borderWidth: 2 },
        { type: 'line', label: t('yoyPeriod', year), data: rows.map((e) => e[year]), showLine: false,
          pointRadius: 6, pointBackgroundColor: rows.map(colourOf), pointBorderColor: rows.map(colourOf),
          borderColor: colours.primary, backgroundColor: colours.primary },
      ],
    },
    options: {
      indexAxis: 'y',
      // The index's whole scale: a floor cut at 50 made a change of a point or two look like a leap.
      scales: { x: { min: 0, max: 100, title: { display: true, text: t('index') } }, y: { ticks: { autoSkip: false } } },
      plugins: {
        legend: { labels: { filter: (item) => item.datasetIndex !== 0 } },
        tooltip: { callbacks: { label: (c) => {
          const e = rows[c.dataIndex];
          const change = changes.get(e.unit.code);
          return `${baseline}: ${num(e[baseline])} → ${year}: ${num(e[year])} (${signed(change.delta)}; ${t('pAdjusted')} ${pValue(change.adjustedP)})`;
        } } },
      },
    },
  });
  return rows.map((e) => e.unit.code);
}
