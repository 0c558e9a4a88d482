// The dashboard shell: who is signed in, filters from the address, one load per view, every section drawn from it.
import { ApiError, get, onFreshness, setCsrfToken } from '/lib/api.js';
import { boundariesNote, estimateBadge, estimatesNote, estimatesOf } from '/lib/boundaries.js';
import { prune, resizeAll } from '/lib/charts.js';
import { h } from '/lib/dom.js';
import { currentLang, labelLanguageButton, nameOf, pick, setLang } from '/lib/i18n.js';
import { indexDefinition, reasonQuestion } from '/lib/methodology.js';
import { countersOf, query, readState, renderFilters, writeState } from './filters.js';
import { t } from './messages.js';
import * as headline from './headline.js';
import * as alerts from './alerts.js';
import * as drill from './drill.js';
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
import * as casesOnTime from './cases.js';
import * as indicators from './indicators.js';
import * as timing from './timing.js';

let session;
let lists;
let state;
let data;
let paths;
let loads = 0;
/** The sentence saying why the year in view was chosen (the latest with enough responses), until the year changes. */
let yearNote = null;
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

/** Where the last figures were read and how far behind they may be (a hot standby's lag), as the API said. */
let freshness = null;
/** From this lag on (seconds), the dashboard says the figures may be behind; as the report PDF does. */
const NOTICEABLE_LAG = 10;

/** "2 phút": a lag in the words of the language in view, rounded as the report rounds it. */
function lagWords(seconds) {
  if (seconds < 90) {
    return t('behindSeconds', seconds);
  }
  if (seconds < 90 * 60) {
    return t('behindMinutes', Math.round(seconds / 60));
  }
  return t('behindHours', Math.round(seconds / 3600));
}

/** The note under the filters when the figures come from a standby that is behind; hidden otherwise. */
function renderFreshness() {
  const note = $('freshness');
  const behind = freshness && freshness.source === 'standby' && freshness.lagSeconds >= NOTICEABLE_LAG
    && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(freshness.asOf || '');
  note.hidden = !behind;
  if (behind) {
    // The header is in Vietnam's offset: its own clock time and day are those to show.
    const [day, time] = freshness.asOf.split('T');
    const [y, m, d] = day.split('-');
    note.textContent = t('behind', lagWords(freshness.lagSeconds), time.slice(0, 5), `${d}/${m}/${y}`);
    note.dataset.lag = String(freshness.lagSeconds);
  } else {
    note.textContent = '';
  }
}

onFreshness((said) => {
  freshness = said;
  renderFreshness();
});

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
  renderFreshness();
}

const elementName = (code) => nameOf(lists.form.elements.find((e) => e.code === code)) || code;
const criterionName = (code) => {
  const q = lists.form.questions.find((x) => x.code === code);
  return pick(q, 'text', currentLang()) || code;
};

const unitInView = () => lists.units.find((u) => u.code === state.unit);

/** What the scope in view is called: the unit picked, or the one unit at the top of the caller's scope. */
function scopeName() {
  const unit = unitInView();
  if (unit) {
    return nameOf(unit);
  }
  const ids = new Set(lists.units.map((u) => u.id));
  const tops = lists.units.filter((u) => !ids.has(u.parentId));
  return tops.length === 1 ? nameOf(tops[0]) : t('allUnitsInSentence');
}

function scopeText() {
  const unit = unitInView();
  const scope = state.month
    ? t('monthScope', unit ? nameOf(unit) : t('allUnits'), drill.monthName(state.month), indexDefinition(lists.form, t))
    : t('scope', unit ? nameOf(unit) : t('allUnits'), state.year, indexDefinition(lists.form, t));
  return state.weighting ? `${scope} ${t('weightedScope')}` : scope;
}


/** The printable report of the unit and year in view. */
function updateReportLink() {
  const params = new URLSearchParams();
  for (const key of ['questionnaire', 'unit', 'year', 'boundaries']) {
    if (state[key]) {
      params.set(key, state[key]);
    }
  }
  params.set('lang', currentLang());
  $('report-link').href = `/report/?${params}`;
  // The same report as a PDF laid out on the server; it needs a year, which the view always has once loaded.
  $('pdf-link').href = `/api/v1/report.pdf?${params}`;
}

/**
 * The target the scope in view is held to: the unit's (its own or inherited), or for the whole scope the target of
 * its one top unit; null when there is none.
 */
function scopeTarget(targets) {
  const list = targets.targets;
  if (state.unit) {
    return list.find((x) => x.unit.code === state.unit)?.value ?? null;
  }
  const codes = new Set(list.map((x) => x.unit.code));
  const tops = list.filter((x) => !x.parent || !codes.has(x.parent));
  return tops.length === 1 ? tops[0].value ?? null : null;
}

/** Narrows (or widens) the view and adds a history entry, so that the browser's Back returns. */
function narrow(change) {
  Object.assign(state, change);
  yearNote = null; // it spoke of the view before, not of this narrower one
  writeState(state);
  renderFilters($('filters'), state, lists, onFilter);
  load();
}

/** The criteria of the element drilled into, or all of them. */
function criteriaInView(total) {
  const codes = state.element
    ? new Set(lists.form.questions.filter((q) => q.element === state.element).map((q) => q.code)) : null;
  if (!codes) {
    return total;
  }
  return { ...total, groups: total.groups.map((g) => ({ ...g, criteria: (g.criteria ?? []).filter((c) => codes.has(c.code)) })) };
}

function renderSections() {
  $('scope').textContent = scopeText();
  updateReportLink();
  const unit = unitInView();
  data.target = scopeTarget(data.targets);
  headline.render($('headline'), { total: data.headlineTotal, compare: data.headlineCompare, target: data.target },
    { scopeName: scopeName(), year: Number(state.year), yearNote: yearNote ? t(yearNote.key, yearNote.year) : null });
  drill.renderNav($('drill'), state, { unitName: unit ? nameOf(unit) : null, elementName: state.element ? elementName(state.element) : null },
    narrow);
  overview.render($('overview'), { indices: data.unitIndices, compare: data.compare }, state, paths.unitIndices);
  trend.render($('trend'), data.trend, paths.trend, { target: data.target });
  drill.months($('trend'), data.trend, state, narrow);
  // A questionnaire without elements (a per-dossier rating, a one-tap card) has no element chart and no drivers.
  const hasElements = lists.form.elements.length > 0;
  $('elements').hidden = !hasElements;
  $('drivers').hidden = !hasElements;
  if (hasElements) {
    elements.render($('elements'), data.total, elementName, paths.total);
    drill.elements($('elements'), data.total, state, elementName, narrow);
  }
  criteria.render($('criteria'), criteriaInView(data.total), data.distribution, criterionName,
    { criteria: paths.criteria, distribution: paths.distribution }, lists.form);
  $('reasons').hidden = !data.reasons;
  if (data.reasons) {
    reasons.render($('reasons'), data.reasons, reasonQuestion(lists.form), paths.reasons);
  }
  if (state.element) {
    $('criteria').querySelector('h2')?.after(h('p', { class: 'note', id: 'criteria-element' }, t('criteriaOfElement', elementName(state.element))));
  }
  rankings.render($('rankings'), data.rankings, paths.rankings);
  drill.units($('overview'), 'li[data-unit] > h3', narrow);
  drill.units($('rankings'), 'tr[data-unit] > th', narrow);
  drill.rankingBars(data.rankings, narrow);
  drill.yoyRows(yoy.render($('yoy'), data.yoyIndices, data.compare, state.year, paths.compare), narrow);
  if (hasElements) {
    drivers.render($('drivers'), data.drivers, criterionName, paths.drivers);
  }
  if (data.coverage) {
    coverage.render($('coverage'), data.coverage, paths.coverage);
  } else {
    // Invitations and dossiers keep no counter: the API refuses a counter here rather than answer for the centre.
    $('coverage').replaceChildren(h('h2', {}, t('coverageTitle')), h('p', {}, t('coverageByCounter')));
  }
  if (!paths.timingWithView || timing.has(paths.timing)) {
    timing.render($('timing'), null, timingScope(), paths.timing, showError);
  } else {
    // load() asks for a centre's table once the rest is drawn, saying meanwhile that it is loading.
    $('timing').replaceChildren(h('h2', {}, t('timingTitle')), h('p', { class: 'note' }, t('loading')));
  }
  indicators.render($('indicators'), state).catch(showError);
  const unitName = (code) => nameOf(lists.units.find((u) => u.code === code)) || code;
  alerts.render($('alerts'), state, { questionnaire: lists.form.questionnaire, session, criterionName, unitName, showError })
    .catch(showError);
  casesOnTime.render($('cases'), state).catch(showError);
  markBoundaries();
  prune();
}

/**
 * Says which boundaries the figures are in: the note on the comparisons over time (the headline's change, the trend,
 * year on year) when a unit in view changed, and the figures that are estimates (a share of a split unit's ratings), each marked
 * "ước tính" where its unit is named, with the sentence saying whose share, under the section.
 */
function markBoundaries() {
  const after = (section, ...nodes) => {
    const heading = $(section).querySelector('h2');
    const present = nodes.filter(Boolean);
    if (heading && present.length) {
      heading.after(...present);
    }
  };
  after('trend', boundariesNote(t, data.trend, 'trend-boundaries'), estimatesNote(t, data.trend, 'trend-estimates'));
  after('yoy', boundariesNote(t, data.compare, 'yoy-boundaries'), estimatesNote(t, data.compare, 'yoy-estimates'));
  after('headline', estimatesNote(t, data.headlineTotal, 'headline-estimates'));
  // The headline's change on the year before is a comparison over time too: said under it.
  const headlineNote = boundariesNote(t, data.headlineCompare, 'headline-boundaries');
  if (headlineNote) {
    $('headline').append(headlineNote);
  }
  for (const [section, selector, answer] of [['overview', 'li[data-unit] > h3', data.unitIndices],
    ['rankings', 'tr[data-unit] > th', data.rankings]]) {
    const byUnit = estimatesOf(answer);
    $(section).querySelectorAll(selector).forEach((name) => {
      const badge = estimateBadge(t, byUnit, name.parentElement.dataset.unit);
      if (badge) {
        name.append(' ', badge);
      }
    });
    after(section, estimatesNote(t, answer, `${section}-estimates`));
  }
}

/** What the weekday × hour table covers, in words: the counter, else the centre, else the unit in view. */
function timingScope() {
  const centre = lists.centres.find((c) => c.code === state.centre);
  const counter = (lists.counters ?? []).find((c) => c.code === state.counter);
  const unit = lists.units.find((u) => u.code === state.unit);
  if (centre) {
    return counter ? `${nameOf(counter)}, ${nameOf(centre)}` : nameOf(centre);
  }
  return unit ? nameOf(unit) : t('allUnits');
}

/** The API paths of one view: what is fetched, and what the downloads under the tables ask for. */
function pathsFor(view) {
  const year = Number(view.year);
  // Indices, comparisons, the trend and rankings are weighted when the view asks; counts and correlations never are.
  const q = (extra, options) => query(view, extra, { weighted: true, ...options });
  return {
    unitIndices: `/indices${q({ groupBy: 'unit' })}`,
    // The headline is the year's, even when a month is drilled into; the change is the year's on the year before.
    headlineTotal: `/indices${query({ ...view, month: '' }, {}, { weighted: true })}`,
    headlineCompare: `/compare${q({ period: year, baseline: year - 1 }, { withYear: false })}`,
    targets: `/targets?year=${year}&questionnaire=${encodeURIComponent(lists.form.questionnaire)}`,
    compare: `/compare${q({ period: year, baseline: year - 1, groupBy: 'unit' }, { withYear: false })}`,
    // The months of the year in view, even when one of them is drilled into.
    trend: `/trend${query({ ...view, month: '' }, { interval: 'month' }, { weighted: true })}`,
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
    coverage: view.counter ? null
      : `/response-rates${q({ groupBy: 'unit', questionnaire: lists.form.questionnaire }, { weighted: false })}`,
    timing: `/timing${q({}, { weighted: false })}`,
    // The weekday × hour table counts the responses (no rollup keeps the hour): asked for by itself, once the rest is
    // drawn, for a centre; on a button otherwise.
    timingWithView: Boolean(view.centre),
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
      reasonData, headlineTotal, headlineCompare, targets] = await Promise.all([
        get(next.unitIndices), get(next.compare), get(next.trend), get(next.total), get(next.distribution),
        get(next.rankings), get(next.yoyIndices), get(next.drivers), next.coverage ? get(next.coverage) : null,
        next.reasons ? Promise.all([get(next.reasons.total), get(next.reasons.units)]) : null,
        next.headlineTotal === next.total ? null : get(next.headlineTotal), get(next.headlineCompare), get(next.targets),
      ]);
    if (mine !== loads) {
      return;
    }
    paths = next;
    data = { unitIndices, compare, trend: trendData, total, distribution, rankings: rankingData, yoyIndices, drivers: driverData,
      coverage: coverageData, reasons: reasonData ? { total: reasonData[0], units: reasonData[1] } : null,
      headlineTotal: headlineTotal ?? total, headlineCompare, targets };
    renderSections();
    await comments.render($('comments'), (extra) => query(state, extra), lists.form, showError, true, null, state.element);
    await indicators.render($('indicators'), state);
    if (next.timingWithView) {
      await timing.load($('timing'), timingScope(), next.timing, showError, () => mine === loads);
    }
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
  yearNote = null; // it spoke of the view before this filter
  if (name === 'year') {
    state.month = '';
  }
  if (name === 'questionnaire' && !await switchForm()) {
    return;
  }
  if (name === 'centre' && !await switchCentre()) {
    return;
  }
  if (name === 'boundaries') {
    switchBoundaries();
  }
  writeState(state);
  load();
}

/**
 * Today's boundaries read an ended unit as the unit it merged into: the picker shows that unit; a unit split or
 * dissolved has no one unit carrying it on, so the view widens to the whole scope. The picker is redrawn (focus kept),
 * listing the ended units in the historical view only.
 */
function switchBoundaries() {
  const unit = lists.units.find((u) => u.code === state.unit);
  if (!state.boundaries && unit?.ended) {
    const by = unit.endedBy;
    state.unit = by?.kind === 'merge' && by.into.length === 1 ? by.into[0].code : '';
  }
  renderFilters($('filters'), state, lists, onFilter);
  $('filter-boundaries')?.focus();
}

/** A counter is one centre's: a new centre clears it and redraws the filters with its counters (focus kept). */
async function switchCentre() {
  state.counter = '';
  try {
    lists.counters = await countersOf(lists.centres, state.centre);
  } catch (e) {
    showError(e);
    return false;
  }
  renderFilters($('filters'), state, lists, onFilter);
  $('filter-centre')?.focus();
  return true;
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
 * The form of the questionnaire in view and the years it has ratings in within the filters (the newest first). With
 * no year asked for, or one without ratings, the view opens on the latest year with enough responses (n ≥ min_n for
 * the scope), and says so; never on an empty year.
 */
async function loadForm() {
  const code = state.questionnaire || 'SIPAS';
  const [form, years] = await Promise.all([get(`/forms/${encodeURIComponent(code)}`),
    get(`/indices${query({ ...state, questionnaire: code, year: '', month: '' }, { groupBy: 'year' })}`)]);
  const newestFirst = [...years.groups].sort((a, b) => b.group.year - a.group.year);
  lists.form = form;
  lists.years = newestFirst.length ? newestFirst.map((g) => g.group.year) : [new Date().getFullYear()];
  if (!lists.years.includes(Number(state.year))) {
    const enough = newestFirst.find((g) => !g.suppressed);
    state.year = String(enough ? enough.group.year : lists.years[0]);
    state.month = '';
    yearNote = newestFirst.length ? { key: enough ? 'defaultYear' : 'defaultYearFew', year: state.year } : null;
  }
}

async function start() {
  const initial = readState();
  setLang(initial.lang ?? localStorage.getItem('hailong.lang') ?? 'vi');
  try {
    session = await get('/session');
    setCsrfToken(session.csrfToken);
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
    lists.counters = await countersOf(centres, state.centre);
    if (!lists.counters.some((c) => c.code === state.counter)) {
      state.counter = '';
    }
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
      comments.render($('comments'), (extra) => query(state, extra), lists.form, showError, false);
    }
  });
  $('print').addEventListener('click', () => window.print());
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  window.addEventListener('popstate', async () => {
    state = readState();
    lists.counters = await countersOf(lists.centres, state.centre).catch(() => []);
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
