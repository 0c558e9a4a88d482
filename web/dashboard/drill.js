// Drill-down: a unit, a month or an element clicked narrows the view (one history entry each, so Back returns), and
// a path of the narrowings above the sections leads back up. Links and buttons beside the charts make every
// narrowing reachable by keyboard; clicking a bar or a point does the same.
import { h } from '/lib/dom.js';
import { currentLang } from '/lib/i18n.js';
import { t } from './messages.js';

/** A month (YYYY-MM) as the reader says it: "tháng 03/2025", "March 2025". */
export function monthName(month) {
  const [year, m] = month.split('-');
  if (currentLang() === 'vi') {
    return `tháng ${m}/${year}`;
  }
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(Number(year), Number(m) - 1, 1)));
}

/** The address of the view narrowed by change, for a link that also opens in a new tab. */
function href(change) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(change)) {
    if (value) {
      params.set(key, value);
    } else {
      params.delete(key);
    }
  }
  return `${location.pathname}?${params}`;
}

function link(text, change, narrow, attributes = {}) {
  return h('a', { href: href(change), class: 'drill-link', ...attributes, onclick: (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return; // a new tab or window opens the narrowed view itself
    }
    event.preventDefault();
    narrow(change);
  } }, text);
}

/** Turns the names in a section's unit rows or cards (selector, inside an element with data-unit) into links. */
export function units(section, selector, narrow) {
  for (const cell of section.querySelectorAll(selector)) {
    const code = cell.closest('[data-unit]')?.dataset.unit;
    if (!code || cell.querySelector('a')) {
      continue;
    }
    const name = cell.textContent;
    cell.replaceChildren(link(name, { unit: code, month: '', element: '' }, narrow,
      { title: t('drillUnitTitle', name), 'data-drill-unit': code }));
  }
}

/** Clicking a ranking bar narrows to its unit, as its row's link does. */
export function rankingBars(data, narrow) {
  onChartClick('rankings-chart', data.ranked.length, (i) => narrow({ unit: data.ranked[i].group.unit.code, month: '', element: '' }));
}

/**
 * Clicking a unit's row of the year-on-year chart narrows to it; codes: the rows' units in the chart's order (what
 * yoy.render returns). The same unit's link is in the ranking table, for the keyboard.
 */
export function yoyRows(codes, narrow) {
  if (!window.Chart?.getChart('yoy-chart')) {
    return;
  }
  onChartClick('yoy-chart', codes.length, (i) => narrow({ unit: codes[i], month: '', element: '' }));
}

/** Buttons for the months of the year in view under the trend; clicking a point of the trend does the same. */
export function months(section, trend, state, narrow) {
  const points = trend.points ?? [];
  onChartClick('trend-chart', points.length, (i) => {
    const month = points[i].group.month;
    narrow({ year: month.slice(0, 4), month });
  });
  const inYear = points.map((p) => p.group.month).filter((m) => m.startsWith(`${state.year}-`));
  if (!inYear.length) {
    return;
  }
  section.append(h('nav', { class: 'drill-choices no-print', id: 'trend-months', 'aria-label': t('drillMonths', state.year) },
    h('span', {}, t('drillMonths', state.year)),
    h('ul', {}, inYear.map((m) => h('li', {}, link(m.slice(5) + '/' + m.slice(0, 4), { month: m, element: '' }, narrow,
      { 'data-month': m, 'aria-current': m === state.month ? 'true' : null, 'aria-label': monthName(m) }))))));
}

/** Buttons for the elements under their chart; clicking a bar does the same. */
export function elements(section, total, state, elementName, narrow) {
  const group = total.groups[0];
  const codes = group && !group.suppressed ? Object.keys(group.elements ?? {}) : [];
  if (!codes.length) {
    return;
  }
  onChartClick('elements-chart', codes.length, (i) => narrow({ element: codes[i] }));
  section.append(h('nav', { class: 'drill-choices no-print', id: 'element-links', 'aria-label': t('drillElements') },
    h('span', {}, t('drillElements')),
    h('ul', {}, [
      h('li', {}, link(t('drillElementsAll'), { element: '' }, narrow, { 'aria-current': state.element ? null : 'true' })),
      ...codes.map((code) => h('li', {}, link(elementName(code), { element: code }, narrow,
        { 'data-element': code, 'aria-current': code === state.element ? 'true' : null })))])));
}

/** The narrowings in view, each leading back up, and a Back button; hidden when nothing is narrowed. */
export function renderNav(nav, state, { unitName, elementName }, narrow) {
  const steps = [];
  if (state.unit) {
    steps.push({ text: unitName ?? state.unit, up: { month: '', element: '' } });
  }
  if (state.month) {
    steps.push({ text: monthName(state.month), up: { element: '' } });
  }
  if (state.element) {
    steps.push({ text: t('drillElement', elementName ?? state.element), up: {} });
  }
  nav.hidden = steps.length === 0;
  nav.setAttribute('aria-label', t('drillNav'));
  if (!steps.length) {
    nav.replaceChildren();
    return;
  }
  const crumbs = [{ text: t('drillAll'), up: { unit: '', month: '', element: '' } }, ...steps];
  nav.replaceChildren(
    h('button', { type: 'button', class: 'secondary drill-back', id: 'drill-back', onclick: () => history.back() }, `← ${t('drillBack')}`),
    h('ol', {}, crumbs.map((c, i) => h('li', {}, i === crumbs.length - 1
      ? h('span', { 'aria-current': 'page' }, c.text)
      : link(c.text, c.up, narrow)))));
}

/** Runs onIndex(i) when a bar or point i of the chart on canvas id is clicked. */
function onChartClick(id, length, onIndex) {
  const chart = window.Chart?.getChart(id);
  if (!chart) {
    return;
  }
  // On the chart's own options, which every update (a resize too) resolves again, and on the resolved ones for now.
  const handlers = {
    onClick: (event, active) => {
      const i = active[0]?.index;
      if (i !== undefined && i < length) {
        onIndex(i);
      }
    },
    onHover: (event, active) => {
      event.native.target.style.cursor = active.length ? 'pointer' : 'default';
    },
  };
  Object.assign(chart.config.options, handlers);
  Object.assign(chart.options, handlers);
}
