// The public results page: what an admin published, without signing in — figures with their 95% intervals, the
// units too small to show, the ranking, plain definitions and the open-data CSV. Text only, never innerHTML.
import { ApiError, get } from '/lib/api.js';
import { chartBox, ciWhiskers, colours, draw, wrap } from '/lib/charts.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { count, currentLang, formatDate, labelLanguageButton, nameOf, num, setLang, translate, translator }
  from '/lib/i18n.js';
import { messages } from './messages.js';

const t = translator(messages);
const $ = (id) => document.getElementById(id);
let results = null;
let form = null;
// On a phone the chart's unit names wrap shorter, so that none is cut off at the left edge.
const narrow = matchMedia('(max-width: 37.5rem)');

/** The year and questionnaire in the address (?nam=2025&bo=SIPAS), so a link shows the same figures. */
function asked() {
  const params = new URLSearchParams(location.search);
  return { year: params.get('nam'), questionnaire: params.get('bo') };
}

async function load() {
  const { year, questionnaire } = asked();
  const query = new URLSearchParams();
  if (year) query.set('year', year);
  if (questionnaire) query.set('questionnaire', questionnaire);
  $('status').textContent = t('loading');
  try {
    results = await get(`/public/results?${query}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && (year || questionnaire)) {
      // A year or questionnaire no longer published: show the latest instead.
      history.replaceState(null, '', location.pathname);
      return load();
    }
    results = null;
    $('status').textContent = t('failed');
    return null;
  }
  form = results.year ? await get(`/forms/${encodeURIComponent(results.questionnaire)}`).catch(() => null) : null;
  $('status').textContent = '';
  render();
  return results;
}

const elementName = (code) => nameOf(form?.elements?.find((e) => e.code === code)) || code;
const minN = () => results.units[0]?.minN ?? 30;
const interval = (e) => t('ciRange', num(e.low), num(e.high));

function render() {
  const m = messages[currentLang()];
  document.documentElement.lang = currentLang();
  document.title = m.pageTitle;
  translate(document, m);
  labelLanguageButton($('lang'));
  if (!results) {
    return;
  }
  if (!results.year) {
    $('title').textContent = t('heading');
    fill($('published'), t('nothing'));
    ['picker', 'units', 'elements', 'ranking'].forEach((id) => fill($(id)));
    renderDefinitions();
    return;
  }
  $('title').textContent = t('headingYear', results.year);
  fill($('published'), t('publishedOn', formatDate(results.publishedAt)));
  renderPicker();
  renderUnits();
  renderElements();
  renderRanking();
  renderDefinitions();
}

function renderPicker() {
  const choose = (name, label, values, selected) => h('label', {}, h('span', {}, label),
    h('select', { name, onchange: pick }, values.map((v) => h('option', { value: v, selected: String(v) === String(selected) }, v))));
  const query = new URLSearchParams({ year: results.year, questionnaire: results.questionnaire });
  fill($('picker'),
    choose('nam', t('year'), results.years, results.year),
    choose('bo', t('questionnaire'), results.questionnaires, results.questionnaire),
    h('p', { class: 'csv' }, h('a', { href: `/api/v1/public/results.csv?${query}`, download: '' }, t('csv')),
      h('span', { class: 'hint' }, ` ${t('csvHint')}`)));
}

function pick(event) {
  const data = new FormData($('picker'));
  const query = new URLSearchParams({ nam: data.get('nam'), bo: data.get('bo') });
  if (event.target.name === 'bo') query.delete('nam'); // another questionnaire: its latest year
  history.pushState(null, '', `?${query}`);
  load();
}

function renderUnits() {
  const shown = results.units.filter((u) => !u.suppressed);
  const summary = shown.map((u) => `${nameOf(u)} ${num(u.index.value)} (${interval(u.index)})`).join('; ');
  const { box, canvas } = chartBox('units-chart', t('chartLabel', shown.length, summary), 'chart-box');
  box.style.height = `${Math.max(160, shown.length * (narrow.matches ? 58 : 34) + 60)}px`;
  const rows = results.units.map((u) => h('tr', {},
    h('th', { scope: 'row' }, nameOf(u)),
    h('td', { class: 'num' }, count(u.n)),
    u.suppressed
      ? h('td', { colspan: 2, class: 'suppressed' }, t('suppressed', count(u.n), count(u.minN)))
      : [h('td', { class: 'num' }, num(u.index.value)), h('td', { class: 'num' }, interval(u.index))]));
  const anySuppressed = results.units.some((u) => u.suppressed);
  fill($('units'),
    h('h2', { id: 'units-title' }, t('unitsTitle')),
    shown.length ? box : null,
    tableBox(table(t('unitsCaption', results.year), [t('agency'), t('n'), t('index'), t('ci')], rows)),
    anySuppressed ? h('p', { class: 'note' }, t('suppressedNote', minN())) : null);
  if (!shown.length) {
    return;
  }
  draw(canvas, {
    type: 'bar',
    data: {
      labels: shown.map((u) => wrap(nameOf(u), narrow.matches ? 20 : 28)),
      datasets: [{ label: t('index'), data: shown.map((u) => u.index.value), ci: shown.map((u) => [u.index.low, u.index.high]),
        backgroundColor: colours.primary, maxBarThickness: 22 }],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { min: 0, max: 100, title: { display: true, text: t('index') } },
        y: { ticks: { autoSkip: false } }, // every unit named, however many
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (c) => `${num(shown[c.dataIndex].index.value)} (${interval(shown[c.dataIndex].index)})` } },
      },
    },
    plugins: [ciWhiskers],
  });
}

function renderElements() {
  const shown = results.units.filter((u) => !u.suppressed && u.elements);
  const codes = [...new Set(shown.flatMap((u) => Object.keys(u.elements)))];
  if (!codes.length) {
    fill($('elements'));
    return;
  }
  const rows = shown.map((u) => h('tr', {}, h('th', { scope: 'row' }, nameOf(u)),
    codes.map((c) => h('td', { class: 'num' }, u.elements[c] ? num(u.elements[c].value) : '–'))));
  fill($('elements'),
    h('h2', { id: 'elements-title' }, t('elementsTitle')),
    tableBox(table(t('elementsCaption'), [t('agency'), ...codes.map(elementName)], rows, { class: 'elements' })));
}

function renderRanking() {
  const kinds = results.ranking.filter((k) => k.ranked.length > 1);
  fill($('ranking'),
    h('h2', { id: 'ranking-title' }, t('rankingTitle')),
    h('p', { class: 'note' }, t('rankingNote')),
    kinds.length ? kinds.map((k) => tableBox(table(t('rankingCaption', nameOf(k)), [t('rank'), t('agency'), t('index'), t('ci')],
      k.ranked.map((p) => h('tr', {},
        h('td', { class: 'rank' }, p.rankRange.best === p.rankRange.worst ? String(p.rankRange.best)
          : `${p.rankRange.best}–${p.rankRange.worst}`),
        h('th', { scope: 'row' }, nameOf(p)),
        h('td', { class: 'num' }, num(p.index.value)),
        h('td', { class: 'num' }, interval(p.index))))))) : h('p', {}, t('noRanking')));
}

function renderDefinitions() {
  const n = results?.units?.length ? minN() : 30;
  const term = (key, text) => [h('dt', {}, t(key)), h('dd', {}, text)];
  fill($('definitions'),
    h('h2', { id: 'definitions-title' }, t('definitionsTitle')),
    h('dl', {},
      term('defIndexTerm', form?.elements?.length
        ? t('defIndex', form.elements.length, form.elements.map((e) => nameOf(e).toLocaleLowerCase(currentLang())).join('; '))
        : t('defIndexPlain')),
      term('defCiTerm', t('defCi')),
      term('defNTerm', t('defN', n)),
      term('defElementTerm', t('defElement')),
      term('defSnapshotTerm', t('defSnapshot'))));
}

$('lang').addEventListener('click', () => {
  setLang(currentLang() === 'vi' ? 'en' : 'vi');
  render();
});
window.addEventListener('popstate', load);
narrow.addEventListener('change', () => { if (results?.year) renderUnits(); });
setLang(currentLang());
render();
load().then(() => document.body.setAttribute('data-ready', ''));
