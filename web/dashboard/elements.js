// The five element indices as bars with their 95% intervals as whiskers.
import { chartBox, ciWhiskers, colours, draw, wrap } from '/lib/charts.js';
import { fill, h } from '/lib/dom.js';
import { num } from '/lib/i18n.js';
import { terms } from '/lib/terms.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

/** total: /indices without grouping (one group), fetched from path; elementName(code) from /forms/SIPAS. */
export function render(section, total, elementName, path) {
  const group = total.groups[0];
  const entries = group && !group.suppressed ? Object.entries(group.elements ?? {}) : [];
  const names = entries.map(([code]) => elementName(code));
  const summary = entries.map(([code, e]) => `${elementName(code)} ${num(e.value)} (${num(e.low)}–${num(e.high)})`).join('; ');
  const { box, canvas } = chartBox('elements-chart', t('elementsLabel', entries.length, summary));
  fill(section, h('h2', {}, t('elementsTitle')), entries.length ? [box, terms(t, ['ci'], 'elements-terms'), downloads('elements', path)] : h('p', {}, t('noData')));
  if (!entries.length) {
    return;
  }
  draw(canvas, {
    type: 'bar',
    data: {
      labels: names.map((n) => wrap(n, 18)),
      datasets: [{ label: t('index'), data: entries.map(([, e]) => e.value), ci: entries.map(([, e]) => [e.low, e.high]),
        backgroundColor: colours.primary, maxBarThickness: 56 }],
    },
    options: {
      scales: { y: { min: 0, max: 100, title: { display: true, text: t('index') } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => {
          const e = entries[c.dataIndex][1];
          return `${num(e.value)} (${t('ci', num(e.low), num(e.high))})`;
        } } },
      },
    },
    plugins: [ciWhiskers],
  });
}
