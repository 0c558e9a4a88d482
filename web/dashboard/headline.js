// The first thing an official reads: the scope's index with its interval and n, the change since the year before
// with its significance, and the target with a verdict that respects the interval. Every figure is the API's.
import { fill, h } from '/lib/dom.js';
import { count, num, signed } from '/lib/i18n.js';
import { t } from './messages.js';

/**
 * The verdict on a target: met only when the whole 95% interval is at or above it, not met when the whole interval
 * is below it, otherwise not yet decided. null without a target or an index.
 */
export function verdict(index, target) {
  if (target === null || target === undefined || !index) {
    return null;
  }
  if (index.low >= target) {
    return 'met';
  }
  if (index.high < target) {
    return 'notMet';
  }
  return 'undecided';
}

function changeSentence(compared, baselineYear) {
  const overall = compared && !compared.suppressed ? compared.overall : null;
  if (!overall) {
    return h('p', { id: 'headline-change', class: 'headline-change' }, t('headlineNoBaseline', baselineYear));
  }
  const meaning = overall.significant ? t(overall.delta > 0 ? 'significantUp' : 'significantDown') : t('notSignificant');
  return h('p', { id: 'headline-change', class: `headline-change${overall.significant ? (overall.delta > 0 ? ' up' : ' down') : ''}`,
    'data-significant': String(overall.significant) },
  t('headlineChange', baselineYear, signed(overall.delta), meaning));
}

/**
 * data: {total: /indices for the scope and year (one group), compare: /compare of the year with the year before
 * (one group), target: the scope's target (number) or null}; scopeName: the unit's or the whole scope's name;
 * yearNote: the sentence saying why this year is in view, or null.
 */
export function render(section, data, { scopeName, year, yearNote }) {
  const group = data.total.groups[0];
  const note = yearNote ? h('p', { id: 'default-year', class: 'headline-year' }, yearNote) : null;
  if (!group || group.suppressed || !group.index) {
    const n = group?.n ?? 0;
    fill(section, h('h2', {}, t('headlineTitle')), note,
      h('p', { id: 'headline-suppressed', class: 'headline-sentence' },
        group?.weightingUnavailable ? t('unweightable') : t('headlineSuppressed', scopeName, year, count(n), data.total.minN)));
    section.dataset.verdict = 'suppressed';
    return;
  }
  const { index } = group;
  const target = data.target;
  const judged = verdict(index, target);
  section.dataset.verdict = judged ?? 'none';
  const targetLine = judged
    ? h('p', { id: 'headline-target', class: `headline-verdict ${judged}` },
      h('strong', { id: 'headline-verdict' }, t(`verdict_${judged}`)), ' ',
      t(`verdictWhy_${judged}`, num(target), num(index.low), num(index.high)))
    : h('p', { id: 'headline-target', class: 'headline-verdict none' }, t('headlineNoTarget', year));
  fill(section, h('h2', {}, t('headlineTitle')), note,
    h('div', { class: 'headline-figures' },
      h('p', { class: 'headline-value' }, h('span', { class: 'label' }, t('index')), ' ',
        h('span', { id: 'headline-index', class: 'big' }, num(index.value))),
      h('p', { class: 'headline-ci' }, h('span', { id: 'headline-ci' }, t('ci', num(index.low), num(index.high))),
        h('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '),
        h('span', { id: 'headline-n' }, t('n', count(group.n)))),
      target === null || target === undefined ? null
        : h('p', { class: 'headline-goal' }, t('headlineTarget'), ' ', h('span', { id: 'headline-target-value' }, `≥ ${num(target)}`))),
    h('p', { id: 'headline-sentence', class: 'headline-sentence' },
      t('headlineSentence', year, scopeName, num(index.value), num(index.low), num(index.high), count(group.n))),
    changeSentence(data.compare.groups[0], year - 1),
    targetLine);
}
