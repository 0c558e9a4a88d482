// The dashboard shell: who is signed in, filters from the address, one load per view, every section drawn from it.
import { ApiError, get } from '/lib/api.js';
import { prune, resizeAll } from '/lib/charts.js';
import { h } from '/lib/dom.js';
import { currentLang, labelLanguageButton, nameOf, pick, setLang } from '/lib/i18n.js';
import { indexDefinition, reasonQuestion } from '/lib/methodology.js';
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
import * as reasons from './reasons.js';
import * as coverage from './coverage.js';
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

/** The questionnaire in view, as /questionnaires lists it. */
const questionnaire = () => lists.questionnaires.find((q) => q.code === lists.form.questionnaire);

function renderChrome() {
  document.title = t('appTitle');
  $('title').textContent = t('title', nameOf(questionnaire()) || lists.form.questionnaire);
  labelLanguageButton($('lang'));
  $('print').textContent = t('print');
  $('report-link').textContent = t('report');
  $('pdf-link').textContent = t('reportPdf');
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
  const scope = t('scope', unit ? nameOf(unit) : t('allUnits'), state.year, indexDefinition(lists.form, t));
  return state.weighting ? `${scope} ${t('weightedScope')}` : scope;
}


/** The printable report of the unit and year in view. */
function updateReportLink() {
  const params = new URLSearchParams();
  for (const key of ['questionnaire', 'unit', 'year']) {
    if (state[key]) {
      params.set(key, state[key]);
    }
  }
  params.set('lang', currentLang());
  $('report-link').href = `/report/?${params}`;
  // The same report as a PDF laid out on the server; it needs a year, which the view always has once loaded.
  $('pdf-link').href = `/api/v1/report.pdf?${params}`;
}

function renderSections() {
  $('scope').textContent = scopeText();
  updateReportLink();
  overview.render($('overview'), { indices: data.unitIndices, compare: data.compare }, state, paths.unitIndices);
  trend.render($('trend'), data.trend, paths.trend);
  // A questionnaire without elements (a per-dossier rating, a one-tap card) has no element chart and no drivers.
  const hasElements = lists.form.elements.length > 0;
  $('elements').hidden = !hasElements;
  $('drivers').hidden = !hasElements;
  if (hasElements) {
    elements.render($('elements'), data.total, elementName, paths.total);
  }
  criteria.render($('criteria'), data.total, data.distribution, criterionName,
    { criteria: paths.criteria, distribution: paths.distribution }, lists.form);
  $('reasons').hidden = !data.reasons;
  if (data.reasons) {
    reasons.render($('reasons'), data.reasons, reasonQuestion(lists.form), paths.reasons);
  }
  rankings.render($('rankings'), data.rankings, paths.rankings);
  yoy.render($('yoy'), data.yoyIndices, data.compare, state.year, paths.compare);
  if (hasElements) {
    drivers.render($('drivers'), data.drivers, criterionName, paths.drivers);
  }
  coverage.render($('coverage'), data.coverage, paths.coverage);
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
    reasons: reasonQuestion(lists.form)
      ? { total: `/reasons${q({}, { weighted: false })}`, units: `/reasons${q({ groupBy: 'unit' }, { weighted: false })}`,
        services: `/reasons${q({ groupBy: 'service' }, { weighted: false })}` }
      : null,
    // The ratings of the questionnaire in view, whose figures the coverage vouches for.
    coverage: `/response-rates${q({ groupBy: 'unit', questionnaire: lists.form.questionnaire }, { weighted: false })}`,
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
    const [unitIndices, compare, trendData, total, distribution, rankingData, yoyIndices, driverData, coverageData,
      reasonData] = await Promise.all([
        get(next.unitIndices), get(next.compare), get(next.trend), get(next.total), get(next.distribution),
        get(next.rankings), get(next.yoyIndices), get(next.drivers), get(next.coverage),
        next.reasons ? Promise.all([get(next.reasons.total), get(next.reasons.units)]) : null,
      ]);
    if (mine !== loads) {
      return;
    }
    paths = next;
    data = { unitIndices, compare, trend: trendData, total, distribution, rankings: rankingData, yoyIndices, drivers: driverData,
      coverage: coverageData, reasons: reasonData ? { total: reasonData[0], units: reasonData[1] } : null };
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

async function onFilter(name, value) {
  state[name] = value;
  if (name === 'questionnaire' && !await switchForm()) {
    return;
  }
  writeState(state);
  load();
}

/** Loads the form of the questionnaire now in view and redraws the filters and title; false when it failed. */
async function switchForm() {
  document.body.dataset.state = 'loading';
  try {
    await loadForm();
  } catch (e) {
    document.body.dataset.state = 'error';
    showError(e);
    return false;
  }
  renderChrome();
  return true;
}

/**
 * The form of the questionnaire in view and the years it has ratings in (the newest first); the year in view moves
 * to the newest when the questionnaire has none in it.
 */
async function loadForm() {
  const code = state.questionnaire || 'SIPAS';
  const [form, years] = await Promise.all([get(`/forms/${encodeURIComponent(code)}`),
    get(`/indices?groupBy=year&questionnaire=${encodeURIComponent(code)}`)]);
  const yearList = years.groups.map((g) => g.group.year).sort((a, b) => b - a);
  lists.form = form;
  lists.years = yearList.length ? yearList : [new Date().getFullYear()];
  if (!lists.years.includes(Number(state.year))) {
    state.year = String(lists.years[0]);
  }
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
    const [units, services, centres, questionnaires] = await Promise.all([
      get('/units'), get('/services'), get('/centres'), get('/questionnaires')]);
    // Only questionnaires with a published version can have ratings to show.
    lists = { units, services, centres,
      questionnaires: questionnaires.filter((q) => q.versions.some((v) => v.status === 'published')) };
    state = initial;
    if (state.questionnaire && !lists.questionnaires.some((q) => q.code === state.questionnaire)) {
      state.questionnaire = '';
    }
    await loadForm();
  } catch (e) {
    showError(e);
    return;
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
  window.addEventListener('popstate', async () => {
    state = readState();
    if (state.lang && state.lang !== currentLang()) {
      setLang(state.lang);
    }
    if (await switchForm()) {
      load();
    }
  });
  await load();
}

start();
