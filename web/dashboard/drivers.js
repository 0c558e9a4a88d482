// Importance–performance: each criterion's r with the overall question against its share satisfied, each with its 95%
// interval as whiskers, on the full scales (r 0–1, share 0–100) so that third-decimal differences do not look large.
// A criterion is coloured by its quadrant only when the API says the data determine it; the others are hollow grey,
// "cannot be told", and the table under the chart says the same in words.
import { chartBox, colours, draw } from '/lib/charts.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { count, num } from '/lib/i18n.js';
import { terms } from '/lib/terms.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

const QUADRANTS = { CONCENTRATE_HERE: '#b91c1c', KEEP_UP: '#15803d', LOW_PRIORITY: '#52606d', POSSIBLE_OVERKILL: '#b45309' };
const UNDETERMINED = '#6b7280';

/** Labels each point with its criterion code. */
const codeLabels = {
  id: 'codeLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = colours.text;
    chart.data.datasets.forEach((dataset, di) => {
      if (dataset.type === 'line') {
        return;
      }
      chart.getDatasetMeta(di).data.forEach((point, i) => ctx.fillText(dataset.data[i].code, point.x + 6, point.y - 4));
    });
    ctx.restore();
  },
};

/** Each point's two 95% intervals (raw.rLow…rHigh across, raw.pLow…pHigh up), drawn before the points. */
const crossWhiskers = {
  id: 'crossWhiskers',
  beforeDatasetsDraw(chart) {
    const { ctx, scales: { x, y } } = chart;
    ctx.save();
    ctx.lineWidth = 1;
    chart.data.datasets.forEach((dataset, di) => {
      if (dataset.type === 'line') {
        return;
      }
      ctx.strokeStyle = dataset.borderColor;
      chart.getDatasetMeta(di).data.forEach((point, i) => {
        const d = dataset.data[i];
        ctx.beginPath();
        ctx.moveTo(x.getPixelForValue(d.rLow), point.y);
        ctx.lineTo(x.getPixelForValue(d.rHigh), point.y);
        ctx.moveTo(point.x, y.getPixelForValue(d.pLow));
        ctx.lineTo(point.x, y.getPixelForValue(d.pHigh));
        ctx.stroke();
      });
    });
    ctx.restore();
  },
};

/** The dividing lines (mean r, mean share), dashed, under everything. */
function dividers(importanceLine, performanceLine) {
  return {
    id: 'dividers',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: a, scales: { x, y } } = chart;
      ctx.save();
      ctx.setLineDash([5, 4]);
      ctx.strokeStyle = '#52606d';
      ctx.beginPath();
      ctx.moveTo(x.getPixelForValue(importanceLine), a.top);
      ctx.lineTo(x.getPixelForValue(importanceLine), a.bottom);
      ctx.moveTo(a.left, y.getPixelForValue(performanceLine));
      ctx.lineTo(a.right, y.getPixelForValue(performanceLine));
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** What a driver's place reads as: its quadrant, or "cannot be told". */
const placeOf = (d) => (d.determined ? t(`quadrant_${d.quadrant}`) : t('quadrant_UNDETERMINED'));

/** data: /drivers, fetched from path; criterionName(code). */
export function render(section, data, criterionName, path) {
  const usable = data.filter((d) => d.r !== null && d.performance !== null);
  const { box, canvas } = chartBox('drivers-chart', t('driversLabel', usable.length), 'chart-box square');
  const undetermined = usable.filter((d) => !d.determined);
  const lines = usable[0] ? t('driversLines', num(usable[0].importanceLine, 3), num(usable[0].performanceLine)) : '';
  const table = h('table', { id: 'drivers-table' },
    h('caption', { class: 'visually-hidden' }, t('driversTable')),
    h('thead', {}, h('tr', {}, [t('criterion'), 'r', t('ci95'), t('share'), t('wilson'), 'n', t('quadrant')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, usable.map((d) => h('tr', { 'data-code': d.criterion, 'data-determined': String(d.determined) },
      h('th', { scope: 'row' }, h('span', { class: 'code' }, d.criterion), ' ', criterionName(d.criterion)),
      h('td', { class: 'num' }, num(d.r, 3)),
      h('td', { class: 'num' }, `${num(d.rLow, 3)}–${num(d.rHigh, 3)}`),
      h('td', { class: 'num' }, num(d.performance)),
      h('td', { class: 'num' }, `${num(d.performanceLow)}–${num(d.performanceHigh)}`),
      h('td', { class: 'num' }, count(d.n)),
      h('td', {}, placeOf(d))))));
  fill(section, h('h2', {}, t('driversTitle')), usable.length
    ? [box,
      h('p', { class: 'plain', id: 'drivers-plain' }, t('driversPlain')),
      h('p', { class: 'note', id: 'drivers-lines' }, `${lines}. ${t('driversUndetermined', undetermined.length, usable.length)}`),
      tableBox(table, t('driversTable')),
      terms(t, ['r', 'ci', 'wilson', 'n', 'undetermined'], 'drivers-terms'),
      downloads('drivers', path)]
    : h('p', {}, t('noData')));
  if (!usable.length) {
    return;
  }
  const point = (d) => ({ x: d.r, y: d.performance, code: d.criterion, rLow: d.rLow, rHigh: d.rHigh,
    pLow: d.performanceLow, pHigh: d.performanceHigh });
  const datasets = Object.entries(QUADRANTS).map(([quadrant, colour]) => ({
    label: t(`quadrant_${quadrant}`),
    data: usable.filter((d) => d.determined && d.quadrant === quadrant).map(point),
    backgroundColor: colour, borderColor: colour, pointRadius: 5,
  }));
  datasets.push({ label: t('quadrant_UNDETERMINED'), data: undetermined.map(point), backgroundColor: '#ffffff',
    borderColor: UNDETERMINED, borderWidth: 2, pointRadius: 5 });
  // r on its whole positive scale (0–1; −1 when an interval goes below 0) and the share on 0–100: the axes are not
  // stretched to the spread of the points, which would make differences in the third decimal look decisive.
  const xMin = usable.some((d) => d.rLow < 0) ? -1 : 0;
  draw(canvas, {
    type: 'scatter',
    data: { datasets: datasets.filter((d) => d.data.length) },
    options: {
      scales: {
        x: { min: xMin, max: 1, title: { display: true, text: t('importance') } },
        y: { min: 0, max: 100, title: { display: true, text: t('share') } },
      },
      plugins: {
        legend: { labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: (c) => `${c.raw.code} ${criterionName(c.raw.code)}: r = ${num(c.raw.x, 3)} `
          + `(${num(c.raw.rLow, 3)}–${num(c.raw.rHigh, 3)}), ${num(c.raw.y)}% (${num(c.raw.pLow)}–${num(c.raw.pHigh)})` } },
      },
    },
    plugins: [dividers(usable[0].importanceLine, usable[0].performanceLine), crossWhiskers, codeLabels],
  });
}
