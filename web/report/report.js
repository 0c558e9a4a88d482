// The report of one unit and one year, ready to print on A4: every figure is the API's, only rounded here.
import { ApiError, get } from '/lib/api.js';
import { bandDatasets, chartBox, ciWhiskers, colours, draw, resizeAll, wrap } from '/lib/charts.js';
import { fill, h, table } from '/lib/dom.js';
import { count, currentLang, formatDate, formatDateTime, formatMonth, labelLanguageButton, nameOf, num, pick, pValue, setLang, signed }
  from '/lib/i18n.js';
import { boundariesNote, boundariesOf, estimateBadge, estimatesNote, estimatesOf } from '/lib/boundaries.js';
import { terms } from '/lib/terms.js';
import { indexDefinition, ratedLevels, reasonQuestion } from '/lib/methodology.js';
import { indicatorsContent } from '/lib/indicators.js';
import { t } from './messages.js';

const $ = (id) => document.getElementById(id);
const COMMENTS = 12;
let view;
let lists;
let data;

function signInAgain() {
  location.replace(`/login.html?next=${encodeURIComponent(location.pathname + location.search)}`);
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) {
    signInAgain();
    return;
  }
  document.body.dataset.state = 'error';
  $('status').className = 'status no-print error';
  const detail = error instanceof ApiError && error.status !== 0 ? `: ${error.message}` : '';
  $('status').textContent = error?.status === 0 ? t('network') : `${t('failed')}${detail}`;
}

/** The address holds the view: questionnaire (a code, SIPAS when none), unit (a code, optional), year and language. */
function readView() {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang');
  return { questionnaire: params.get('questionnaire') || '', unit: params.get('unit') || '', year: params.get('year') || '',
    boundaries: boundariesOf(params.get('boundaries')), lang: lang === 'en' || lang === 'vi' ? lang : null };
}

function writeView() {
  const params = new URLSearchParams();
  for (const key of ['questionnaire', 'unit', 'boundaries']) {
    if (view[key]) {
      params.set(key, view[key]);
    }
  }
  params.set('year', view.year);
  params.set('lang', currentLang());
  history.replaceState(null, '', `${location.pathname}?${params}`);
  $('back').href = `/dashboard/?${params}`;
  // The same report laid out on the server, with its summary and recommendations (docs/report.md).
  $('pdf').href = `/api/v1/report.pdf?${params}`;
  $('page-numbers').href = `/report/pages-${currentLang()}.css`;
}

/** A unit's name without what follows it in brackets: "Tỉnh Minh An (dữ liệu mẫu)" → "Tỉnh Minh An". */
const plain = (name) => (name ?? '').replace(/\s*\(.*\)\s*$/, '').trim();

/**
 * The heading of an official report, with the defaults the server's PDF takes: the root of the unit tree's people's
 * committee above the Department of Home Affairs, a number for the clerk to fill in, the province's name and today.
 */
function renderOfficialHeading() {
  const ids = new Set(lists.units.map((u) => u.id));
  const root = lists.units.find((u) => !ids.has(u.parentId));
  const english = currentLang() === 'en';
  const name = plain(english ? (root?.nameEn || root?.nameVi) : root?.nameVi);
  $('superior').textContent = t('superiorOf', name.toLocaleUpperCase(english ? 'en' : 'vi'));
  $('issuer').textContent = t('issuerDefault');
  $('number').textContent = t('numberLine');
  $('nation').textContent = t('nationName');
  $('motto').textContent = t('motto');
  const place = english ? name.replace(/\s+(province|city)$/i, '') : name.replace(/^(Tỉnh|Thành phố)\s+/, '');
  const parts = Object.fromEntries(new Intl.DateTimeFormat(english ? 'en-GB' : 'vi', {
    day: english ? 'numeric' : '2-digit', month: english ? 'long' : '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh',
  }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  $('dateline').textContent = t('dateLine', place, parts.day, parts.month, parts.year);
}

/** The API query of the view over the given days, with extra parameters. */
function query(from, to, extra = {}) {
  const params = new URLSearchParams();
  for (const key of ['questionnaire', 'unit', 'boundaries']) {
    if (view[key]) {
      params.set(key, view[key]);
    }
  }
  if (from) {
    params.set('from', from);
  }
  if (to) {
    params.set('to', to);
  }
  for (const [key, value] of Object.entries(extra)) {
    params.set(key, String(value));
  }
  return `?${params}`;
}

const elementName = (code) => nameOf(lists.form.elements.find((e) => e.code === code)) || code;
const criterionName = (code) => {
  const q = lists.form.questions.find((x) => x.code === code);
  return pick(q, 'text', currentLang()) || code;
};
const unitName = () => {
  const unit = lists.units.find((u) => u.code === view.unit);
  return unit ? nameOf(unit) : t('allUnits');
};

// A caption that only repeats its section's heading is there for screen readers alone.
const repeatsHeading = 'visually-hidden';

function changeText(change, baselineYear) {
  if (!change) {
    return h('p', { class: 'change' }, t('noBaseline', baselineYear));
  }
  const { delta, significant } = change;
  const meaning = significant ? t(delta > 0 ? 'significantUp' : 'significantDown') : t('notSignificant');
  return h('p', { class: `change${significant ? (delta > 0 ? ' up' : ' down') : ''}` },
    `${t('change', baselineYear, signed(delta))} — ${meaning}`);
}

function renderHead() {
  document.title = `${t('reportTitle', view.year)} · ${unitName()}`;
  $('title').textContent = t('reportTitle', view.year);
  $('subtitle').textContent = `${t('reportUnit', unitName())} · ${t('reportQuestionnaire', nameOf(lists.questionnaire))}`;
  $('method').textContent = `${t('reportMethod', indexDefinition(lists.form, t), data.total.minN)} ${t('reportMade',
    formatDate(new Date().toISOString()))}`;
  $('print').textContent = t('printNow');
  $('pdf').textContent = t('pdfDownload');
  $('back').textContent = t('backToDashboard');
  renderOfficialHeading();
  labelLanguageButton($('lang'));
  renderBoundaries();
}

/**
 * Which boundaries the report's figures are in, under its subtitle: the view, and (when a unit of the report changed)
 * how the year before is counted; the figures that are estimates, a split unit's share, in a sentence each.
 */
function renderBoundaries() {
  const shown = view.boundaries === 'historical' ? t('boundariesHistorical') : t('boundariesCurrent');
  const note = boundariesNote(t, data.units);
  $('boundaries').textContent = `${t('boundaries')}: ${shown.toLocaleLowerCase(currentLang())}.${note ? ` ${note.textContent}` : ''}`;
  const estimates = estimatesNote(t, data.units);
  $('boundaries-estimates').hidden = !estimates;
  $('boundaries-estimates').textContent = estimates ? estimates.textContent : '';
}

function renderOverview() {
  const group = data.total.groups[0];
  const compared = data.compare.groups[0];
  const change = compared && !compared.suppressed ? compared.overall : null;
  const body = !group || group.suppressed || !group.index
    ? [h('p', { class: 'suppressed' }, group ? t('suppressed', data.total.minN) : t('noData')), group ? h('p', {}, t('n', count(group.n))) : null]
    : [h('div', { class: 'headline' },
        h('p', { class: 'value', id: 'report-index' }, h('span', { class: 'visually-hidden' }, `${t('index')}: `), num(group.index.value)),
        h('div', {}, h('p', {}, t('ci', num(group.index.low), num(group.index.high))), h('p', {}, t('n', count(group.n))),
          changeText(change, Number(view.year) - 1))),
      terms(t, ['ci', 'n', 'bh'], 'report-overview-terms', { open: true })];
  fill($('overview'), h('h2', {}, t('overviewHeading')), body);
}

function renderTrend() {
  const points = data.trend.points;
  const labels = points.map((p) => formatMonth(p.group.month));
  const { box, canvas } = chartBox('report-trend-chart',
    t('trendLabel', points.length, labels[0] ?? '–', labels[labels.length - 1] ?? '–'));
  const months = points.filter((p) => p.group.month.startsWith(`${view.year}-`));
  const rows = months.map((p) => h('tr', {},
    h('th', { scope: 'row' }, formatMonth(p.group.month)),
    h('td', { class: 'num' }, count(p.n)),
    h('td', { class: 'num' }, p.suppressed || !p.index ? t('tooFew') : num(p.index.value)),
    h('td', { class: 'num' }, p.suppressed || !p.index ? '–' : `${num(p.index.low)}–${num(p.index.high)}`)));
  fill($('trend'), h('h2', {}, t('trendTitle')), points.length ? [box,
    months.length ? table(t('monthsOf', view.year), [t('month'), 'n', t('index'), t('ci95')], rows, { id: 'report-trend-table' }) : null]
    : h('p', {}, t('noData')));
  if (!points.length) {
    return;
  }
  draw(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: bandDatasets(points, { low: t('ciLow'), band: t('ciBand'), index: t('index') }),
    },
    options: {
      // The index's whole 0–100 scale, as on the dashboard: a floor at 50 made moves within the band look large.
      scales: { y: { min: 0, max: 100, title: { display: true, text: t('index') } } },
      plugins: { legend: { labels: { filter: (item) => item.datasetIndex !== 0 } } },
    },
  });
}

function renderElements() {
  // A questionnaire without elements (a per-dossier rating, a one-tap card) has no element section.
  $('elements').hidden = !lists.form.elements.length;
  if ($('elements').hidden) {
    return;
  }
  const group = data.total.groups[0];
  const entries = group && !group.suppressed ? Object.entries(group.elements ?? {}) : [];
  const summary = entries.map(([code, e]) => `${elementName(code)} ${num(e.value)} (${num(e.low)}–${num(e.high)})`).join('; ');
  const { box, canvas } = chartBox('report-elements-chart', t('elementsLabel', entries.length, summary));
  const rows = entries.map(([code, e]) => h('tr', {},
    h('th', { scope: 'row' }, h('span', { class: 'code' }, code), ' ', elementName(code)),
    h('td', { class: 'num' }, num(e.value)),
    h('td', { class: 'num' }, `${num(e.low)}–${num(e.high)}`),
    h('td', { class: 'num' }, num(e.se, 2))));
  fill($('elements'), h('h2', {}, t('elementsTitle')), entries.length
    ? [box, table(t('elementsTitle'), [t('element'), t('index'), t('ci95'), t('se')], rows,
      { id: 'report-elements-table', captionClass: repeatsHeading })]
    : h('p', {}, t('noData')));
  if (!entries.length) {
    return;
  }
  draw(canvas, {
    type: 'bar',
    data: {
      labels: entries.map(([code]) => wrap(elementName(code), 18)),
      datasets: [{ label: t('index'), data: entries.map(([, e]) => e.value), ci: entries.map(([, e]) => [e.low, e.high]),
        backgroundColor: colours.primary, maxBarThickness: 48 }],
    },
    options: { scales: { y: { min: 0, max: 100 } }, plugins: { legend: { display: false } } },
    plugins: [ciWhiskers],
  });
}

function renderCriteria() {
  const group = data.total.groups[0];
  const criteria = group && !group.suppressed ? group.criteria : [];
  const rows = criteria.map((c) => h('tr', { 'data-code': c.code },
    h('th', { scope: 'row' }, h('span', { class: 'code' }, c.code), ' ', criterionName(c.code)),
    h('td', { class: 'num' }, num(c.share)),
    h('td', { class: 'num' }, `${num(c.wilsonLow)}–${num(c.wilsonHigh)}`),
    h('td', { class: 'num' }, num(c.meanScore, 2)),
    h('td', { class: 'num' }, count(c.nValid))));
  fill($('criteria'), h('h2', {}, t('criteriaTitle')), criteria.length
    ? [table(t('criteriaTitle'), [t('criterion'), t('share'), t('wilson'), t('meanScore', ratedLevels(lists.form)), t('answered')], rows,
      { id: 'report-criteria-table', captionClass: repeatsHeading }), terms(t, ['wilson'], 'report-criteria-terms', { open: true })]
    : h('p', {}, t('noData')));
}

function renderYearOnYear() {
  const year = Number(view.year);
  const before = data.years.groups.find((g) => g.group.year === year - 1);
  const after = data.years.groups.find((g) => g.group.year === year);
  const compared = data.compare.groups[0];
  const heading = h('h2', {}, t('yoyTitle', year, year - 1));
  if (!compared || compared.suppressed || !before || !after || before.suppressed || after.suppressed) {
    fill($('yoy'), heading, h('p', {}, t('noBaseline', year - 1)));
    return;
  }
  const line = (label, was, now, change, adjustedP, significant) => h('tr', { class: significant ? 'significant' : null },
    h('th', { scope: 'row' }, label),
    h('td', { class: 'num' }, num(was)),
    h('td', { class: 'num' }, num(now)),
    h('td', { class: 'num' }, signed(change.delta)),
    h('td', { class: 'num' }, pValue(adjustedP ?? change.p)),
    h('td', {}, significant === undefined ? '–' : significant ? t('yes') : t('no')));
  const headers = [t('measure'), t('yoyPeriod', year - 1), t('yoyPeriod', year), t('delta'), t('pAdjusted'), t('significant')];
  const indexRows = [line(t('overallIndex'), before.index.value, after.index.value, compared.overall, compared.overall.adjustedP,
    compared.overall.significant)];
  for (const [code, change] of Object.entries(compared.elements)) {
    indexRows.push(line(`${code} ${elementName(code)}`, before.elements[code]?.value, after.elements[code]?.value, change,
      change.adjustedP, change.significant));
  }
  const share = (group, code) => group.criteria.find((c) => c.code === code)?.share;
  const criteriaRows = Object.entries(compared.criteria).map(([code, change]) =>
    line(`${code} ${criterionName(code)}`, share(before, code), share(after, code), change, change.adjustedP, change.significant));
  fill($('yoy'), heading,
    table(t('yoyIndices'), headers, indexRows, { id: 'report-yoy-table' }),
    table(t('yoyCriteria'), headers, criteriaRows, { id: 'report-yoy-criteria' }),
    h('p', { class: 'note' }, t('yoyReportNote')),
    terms(t, ['p'], 'report-yoy-terms', { open: true }));
}

/**
 * The units of the scope ranked, each with the ranks its interval allows (the API's rankRange) and its change since the
 * year before (* when significant); those with too few responses named apart. None for a single unit.
 */
function renderRankings() {
  const ranked = data.rankings.ranked;
  $('rankings').hidden = ranked.length < 2;
  if ($('rankings').hidden) {
    return;
  }
  const changes = new Map(data.units.groups.filter((g) => !g.suppressed).map((g) => [g.group.unit.code, g.overall]));
  const estimated = estimatesOf(data.rankings);
  const place = (r) => (r.rankRange.best === r.rankRange.worst ? String(r.rankRange.best)
    : `${r.rankRange.best}–${r.rankRange.worst}`);
  const rows = ranked.map((r) => {
    const change = changes.get(r.group.unit.code);
    return h('tr', { 'data-unit': r.group.unit.code },
      h('td', { class: 'num', 'data-best': r.rankRange.best, 'data-worst': r.rankRange.worst }, place(r)),
      h('th', { scope: 'row' }, nameOf(r.group.unit), estimateBadge(t, estimated, r.group.unit.code)),
      h('td', { class: 'num' }, num(r.index.value)),
      h('td', { class: 'num' }, `${num(r.index.low)}–${num(r.index.high)}`),
      h('td', { class: 'num' }, count(r.n)),
      h('td', { class: 'num' }, change ? `${signed(change.delta)}${change.significant ? '*' : ''}` : '–'));
  });
  const withheld = data.rankings.suppressed.map((u) => `${nameOf(u.group.unit)} (${count(u.n)})`);
  fill($('rankings'), h('h2', {}, t('rankingsHeading')),
    h('p', { class: 'note' }, t('rankingsReportPlain')),
    table(t('rankingsHeading'), [t('rankPlaces'), t('unit'), t('index'), t('ci95'), 'n', t('delta')], rows,
      { id: 'report-rankings-table', captionClass: repeatsHeading }),
    withheld.length ? h('p', { class: 'note' }, t('notRanked', data.rankings.minN, withheld.join('; '))) : null);
}

/** Why citizens were not satisfied: each reason's share of the not satisfied with its interval (the API's). */
function renderReasons() {
  const question = reasonQuestion(lists.form);
  $('reasons').hidden = !question;
  if (!question) {
    return;
  }
  const title = t(`reasonsTitle_${question.kind}`);
  const whole = data.reasons.groups[0];
  if (!whole || whole.suppressed || !whole.dissatisfied) {
    fill($('reasons'), h('h2', {}, title), h('p', {}, !whole ? t('noData')
      : whole.suppressed ? t('suppressed', data.reasons.minN) : t('reasonsNone')));
    return;
  }
  const label = (level) => pick(data.reasons.levels.find((l) => l.level === level), 'label', currentLang());
  const rows = [...whole.reasons].sort((a, b) => b.count - a.count).map((r) => h('tr', {},
    h('th', { scope: 'row' }, label(r.level)),
    h('td', { class: 'num' }, count(r.count)),
    h('td', { class: 'num' }, num(r.share)),
    h('td', { class: 'num' }, `${num(r.low)}–${num(r.high)}`)));
  fill($('reasons'), h('h2', {}, title),
    h('p', {}, t('reasonsIntro', count(whole.dissatisfied), count(whole.n), count(whole.gaveReason))),
    table(title, [t('reason'), t('reasonCount'), t('reasonShare'), t('ci95')], rows,
      { id: 'report-reasons-table', captionClass: repeatsHeading }));
}

/** The Decision 766 indicators of the unit and the units under it: counts, beside the survey's indices. */
function renderIndicators() {
  fill($('indicators'), indicatorsContent(data.indicators, t, { period: t('yoyPeriod', view.year), id: 'report-indicators-table' }));
}

function renderComments() {
  const rows = data.comments.comments.map((c) => h('tr', {},
    h('td', { class: 'nowrap' }, formatDateTime(c.submittedAt)),
    h('td', {}, nameOf(c.agency)),
    h('td', { class: 'comment' }, c.comment)));
  fill($('comments'), h('h2', {}, t('commentsSample')), rows.length
    ? [table(t('commentsSampleNote', rows.length), [t('submittedAt'), t('unit'), t('comment')], rows,
      { id: 'report-comments-table' })]
    : h('p', {}, t('noComments')));
}

/** The significant findings in sentences, as /compare flags them (after Benjamini–Hochberg); the PDF says the same. */
function renderSummary() {
  const year = Number(view.year);
  const units = data.units.groups.filter((g) => !g.suppressed);
  const named = (g) => t('summaryPoints', nameOf(g.group.unit), signed(g.overall.delta));
  const sentences = [];
  const rose = units.filter((g) => g.overall.significant && g.overall.delta > 0).map(named);
  const fell = units.filter((g) => g.overall.significant && g.overall.delta < 0).map(named);
  if (units.length) {
    if (rose.length) {
      sentences.push(t('summaryUnitsUp', rose.join('; ')));
    }
    if (fell.length) {
      sentences.push(t('summaryUnitsDown', fell.join('; ')));
    }
    if (!rose.length && !fell.length) {
      sentences.push(t('summaryUnitsNone', year - 1));
    }
  }
  const compared = data.compare.groups[0];
  if (compared && !compared.suppressed) {
    const criteria = Object.entries(compared.criteria);
    const changed = (up) => criteria.filter(([, c]) => c.significant && (c.delta > 0) === up)
      .map(([code, c]) => t('summaryPoints', code, signed(c.delta)));
    const up = changed(true);
    const down = changed(false);
    if (up.length) {
      sentences.push(t('summaryCriteriaUp', up.join('; ')));
    }
    if (down.length) {
      sentences.push(t('summaryCriteriaDown', down.join('; ')));
    }
    if (!up.length && !down.length) {
      sentences.push(t('summaryCriteriaNone'));
    }
  }
  sentences.push(t('summaryPdf'));
  fill($('summary'), h('h2', {}, t('summaryTitle')), h('ul', { id: 'report-summary' }, sentences.map((x) => h('li', {}, x))));
}

function render() {
  renderHead();
  renderSummary();
  renderOverview();
  renderIndicators();
  renderTrend();
  renderElements();
  renderCriteria();
  renderReasons();
  renderYearOnYear();
  renderRankings();
  renderComments();
  // Tables of up to a page's rows are kept whole on paper (report.css), so that none leaves a row alone on a page.
  document.querySelectorAll('#report table').forEach((x) => x.classList.toggle('keep', (x.tBodies[0]?.rows.length ?? 0) <= 25));
}

async function load() {
  const year = Number(view.year);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [total, compare, units, trend, years, comments, reasons, rankings] = await Promise.all([
    get(`/indices${query(from, to)}`),
    get(`/compare${query(null, null, { period: year, baseline: year - 1 })}`),
    get(`/compare${query(null, null, { period: year, baseline: year - 1, groupBy: 'unit' })}`),
    get(`/trend${query(`${year - 2}-01-01`, to, { interval: 'month' })}`),
    get(`/indices${query(`${year - 1}-01-01`, to, { groupBy: 'year' })}`),
    get(`/comments${query(from, to, { size: COMMENTS })}`),
    reasonQuestion(lists.form) ? get(`/reasons${query(from, to)}`) : null,
    get(`/rankings${query(from, to, { by: 'unit' })}`),
  ]);
  data = { total, compare, trend, years, comments, reasons, units, rankings };
  data.indicators = await get(`/indicators${query(from, to, { groupBy: 'unit' })}`);
}

async function start() {
  view = readView();
  setLang(view.lang ?? localStorage.getItem('hailong.lang') ?? 'vi');
  document.body.dataset.state = 'loading';
  $('status').textContent = t('loading');
  try {
    const code = encodeURIComponent(view.questionnaire || 'SIPAS');
    const [units, form, questionnaires, byYear] = await Promise.all([get('/units'), get(`/forms/${code}`),
      get('/questionnaires'), get(`/indices?groupBy=year&questionnaire=${code}`)]);
    lists = { units, form, questionnaire: questionnaires.find((q) => q.code === form.questionnaire) };
    if (!view.year) {
      const years = byYear.groups.map((g) => g.group.year).sort((a, b) => b - a);
      view.year = String(years[0] ?? new Date().getFullYear());
    }
    if (!/^\d{4}$/.test(view.year)) {
      document.body.dataset.state = 'error';
      $('status').className = 'status no-print error';
      $('status').textContent = t('badYear', view.year);
      return;
    }
    writeView();
    await load();
  } catch (e) {
    showError(e);
    return;
  }
  render();
  $('status').replaceChildren();
  document.body.dataset.state = 'ready';
  $('print').addEventListener('click', () => window.print());
  $('lang').addEventListener('click', () => {
    setLang(currentLang() === 'vi' ? 'en' : 'vi');
    writeView();
    render();
  });
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
}

start();
