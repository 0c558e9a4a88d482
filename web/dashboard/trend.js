// The monthly index with its 95% band: the band is the area between the low and high datasets.
import { bandDatasets, chartBox, draw } from '/lib/charts.js';
import { fill, h } from '/lib/dom.js';
import { num } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

/** data: /trend?interval=month, fetched from path. */
export function render(section, data, path) {
  const points = data.points;
  const labels = points.map((p) => p.group.month);
  const { box, canvas } = chartBox('trend-chart',
    t('trendLabel', points.length, labels[0] ?? '–', labels[labels.length - 1] ?? '–'), 'chart-box wide');
  fill(section, h('h2', {}, t('trendTitle')), points.length ? [box, downloads('trend', path)] : h('p', {}, t('noData')));
  if (!points.length) {
    return;
  }
  draw(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: bandDatasets(points, { low: t('ciLow'), band: t('ciBand'), index: t('index') }),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: { y: { suggestedMin: 50, suggestedMax: 100, title: { display: true, text: t('index') } } },
      plugins: {
        legend: { labels: { filter: (item) => item.datasetIndex !== 0 } },
        // The band's upper edge is labelled as the upper bound, not as the band its legend entry names.
        tooltip: { callbacks: { label: (c) => `${c.datasetIndex === 1 ? t('ciHigh') : c.dataset.label}: ${num(c.parsed.y)}` } },
      },
    },
  });
}
