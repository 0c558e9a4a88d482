// The criteria table: share satisfied with its Wilson interval, mean score, answers by level; sortable by any column.
import { colours } from '/lib/charts.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { count, num, pick, currentLang } from '/lib/i18n.js';
import { terms } from '/lib/terms.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

let sort = { key: 'order', ascending: true };

/**
 * The levels of the rated questions' scale, lowest first, each with its words and colour: red for the lowest, blues
 * for the levels counted as satisfied (the top two), grey or orange between.
 */
function scaleLevels(form) {
  const rated = form.questions.find((q) => q.kind === 'rating' || q.kind === 'overall');
  const levels = form.scales[rated?.scale]?.levels ?? [];
  const k = levels.length;
  const palette = { 3: [0, 3, 4], 4: [0, 1, 3, 4], 5: [0, 1, 2, 3, 4] }[k] ?? levels.map((_, i) => i % 5);
  return levels.map((l, i) => ({ name: pick(l, 'label', currentLang()), colour: colours.levels[palette[i]] }));
}

/** One bar per criterion, a segment per level sized by the API's counts (widths only, nothing recomputed). */
function distributionBar(counts, answered, label, levels) {
  const description = counts.map((c, i) => `${levels[i]?.name} ${count(c)}`).join(', ');
  const bar = h('div', { class: 'dist', role: 'img', 'aria-label': t('distributionOf', label, description) });
  counts.forEach((c, i) => {
    const part = h('span', { class: `dist-part level${i + 1}`, title: `${levels[i]?.name}: ${count(c)}` });
    part.style.width = `${answered ? (100 * c) / answered : 0}%`;
    part.style.backgroundColor = levels[i]?.colour;
    bar.append(part);
  });
  return bar;
}

function legend(levels) {
  return h('ul', { class: 'dist-legend', 'aria-hidden': 'true' }, levels.map((l) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.backgroundColor = l.colour;
    return h('li', {}, swatch, l.name);
  }));
}

/**
 * total: /indices (one group); distribution: /distribution (one group); criterionName(code); paths: the API paths
 * of the criteria rows (/indices?table=criteria) and of the distribution, for the downloads; form: /forms/{code}.
 */
export function render(section, total, distribution, criterionName, paths, form) {
  const levels = scaleLevels(form);
  const group = total.groups[0];
  const counts = new Map((distribution.groups[0]?.criteria ?? []).map((c) => [c.code, c]));
  const rows = group && !group.suppressed ? group.criteria.map((c, order) => ({ ...c, order, name: criterionName(c.code) })) : [];
  const columns = [
    { key: 'order', label: t('criterion') },
    { key: 'share', label: t('share') },
    { key: 'wilsonLow', label: t('wilson') },
    { key: 'meanScore', label: t('meanScore', levels.length) },
    { key: 'nValid', label: t('answered') },
    { key: null, label: t('distribution', levels.length) },
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
        h('td', { class: 'dist-cell' }, d ? distributionBar(d.counts, d.answered, c.code, levels) : '–'));
    });
    table.replaceChildren(h('caption', { class: 'visually-hidden' }, t('criteriaTitle')), h('thead', {}, head), h('tbody', {}, body));
  };
  draw();
  fill(section, h('h2', {}, t('criteriaTitle')),
    rows.length ? [legend(levels), tableBox(table, t('criteriaTitle')), terms(t, ['ci', 'wilson'], 'criteria-terms'),
      downloads('criteria', paths.criteria, t('criteriaTitle')),
      downloads('distribution', paths.distribution, t('distribution', levels.length))]
      : h('p', {}, t('noData')));
}
