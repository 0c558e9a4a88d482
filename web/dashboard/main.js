// The dashboard shell: who is signed in, filters from the address, one load per view, every section drawn from it.
import { ApiError, get } from '/lib/api.js';
import { prune, resizeAll } from '/lib/charts.js';
import { h } from '/lib/dom.js';
import { currentLang, labelLanguageButton, nameOf, pick, setLang } from '/lib/i18n.js';
import { query, readState, renderFilters, writeState } from './filters.js';
import { t } from './messages.js';
import * as overview from './overview.js';
import * as trend from './trend.js';
import * as elements from './elements.js';
import * as criteria from './criteria.js';
import * as rankings from './rankings.js';
import * as yoy from './yoy.js';
import * as drivers from './drivers.js';
import * as comments from './comments.js';
import * as indicators from './indicators.js';

let session;
let lists;
let state;
let data;
let paths;
let loads = 0;
const $ = (id) => document.getElementById(id);

function signInAgain() {
  location.replace(`/login.html?next=${encodeURIComponent(location.pathname + location.search)}`);
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) {
    signInAgain();
    return;
  }
  if (!(error instanceof ApiError)) {
    console.warn(error);
  }
  const detail = error instanceof ApiError && error.status !== 0 ? `: ${error.message}` : '';
  $('status').className = 'status error';
  $('status').replaceChildren(h('span', {}, error?.status === 0 ? t('network') : `${t('failed')}${detail}`));
}

function renderChrome() {
  document.title = t('appTitle');
  $('title').textContent = t('title');
  labelLanguageButton($('lang'));
  $('print').textContent = t('print');
  $('report-link').textContent = t('report');
  updateReportLink();
  $('admin-link').textContent = t('admin');
  $('who').textContent = session.displayName;
  renderFilters($('filters'), state, lists, onFilter);
}

const elementName = (code) => nameOf(lists.form.elements.find((e) => e.code === code)) || code;
const criterionName = (code) => {
  const q = lists.form.questions.find((x) => x.code === code);
  return pick(q, 'text', currentLang()) || code;
};

function scopeText() {
  const unit = lists.units.find((u) => u.code === state.unit);
  const scope = t('scope', unit ? nameOf(unit) : t('allUnits'), state.year);
  return state.weighting ? `${scope} ${t('weightedScope')}` : scope;
}

/** The printable report of the unit and year in view. */
function updateReportLink() {
  const params = new URLSearchParams();
  for (const key of ['unit', 'year']) {
    if (state[key]) {
      params.set(key, state[key]);
    }
  }
  params.set('lang', currentLang());
  $('report-link').href = `/report/?${params}`;
}

function renderSections() {
  $('scope').textContent = scopeText();
  updateReportLink();
  overview.render($('overview'), { indices: data.unitIndices, compare: data.compare }, state, paths.unitIndices);
  trend.render($('trend'), data.trend, paths.trend);
  elements.render($('elements'), data.total, elementName, paths.total);
  criteria.render($('criteria'), data.total, data.distribution, criterionName,
    { criteria: paths.criteria, distribution: paths.distribution });
  rankings.render($('rankings'), data.rankings, paths.rankings);
  yoy.render($('yoy'), data.yoyIndices, data.compare, state.year, paths.compare);
  drivers.render($('drivers'), data.drivers, criterionName, paths.drivers);
  indicators.render($('indicators'), state).catch(showError);
  prune();
}

/** The API paths of one view: what is fetched, and what the downloads under the tables ask for. */
function pathsFor(view) {
  const year = Number(view.year);
  // Indices, comparisons, the trend and rankings are weighted when the view asks; counts and correlations never are.
  const q = (extra, options) => query(view, extra, { weighted: true, ...options });
  return {
    unitIndices: `/indices${q({ groupBy: 'unit' })}`,
    compare: `/compare${q({ period: year, baseline: year - 1, groupBy: 'unit' }, { withYear: false })}`,
    trend: `/trend${q({ interval: 'month' }, { withYear: false })}`,
    total: `/indices${q()}`,
    criteria: `/indices${q({ table: 'criteria' })}`,
    distribution: `/distribution${q({}, { weighted: false })}`,
    rankings: `/rankings${q({ by: 'unit' })}`,
    yoyIndices: `/indices${query({ ...view, year: '' }, { groupBy: 'unit,year', from: `${year - 1}-01-01`, to: `${year}-12-31` },
      { weighted: true })}`,
    drivers: `/drivers${q({}, { weighted: false })}`,
  };
}

/** Fetches everything the view shows at once, then draws it; a newer load wins over an older one. */
async function load() {
  const mine = ++loads;
  document.body.dataset.state = 'loading';
  $('status').className = 'status';
  $('status').replaceChildren(h('span', {}, t('loading')));
  const next = pathsFor(state);
  try {
    const [unitIndices, compare, trendData, total, distribution, rankingData, yoyIndices, driverData] = await Promise.all([
      get(next.unitIndices), get(next.compare), get(next.trend), get(next.total), get(next.distribution),
      get(next.rankings), get(next.yoyIndices), get(next.drivers),
    ]);
    if (mine !== loads) {
      return;
    }
    paths = next;
    data = { unitIndices, compare, trend: trendData, total, distribution, rankings: rankingData, yoyIndices, drivers: driverData };
    renderSections();
    await comments.render($('comments'), (extra) => query(state, extra), showError);
    await indicators.render($('indicators'), state);
    if (mine !== loads) {
      return;
    }
    $('status').className = 'status';
    $('status').replaceChildren();
    document.body.dataset.state = 'ready';
  } catch (e) {
    if (mine === loads) {
      document.body.dataset.state = 'error';
      showError(e);
    }
  }
}

function onFilter(name, value) {
  state[name] = value;
  writeState(state);
  load();
}

async function start() {
  const initial = readState();
  setLang(initial.lang ?? localStorage.getItem('hailong.lang') ?? 'vi');
  try {
    session = await get('/session');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      signInAgain();
      return;
    }
    throw e;
  }
  try {
    const [units, services, centres, form, years] = await Promise.all([
      get('/units'), get('/services'), get('/centres'), get('/forms/SIPAS'), get('/indices?groupBy=year')]);
    const yearList = years.groups.map((g) => g.group.year).sort((a, b) => b - a);
    lists = { units, services, centres, form, years: yearList.length ? yearList : [new Date().getFullYear()] };
  } catch (e) {
    showError(e);
    return;
  }
  state = initial;
  if (!state.year) {
    state.year = String(lists.years[0]);
  }
  writeState(state, { replace: true });
  renderChrome();
  $('lang').addEventListener('click', () => {
    setLang(currentLang() === 'vi' ? 'en' : 'vi');
    state.lang = currentLang();
    writeState(state, { replace: true });
    renderChrome();
    if (data) {
      renderSections();
      comments.render($('comments'), (extra) => query(state, extra), showError);
    }
  });
  $('print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  window.addEventListener('popstate', () => {
    state = readState();
    state.year ||= String(lists.years[0]);
    if (state.lang && state.lang !== currentLang()) {
      setLang(state.lang);
    }
    renderChrome();
    load();
  });
  await load();
}

start();
