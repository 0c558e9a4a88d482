// When citizens are not satisfied: a weekday × hour table (Vietnam time) of the ratings in view, each cell giving its
// number of ratings and, from min_n answers, the share satisfied on the overall question with its 95% interval, in
// words; the cell's colour only helps the eye. Every figure is the API's (/timing); nothing is recomputed here.
// The rollups keep no hour, so /timing counts the responses themselves: the dashboard asks for it by itself only when a
// centre is chosen (the table is per centre), once the rest of the view is drawn; for a wider view a button asks.
import { get } from '/lib/api.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { count, num } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** A band for a share, for the cell's background only (the share is written in the cell). */
function band(share) {
  if (share >= 90) {
    return 'band-high';
  }
  if (share >= 75) {
    return 'band-good';
  }
  if (share >= 60) {
    return 'band-fair';
  }
  return 'band-low';
}

function cell(c, weekday, hour) {
  if (!c) {
    return h('td', { class: 'empty' }, h('span', { 'aria-hidden': 'true' }, '·'),
      h('span', { class: 'visually-hidden' }, t('timingNone')));
  }
  if (c.suppressed) {
    return h('td', { class: 'suppressed', 'data-weekday': weekday, 'data-hour': hour },
      h('span', { class: 'n' }, t('n', count(c.n))), h('span', { class: 'few' }, t('timingFew')));
  }
  return h('td', { class: band(c.share), 'data-weekday': weekday, 'data-hour': hour },
    h('span', { class: 'share' }, `${num(c.share, 0)} %`),
    h('span', { class: 'ci' }, `${num(c.low, 0)}–${num(c.high, 0)}`),
    h('span', { class: 'n' }, t('n', count(c.n))));
}

/** The last table fetched on the button, kept for a redraw of the same view (a change of language). */
let fetched = { path: null, data: null };

/** The section before its table is asked for: what it would show, why it waits, and the button that asks. */
function offer(section, scope, path, onError) {
  const button = h('button', { type: 'button', class: 'secondary', id: 'timing-show' }, t('timingShow'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = t('loading');
    if (await fetchAndDraw(section, scope, path, onError)) {
      section.querySelector('.table-wrap')?.focus();
    } else {
      button.disabled = false;
      button.textContent = t('timingShow');
    }
  });
  fill(section, h('h2', {}, t('timingTitle')), h('p', { class: 'note' }, t('timingOnDemand', scope)), button);
}

/** Whether the table of this API path was fetched already (a redraw draws it again without asking). */
export const has = (path) => fetched.path === path;

/** Asks for the table and draws it; false (the failure shown) when it could not. */
async function fetchAndDraw(section, scope, path, onError) {
  try {
    fetched = { path, data: await get(path) };
  } catch (e) {
    onError(e);
    return false;
  }
  render(section, fetched.data, scope, path, onError);
  return true;
}

/**
 * The table of a centre's view, asked for after the rest of the view is drawn (it counts responses, which takes
 * longer than the rollups' figures): the section says it is loading meanwhile. isCurrent(): whether the view it was
 * asked for is still the one shown.
 */
export async function load(section, scope, path, onError, isCurrent) {
  if (fetched.path === path) {
    render(section, fetched.data, scope, path, onError);
    return;
  }
  fill(section, h('h2', {}, t('timingTitle')), h('p', { class: 'note' }, t('loading')));
  let data;
  try {
    data = await get(path);
  } catch (e) {
    if (isCurrent()) {
      onError(e);
    }
    return;
  }
  if (isCurrent()) {
    fetched = { path, data };
    render(section, data, scope, path, onError);
  }
}

/**
 * data: /timing for the view, or null when it was not asked for with the view (then a button asks); scope: the words
 * naming what it covers; path: its API path, for the button and the downloads; onError(e) shows a failure.
 */
export function render(section, data, scope, path, onError) {
  if (!data) {
    if (fetched.path === path) {
      render(section, fetched.data, scope, path, onError);
    } else {
      offer(section, scope, path, onError);
    }
    return;
  }
  const title = t('timingTitle');
  if (!data.cells.length) {
    fill(section, h('h2', {}, title), h('p', {}, t('noData')));
    return;
  }
  const byKey = new Map(data.cells.map((c) => [`${c.weekday}-${c.hour}`, c]));
  const hours = data.cells.map((c) => c.hour);
  const first = Math.min(...hours);
  const last = Math.max(...hours);
  const columns = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const weekdays = WEEKDAYS.filter((d) => data.cells.some((c) => c.weekday === d) || d <= 5);
  const table = h('table', { id: 'timing-table', class: 'timing' },
    h('caption', {}, t('timingCaption', scope)),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('weekday')),
      columns.map((hour) => h('th', { scope: 'col', class: 'num' }, t('hourOf', hour))))),
    h('tbody', {}, weekdays.map((d) => h('tr', { 'data-weekday': d },
      h('th', { scope: 'row' }, t(`weekday_${d}`)),
      columns.map((hour) => cell(byKey.get(`${d}-${hour}`), d, hour))))));
  fill(section, h('h2', {}, title),
    h('p', { class: 'note' }, data.overall ? t('timingIntro', data.minN) : t('timingNoOverall')),
    tableBox(table, title),
    h('p', { class: 'note timing-legend' }, t('timingLegend')),
    downloads('timing', path));
}
