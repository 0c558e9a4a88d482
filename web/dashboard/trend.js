// The monthly index of the period in view with its 95% band (the area between the low and high datasets), months
// without a published figure as gaps, and the target as a horizontal line when there is one.
import { bandDatasets, chartBox, colours, draw } from '/lib/charts.js';
import { fill, h } from '/lib/dom.js';
import { formatMonth, num } from '/lib/i18n.js';
import { terms } from '/lib/terms.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

/** "2025-03" → the month after it. */
function nextMonth(month) {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Every month from the first to the last the API returned, a month it did not return (no response) standing in as
 * a suppressed point, so that the line breaks there instead of joining across it.
 */
export function monthsOf(points) {
  if (!points.length) {
    return [];
  }
  const byMonth = new Map(points.map((p) => [p.group.month, p]));
  const months = [];
  for (let m = points[0].group.month; m <= points[points.length - 1].group.month; m = nextMonth(m)) {
    months.push(byMonth.get(m) ?? { group: { month: m }, n: 0, suppressed: true });
  }
  return months;
}

/**
 * data: /trend?interval=month over the year in view, fetched from path; target: the index the unit aims at (0–100)
 * or null, drawn as a horizontal line.
 */
export function render(section, data, path, { target } = {}) {
  const points = monthsOf(data.points);
  const labels = points.map((p) => formatMonth(p.group.month));
  const years = [...new Set(points.map((p) => p.group.month.slice(0, 4)))];
  const hasTarget = typeof target === 'number' && target >= 0 && target <= 100;
  const gaps = points.filter((p) => p.suppressed || !p.index).map((p) => formatMonth(p.group.month));
  const { box, canvas } = chartBox('trend-chart',
    `${t('trendLabel', points.length, labels[0] ?? '–', labels[labels.length - 1] ?? '–')}`
      + `${hasTarget ? ` ${t('target', num(target))}.` : ''}${gaps.length ? ` ${t('trendSuppressed', gaps.join(', '))}` : ''}`,
    'chart-box wide');
  fill(section, h('h2', {}, years.length === 1 ? t('trendTitleYear', years[0]) : t('trendTitle')), points.length
    ? [box,
      gaps.length ? h('p', { class: 'note', id: 'trend-gaps' }, t('trendSuppressed', gaps.join(', '))) : null,
      h('p', { class: 'note' }, t('trendAxis')),
      terms(t, ['ci', 'n'], 'trend-terms'),
      downloads('trend', path)]
    : h('p', {}, t('noData')));
  if (!points.length) {
    return;
  }
  const datasets = bandDatasets(points, { low: t('ciLow'), band: t('ciBand'), index: t('index') });
  if (hasTarget) {
    datasets.push({ label: t('target', num(target)), data: points.map(() => target), borderColor: colours.accent,
      backgroundColor: 'transparent', borderDash: [6, 4], borderWidth: 2, pointRadius: 0, fill: false });
  }
  draw(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      interaction: { mode: 'index', intersect: false },
      // The whole 0–100 scale of the index: a scale cut to the spread of the months (or the old floor of 50) makes a
      // move of one or two points, often inside the 95% band, look like a rise or a fall.
      scales: { y: { min: 0, max: 100, title: { display: true, text: t('index') } } },
      plugins: {
        legend: { labels: { filter: (item) => item.datasetIndex !== 0 } },
        // The band's upper edge is labelled as the upper bound, not as the band its legend entry names.
        tooltip: { callbacks: { label: (c) => `${c.datasetIndex === 1 ? t('ciHigh') : c.dataset.label}: ${num(c.parsed.y)}` } },
      },
    },
  });
}
