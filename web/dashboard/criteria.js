// The criteria table: share satisfied with its Wilson interval, mean score, answers by level; sortable by any column.
import { colours } from '/lib/charts.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { count, num } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

let sort = { key: 'order', ascending: true };

/** One bar per criterion, its five segments sized by the API's counts (widths only, nothing recomputed for display). */
function distributionBar(counts, answered, label) {
  const names = [1, 2, 3, 4, 5].map((l) => t(`level${l}`));
  const description = counts.map((c, i) => `${names[i]} ${count(c)}`).join(', ');
  const bar = h('div', { class: 'dist', role: 'img', 'aria-label': t('distributionOf', label, description) });
  counts.forEach((c, i) => {
    const part = h('span', { class: `dist-part level${i + 1}`, title: `${names[i]}: ${count(c)}` });
    part.style.width = `${answered ? (100 * c) / answered : 0}%`;
    part.style.backgroundColor = colours.levels[i];
    bar.append(part);
  });
  return bar;
}

function legend() {
  return h('ul', { class: 'dist-legend', 'aria-hidden': 'true' }, [1, 2, 3, 4, 5].map((l) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.backgroundColor = colours.levels[l - 1];
    return h('li', {}, swatch, t(`level${l}`));
  }));
}

/**
 * total: /indices (one group); distribution: /distribution (one group); criterionName(code); paths: the API paths
 * of the criteria rows (/indices?table=criteria) and of the distribution, for the downloads.
 */
export function render(section, total, distribution, criterionName, paths) {
  const group = total.groups[0];
  const counts = new Map((distribution.groups[0]?.criteria ?? []).map((c) => [c.code, c]));
  const rows = group && !group.suppressed ? group.criteria.map((c, order) => ({ ...c, order, name: criterionName(c.code) })) : [];
  const columns = [
    { key: 'order', label: t('criterion') },
    { key: 'share', label: t('share') },
    { key: 'wilsonLow', label: t('wilson') },
    { key: 'meanScore', label: t('meanScore') },
    { key: 'nValid', label: t('answered') },
    { key: null, label: t('distribution') },
  ];
  const table = h('table', { id: 'criteria-table' });
  const draw = () => {
    const sorted = [...rows].sort((a, b) => {
      const x = a[sort.key] ?? -Infinity;
      const y = b[sort.key] ?? -Infinity;
      return (x < y ? -1 : x > y ? 1 : 0) * (sort.ascending ? 1 : -1);
    });
    const head = h('tr', {}, columns.map((c) => {
      if (!c.key) {
        return h('th', { scope: 'col' }, c.label);
      }
      const active = sort.key === c.key;
      return h('th', { scope: 'col', 'aria-sort': active ? (sort.ascending ? 'ascending' : 'descending') : null },
        h('button', { type: 'button', class: 'sort', 'data-sort': c.key, title: t('sortBy', c.label), onclick: () => {
          sort = { key: c.key, ascending: active ? !sort.ascending : c.key === 'order' };
          draw();
        } }, c.label, h('span', { class: 'arrow', 'aria-hidden': 'true' }, active ? (sort.ascending ? ' ▲' : ' ▼') : '')));
    }));
    const body = sorted.map((c) => {
      const d = counts.get(c.code);
      return h('tr', { 'data-code': c.code },
        h('th', { scope: 'row' }, h('span', { class: 'code' }, c.code), ' ', c.name),
        h('td', { class: 'num' }, num(c.share)),
        h('td', { class: 'num' }, `${num(c.wilsonLow)}–${num(c.wilsonHigh)}`),
        h('td', { class: 'num' }, num(c.meanScore, 2)),
        h('td', { class: 'num' }, count(c.nValid)),
        h('td', { class: 'dist-cell' }, d ? distributionBar(d.counts, d.answered, c.code) : '–'));
    });
    table.replaceChildren(h('caption', { class: 'visually-hidden' }, t('criteriaTitle')), h('thead', {}, head), h('tbody', {}, body));
  };
  draw();
  fill(section, h('h2', {}, t('criteriaTitle')),
    rows.length ? [legend(), tableBox(table, t('criteriaTitle')),
      downloads('criteria', paths.criteria, t('criteriaTitle')),
      downloads('distribution', paths.distribution, t('distribution'))]
      : h('p', {}, t('noData')));
}
