// Why citizens were not satisfied: each reason's share of the ratings not satisfied, with its 95% interval, for the
// whole scope, then by unit. Every share and interval is the API's (/reasons); nothing is recomputed here.
import { chartBox, ciWhiskers, colours, draw, wrap } from '/lib/charts.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { count, currentLang, nameOf, num, pick } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

/**
 * data: {total: /reasons, units: /reasons?groupBy=unit}; question: the form's reason question; paths: theirs, and
 * that of the reasons by procedure (a download only: a province has hundreds of procedures).
 */
export function render(section, data, question, paths) {
  const title = t(`reasonsTitle_${question.kind}`);
  const label = (level) => pick(data.total.levels.find((l) => l.level === level), 'label', currentLang());
  const whole = data.total.groups[0];
  if (!whole || whole.suppressed) {
    fill(section, h('h2', {}, title), h('p', {}, whole ? t('suppressed', data.total.minN) : t('noData')));
    return;
  }
  if (!whole.dissatisfied) {
    fill(section, h('h2', {}, title), h('p', {}, t('reasonsNone')));
    return;
  }
  const reasons = [...whole.reasons].sort((a, b) => b.count - a.count);
  const summary = reasons.map((r) => `${label(r.level)} ${num(r.share)} (${num(r.low)}–${num(r.high)})`).join('; ');
  const { box, canvas } = chartBox('reasons-chart', `${title}: ${summary}`);
  box.style.height = `${Math.max(200, 44 * reasons.length + 60)}px`;
  const byReason = table(title, [t('reason'), t('reasonCount'), t('reasonShare'), t('ci95')], reasons.map((r) =>
    h('tr', { 'data-reason': r.level },
      h('th', { scope: 'row' }, label(r.level)),
      h('td', { class: 'num' }, count(r.count)),
      h('td', { class: 'num' }, num(r.share)),
      h('td', { class: 'num' }, `${num(r.low)}–${num(r.high)}`))), { id: 'reasons-table', captionClass: 'visually-hidden' });
  const units = [...data.units.groups].sort((a, b) => a.group.unit.code.localeCompare(b.group.unit.code));
  const byUnit = table(t('reasonsByUnit'), [t('unit'), 'n', t('dissatisfied'), t('topReason')], units.map((g) => {
    const top = (g.reasons ?? []).reduce((best, r) => (r.count > (best?.count ?? 0) ? r : best), null);
    return h('tr', { 'data-unit': g.group.unit.code },
      h('th', { scope: 'row' }, nameOf(g.group.unit)),
      h('td', { class: 'num' }, count(g.n)),
      h('td', { class: 'num' }, g.suppressed ? t('suppressed', data.units.minN) : count(g.dissatisfied)),
      h('td', {}, top ? `${label(top.level)} (${num(top.share)} %)` : '–'));
  }), { id: 'reasons-units-table' });
  fill(section, h('h2', {}, title),
    h('p', { class: 'note' }, t('reasonsIntro', count(whole.dissatisfied), count(whole.n), count(whole.gaveReason))),
    box, tableBox(byReason, title), downloads('reasons', paths.total, title),
    tableBox(byUnit), downloads('reasons-units', paths.units, t('reasonsByUnit')),
    downloads('reasons-services', paths.services, t('reasonsByService')));
  draw(canvas, {
    type: 'bar',
    data: {
      labels: reasons.map((r) => wrap(label(r.level), 28)),
      datasets: [{ label: t('reasonShare'), data: reasons.map((r) => r.share), ci: reasons.map((r) => [r.low, r.high]),
        backgroundColor: colours.accent, maxBarThickness: 28 }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, title: { display: true, text: t('reasonShare') } } },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => {
          const r = reasons[c.dataIndex];
          return `${num(r.share)} % (${t('ci', num(r.low), num(r.high))}), ${count(r.count)}`;
        } } },
      },
    },
    plugins: [ciWhiskers],
  });
}
