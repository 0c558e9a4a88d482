// Importance–performance: each criterion's r with the overall question against its share satisfied, by quadrant.
import { chartBox, draw } from '/lib/charts.js';
import { fill, h } from '/lib/dom.js';
import { num } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

const QUADRANTS = { CONCENTRATE_HERE: '#b91c1c', KEEP_UP: '#15803d', LOW_PRIORITY: '#9aa5b1', POSSIBLE_OVERKILL: '#d97706' };

/** Labels each point with its criterion code. */
const codeLabels = {
  id: 'codeLabels',
  afterDatasetsDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#1f2933';
    chart.data.datasets.forEach((dataset, di) => {
      chart.getDatasetMeta(di).data.forEach((point, i) => ctx.fillText(dataset.data[i].code, point.x + 6, point.y - 4));
    });
    ctx.restore();
  },
};

/** data: /drivers, fetched from path; criterionName(code). */
export function render(section, data, criterionName, path) {
  const usable = data.filter((d) => d.r !== null && d.performance !== null);
  const { box, canvas } = chartBox('drivers-chart', t('driversLabel', usable.length), 'chart-box square');
  fill(section, h('h2', {}, t('driversTitle')), usable.length ? [box, downloads('drivers', path)] : h('p', {}, t('noData')));
  if (!usable.length) {
    return;
  }
  draw(canvas, {
    type: 'scatter',
    data: {
      datasets: Object.entries(QUADRANTS).map(([quadrant, colour]) => ({
        label: t(`quadrant_${quadrant}`),
        data: usable.filter((d) => d.quadrant === quadrant).map((d) => ({ x: d.r, y: d.performance, code: d.criterion })),
        backgroundColor: colour, borderColor: colour, pointRadius: 5,
      })),
    },
    options: {
      scales: {
        x: { title: { display: true, text: t('importance') } },
        y: { title: { display: true, text: t('share') } },
      },
      plugins: {
        legend: { labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: (c) => `${c.raw.code} ${criterionName(c.raw.code)}: r = ${num(c.raw.x, 2)}, ${num(c.raw.y)}%` } },
      },
    },
    plugins: [codeLabels],
  });
}
