// One card per unit in scope: its index, 95% CI, n and the change since the year before with its significance.
import { fill, h } from '/lib/dom.js';
import { count, nameOf, num, signed } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

function change(compared, baselineYear) {
  if (!compared || compared.suppressed || !compared.overall) {
    return h('p', { class: 'change' }, t('noBaseline', baselineYear));
  }
  const { delta, significant } = compared.overall;
  const mark = significant ? (delta > 0 ? '▲' : '▼') : '';
  const meaning = significant ? t(delta > 0 ? 'significantUp' : 'significantDown') : t('notSignificant');
  return h('p', { class: `change${significant ? (delta > 0 ? ' up' : ' down') : ''}`, title: meaning },
    mark ? h('span', { class: 'mark', 'aria-hidden': 'true' }, `${mark} `) : null,
    t('change', baselineYear, signed(delta)),
    h('span', { class: 'visually-hidden' }, ` (${meaning})`));
}

/** data: {indices: /indices?groupBy=unit, compare: /compare?groupBy=unit}; path: where the indices came from. */
export function render(section, data, state, path) {
  const baselineYear = Number(state.year) - 1;
  const compared = new Map((data.compare?.groups ?? []).map((g) => [g.group.unit?.code, g]));
  const groups = [...data.indices.groups].sort((a, b) => a.group.unit.code.localeCompare(b.group.unit.code));
  const cards = groups.map((g) => {
    const unit = g.group.unit;
    const body = g.suppressed || !g.index
      ? [h('p', { class: 'value suppressed' }, g.weightingUnavailable ? t('unweightable') : t('suppressed', data.indices.minN)),
        h('p', { class: 'n' }, t('n', count(g.n)))]
      : [h('p', { class: 'value' }, h('span', { class: 'visually-hidden' }, `${t('index')}: `), num(g.index.value)),
        h('p', { class: 'ci' }, t('ci', num(g.index.low), num(g.index.high))),
        h('p', { class: 'n' }, t('n', count(g.n))),
        change(compared.get(unit.code), baselineYear)];
    return h('li', { class: `card${g.suppressed ? ' is-suppressed' : ''}`, 'data-unit': unit.code },
      h('h3', {}, nameOf(unit)), ...body);
  });
  fill(section, h('h2', {}, t('overviewTitle')),
    cards.length ? [h('ul', { class: 'cards' }, cards), downloads('overview', path)] : h('p', {}, t('noData')));
}
