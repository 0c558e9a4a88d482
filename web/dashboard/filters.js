// The filters, kept in the address so a copied link opens the same view; they become the API's query.
import { get } from '/lib/api.js';
import { h } from '/lib/dom.js';
import { boundariesOf, endedText } from '/lib/boundaries.js';
import { nameOf } from '/lib/i18n.js';
import { t } from './messages.js';

const KEYS = ['questionnaire', 'year', 'unit', 'service', 'centre', 'counter', 'channel', 'excludeFlagged', 'weighting', 'month',
  'element', 'boundaries'];
const CHANNELS = ['kiosk', 'qr', 'web', 'interview'];

/**
 * The view the address describes: {questionnaire, year, unit, service, centre, counter, channel, excludeFlagged,
 * weighting, month (YYYY-MM, a drill-down into the year), element (a drill-down into the criteria), boundaries
 * ('historical': the units as they were when rated; '': today's, the default), lang}; no questionnaire is SIPAS. A counter is one centre's, so it is kept only with a centre.
 */
export function readState() {
  const params = new URLSearchParams(location.search);
  const state = {};
  for (const key of KEYS) {
    state[key] = params.get(key) || '';
  }
  if (!state.centre) {
    state.counter = '';
  }
  state.excludeFlagged = state.excludeFlagged === 'true';
  state.weighting = state.weighting === 'poststratified' ? 'poststratified' : '';
  state.boundaries = boundariesOf(state.boundaries);
  // A month (YYYY-MM) of the year in view narrows the period; another year's month means nothing here.
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(state.month) || !state.month.startsWith(`${state.year}-`)) {
    state.month = '';
  }
  state.lang = params.get('lang') === 'en' ? 'en' : params.get('lang') === 'vi' ? 'vi' : null;
  return state;
}

/** Writes the state into the address (one history entry per change, so Back undoes a filter). */
export function writeState(state, { replace = false } = {}) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    if (key === 'excludeFlagged' ? state[key] : state[key]) {
      params.set(key, String(state[key]));
    }
  }
  if (state.lang) {
    params.set('lang', state.lang);
  }
  const url = `${location.pathname}?${params}`;
  if (replace) {
    history.replaceState(null, '', url);
  } else {
    history.pushState(null, '', url);
  }
}

/**
 * The API query for the state: the year (or the month drilled into) becomes from/to; extra adds endpoint parameters. weighted: the endpoint
 * weights (indices, compare, trend, rankings); the others never do, and refuse to be asked.
 */
export function query(state, extra = {}, { withYear = true, weighted = false } = {}) {
  const params = new URLSearchParams();
  if (withYear && state.month) {
    const [year, month] = state.month.split('-').map(Number);
    params.set('from', `${state.month}-01`);
    params.set('to', `${state.month}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`);
  } else if (withYear && state.year) {
    params.set('from', `${state.year}-01-01`);
    params.set('to', `${state.year}-12-31`);
  }
  for (const key of ['questionnaire', 'unit', 'service', 'centre', 'counter', 'channel', 'boundaries']) {
    if (state[key]) {
      params.set(key, state[key]);
    }
  }
  if (state.excludeFlagged) {
    params.set('excludeFlagged', 'true');
  }
  if (weighted && state.weighting) {
    params.set('weighting', state.weighting);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The units the picker offers: in today's boundaries the units valid today (an ended unit's figures are its
 * successor's); in the historical view every unit, an ended one saying what became of it. The unit in view is kept.
 */
function pickable(state, units) {
  return state.boundaries === 'historical' ? units : units.filter((u) => !u.ended || u.code === state.unit);
}

/** A unit's name in the picker: an ended unit's with what became of it, "(đã sáp nhập vào … từ ngày 01/07/2025)". */
function unitLabel(unit) {
  const ended = endedText(t, unit);
  return ended ? `${nameOf(unit)} (${ended})` : nameOf(unit);
}

/** Units in tree order, each with its depth, for an indented picker. */
function unitTree(units) {
  const children = new Map();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out = [];
  const walk = (parent, depth) => {
    for (const u of (children.get(parent) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      out.push({ unit: u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The counter picker: the chosen centre's counters; disabled, and saying why, until a centre is chosen. */
function counterPicker(state, counters, onchange) {
  if (!state.centre) {
    const field = picker('counter', t('counter'), [{ value: '', label: t('counterNeedsCentre') }], '', onchange);
    field.querySelector('select').disabled = true;
    return field;
  }
  return picker('counter', t('counter'), [{ value: '', label: t('allCounters') },
    ...counters.map((c) => ({ value: c.code, label: nameOf(c) }))], state.counter, onchange);
}

function picker(name, label, options, selected, onchange) {
  const select = h('select', { id: `filter-${name}`, name });
  for (const o of options) {
    const option = h('option', { value: o.value }, o.label);
    option.selected = String(o.value) === String(selected ?? '');
    select.append(option);
  }
  select.addEventListener('change', () => onchange(name, select.value));
  return h('p', { class: 'field' }, h('label', { for: select.id }, label), select);
}

/**
 * The counters (quầy) of the centre with this code, for the counter picker; none without a centre. Counter codes are
 * unique within a centre only, so the API takes a counter with its centre.
 */
export async function countersOf(centres, code) {
  const centre = centres.find((c) => c.code === code);
  if (!centre) {
    return [];
  }
  const answer = await get(`/centres/${centre.id}`);
  return answer.counters;
}

/** Draws the filter form; onchange(name, value) is called on every change. lists.counters: the chosen centre's. */
export function renderFilters(form, state, lists, onchange) {
  form.setAttribute('aria-label', t('filters'));
  const all = { value: '', label: t('all') };
  const flagged = h('input', { type: 'checkbox', id: 'filter-excludeFlagged', name: 'excludeFlagged' });
  flagged.checked = state.excludeFlagged;
  flagged.addEventListener('change', () => onchange('excludeFlagged', flagged.checked));
  form.replaceChildren(
    picker('questionnaire', t('questionnaire'), lists.questionnaires.map((q) => ({ value: q.code, label: nameOf(q) })),
      state.questionnaire || 'SIPAS', onchange),
    picker('year', t('year'), lists.years.map((y) => ({ value: y, label: String(y) })), state.year, onchange),
    picker('boundaries', t('boundaries'), [{ value: '', label: t('boundariesCurrent') },
      { value: 'historical', label: t('boundariesHistorical') }], state.boundaries, onchange),
    picker('unit', t('unit'), [{ value: '', label: t('allUnits') }, ...unitTree(pickable(state, lists.units)).map(({ unit, depth }) => ({
      value: unit.code, label: `${'\u2003'.repeat(depth)}${unitLabel(unit)}` }))], state.unit, onchange),
    picker('service', t('service'), [all, ...lists.services.map((s) => ({ value: s.code, label: `${s.code} · ${nameOf(s)}` }))],
      state.service, onchange),
    picker('centre', t('centre'), [all, ...lists.centres.map((c) => ({ value: c.code, label: nameOf(c) }))],
      state.centre, onchange),
    counterPicker(state, lists.counters ?? [], onchange),
    picker('channel', t('channel'), [all, ...CHANNELS.map((c) => ({ value: c, label: t(`channel_${c}`) }))],
      state.channel, onchange),
    picker('weighting', t('weighting'), [{ value: '', label: t('weightingNone') },
      { value: 'poststratified', label: t('weightingPost') }], state.weighting, onchange),
    h('p', { class: 'field check' }, flagged, h('label', { for: flagged.id }, t('excludeFlagged'))));
}
