// The touch kiosk at the one-stop desk: enrol once, then rate, thank, and forget the citizen.
// A tap on a face is a rating: it is held on the device at once (HELD), and sent as soon as the citizen is done —
// at once after a satisfied tap, else when they send what they added, or walk away. Nothing they entered is ever
// dropped. Ratings go through the IndexedDB outbox (queue.js) so none is lost offline.
import { request } from '/lib/api.js';
import { h, showView } from '/lib/dom.js';
import { format, pick, Switches, translate } from '/lib/i18n.js';
import { questionFieldset, setFieldError, missing, answersForApi, NA } from '/lib/questions.js';
import { messages } from '/kiosk/messages.js';
import * as outbox from '/kiosk/queue.js';

const TOKEN = 'hailong.kiosk.token';
const CONFIG = 'hailong.kiosk.config';
// The rating being given, as it would be sent now: survives a reload or a crash of the kiosk's browser.
const HELD = 'hailong.kiosk.held';
const params = new URLSearchParams(location.search);
// Shorter timers for tests and demonstrations: ?thanks=1&idle=3 (seconds).
const THANKS_MS = seconds(params.get('thanks'), 5) * 1000;
const IDLE_MS = seconds(params.get('idle'), 60) * 1000;
const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 5 * 60 * 1000;
const CONFIG_MAX_AGE_MS = 15 * 60 * 1000;

function seconds(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

let config = null;
let configLoadedAt = 0;
let view = 'loading';
let citizen = fresh();
let idleTimer = null;
let thanksTimer = null;
const switches = new Switches({ remember: false, onChange: () => render() });

function fresh() {
  return { agency: null, answers: {}, comment: '', page: 0, startedAt: null, errors: {}, submissionId: null, submittedAt: null };
}

const m = () => messages[switches.settings.lang];
const lang = () => switches.settings.lang;
const form = () => config.form;
const scaleOf = (q) => form().scales[q.scale];

// ---- Screens ----

function go(next) {
  view = next;
  showView(next);
  render();
  const heading = document.querySelector(`[data-view="${next}"] h1`);
  if (heading) heading.setAttribute('tabindex', '-1');
}

function startView() {
  if (!config) return 'loading';
  if (!citizen.agency && config.agencies.length > 1) return 'agency';
  return isCard() ? 'rate' : 'full';
}

/** A one-tap card has no criteria, only an overall question (shown as faces) and optional extras. */
function isCard() {
  return !form().questions.some((q) => q.kind === 'rating');
}

function primary() {
  return form().questions.find((q) => q.kind === 'overall' && scaleOf(q) && scaleOf(q).ordinal) || form().questions[0];
}

function render() {
  translate(document, m());
  switches.label();
  document.title = 'Hài Lòng – ' + m().brand;
  if (config) {
    document.getElementById('centre-name').textContent = '· ' + pick(config.centre, 'name', lang());
  }
  if (view === 'agency') renderAgencies();
  if (view === 'rate') renderFaces();
  if (view === 'more') renderMore();
  if (view === 'full') renderFull();
  renderStatus();
}

function agencyName() {
  const agency = config.agencies.find((a) => a.code === citizen.agency);
  return config.agencies.length > 1 && agency ? pick(agency, 'name', lang()) : '';
}

function renderAgencies() {
  const box = document.getElementById('agencies');
  box.replaceChildren(...config.agencies.map((agency) => h('button', {
    type: 'button', class: 'agency', 'data-code': agency.code,
    onclick: () => { touch(); citizen.agency = agency.code; go(isCard() ? 'rate' : 'full'); },
  }, pick(agency, 'name', lang()))));
}

const FACE_COLOURS = ['#c62828', '#ef6c00', '#f9a825', '#7cb342', '#2e7d32'];

/** A drawn face, from frowning (t = 0) to beaming (t = 1); drawn, so no emoji font is needed. */
function face(t) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'face-drawing');
  const shape = (tag, attributes) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
    svg.append(node);
  };
  const colour = FACE_COLOURS[Math.round(t * (FACE_COLOURS.length - 1))];
  shape('circle', { cx: 50, cy: 50, r: 46, fill: colour, stroke: '#00000033', 'stroke-width': 2 });
  shape('circle', { cx: 34, cy: 40, r: 6, fill: '#1b1f24' });
  shape('circle', { cx: 66, cy: 40, r: 6, fill: '#1b1f24' });
  const bend = (t - 0.5) * 36;
  shape('path', {
    d: `M 28 ${68 - bend / 3} Q 50 ${68 + bend} 72 ${68 - bend / 3}`,
    fill: 'none', stroke: '#1b1f24', 'stroke-width': 6, 'stroke-linecap': 'round',
  });
  return svg;
}

function renderFaces() {
  const q = primary();
  const scale = scaleOf(q);
  document.getElementById('rate-agency').textContent = agencyName();
  document.getElementById('rate-title').textContent = pick(form(), 'title', lang()) || pick(q, 'text', lang());
  const n = scale.levels.length;
  const levels = [...scale.levels].sort((a, b) => b.score - a.score);
  document.getElementById('faces').replaceChildren(...levels.map((level) => h('button', {
    type: 'button', class: 'face', 'data-level': level.score,
    'aria-pressed': String(citizen.answers[q.code] === level.score),
    onclick: () => {
      touch();
      citizen.answers[q.code] = level.score;
      hold();
      // Only a neutral or unhappy tap is asked what went wrong; a happy one is thanked at once.
      if (form().questions.length > 1 && !satisfied(scale, level.score)) go('more'); else finish();
    },
  }, face(n > 1 ? (level.score - 1) / (n - 1) : 1), h('span', { class: 'face-label', text: pick(level, 'label', lang()) }))));
}

function question(q, number) {
  const fieldset = questionFieldset(q, scaleOf(q), citizen.answers[q.code], {
    lang: lang(), naLabel: m().na, number, idPrefix: 'k',
    onChange: (code, value) => {
      touch();
      citizen.answers[code] = value;
      delete citizen.errors[code];
      setFieldError(fieldset, null);
      hold();
    },
  });
  if (citizen.errors[q.code]) setFieldError(fieldset, citizen.errors[q.code]);
  return fieldset;
}

function renderMore() {
  const others = form().questions.filter((q) => q !== primary());
  document.getElementById('more-questions').replaceChildren(...others.map((q) => {
    const fieldset = question(q);
    fieldset.classList.add('big');
    if (!q.required) fieldset.querySelector('legend').append(h('span', { class: 'hint', text: ' (' + m().optional + ')' }));
    return fieldset;
  }));
  document.getElementById('comment').value = citizen.comment;
}

/** The full form, one page per element, then the overall question, the modules and the comment. */
function pages() {
  const f = form();
  const result = [];
  for (const element of f.elements || []) {
    const qs = f.questions.filter((q) => q.element === element.code);
    if (qs.length) result.push({ title: pick(element, 'name', lang()), questions: qs });
  }
  const groups = [['overall', m().overall], ['expectation', m().expectations], ['incident', m().incidents]];
  const placed = new Set(result.flatMap((p) => p.questions));
  for (const [kind, title] of groups) {
    const qs = f.questions.filter((q) => q.kind === kind && !placed.has(q));
    qs.forEach((q) => placed.add(q));
    if (qs.length) result.push({ title, questions: qs });
  }
  const rest = f.questions.filter((q) => !placed.has(q));
  if (rest.length) result.push({ title: m().other, questions: rest });
  result.push({ title: m().commentOptional, questions: [], comment: true });
  return result;
}

function renderFull() {
  const all = pages();
  citizen.page = Math.min(citizen.page, all.length - 1);
  const page = all[citizen.page];
  document.getElementById('full-agency').textContent = agencyName();
  document.getElementById('full-title').textContent = page.title;
  document.getElementById('full-step').textContent = `${format(m().step, { n: citizen.page + 1 })} ${m().of} ${all.length}`;
  const numbers = new Map(form().questions.map((q, i) => [q.code, i + 1]));
  const box = document.getElementById('full-page');
  if (page.comment) {
    const area = h('textarea', { id: 'full-comment', rows: 5, maxlength: 2000 });
    area.value = citizen.comment;
    area.addEventListener('input', () => { touch(); citizen.comment = area.value; hold(); });
    box.replaceChildren(h('label', { class: 'comment', for: 'full-comment' }, h('span', { text: m().commentOptional }), area));
  } else {
    box.replaceChildren(...page.questions.map((q) => question(q, numbers.get(q.code))));
  }
  document.getElementById('full-back').hidden = citizen.page === 0 && !(config.agencies.length > 1);
  document.getElementById('full-next').hidden = citizen.page === all.length - 1;
  document.getElementById('full-send').hidden = citizen.page !== all.length - 1;
}

function fullNext() {
  touch();
  const page = pages()[citizen.page];
  const codes = missing(page.questions, citizen.answers);
  if (codes.length) {
    codes.forEach((code) => { citizen.errors[code] = m().required; });
    renderFull();
    const first = document.querySelector(`#full-page fieldset[data-code="${codes[0]}"]`);
    first.scrollIntoView({ block: 'center' });
    return;
  }
  citizen.page += 1;
  renderFull();
  window.scrollTo(0, 0);
}

/** Sends the full form, or shows the first page with a required question still unanswered. */
function fullSend() {
  const lacking = missing(form().questions, citizen.answers);
  if (lacking.length) {
    lacking.forEach((code) => { citizen.errors[code] = m().required; });
    citizen.page = Math.max(0, pages().findIndex((p) => p.questions.some((q) => lacking.includes(q.code))));
    renderFull();
    return;
  }
  finish();
}

/** Sends a card with what was added to the tap; a required extra still missing is asked for first. */
function moreSend() {
  const lacking = missing(form().questions, citizen.answers);
  if (lacking.length) {
    lacking.forEach((code) => { citizen.errors[code] = m().required; });
    renderMore();
    return;
  }
  finish();
}

function fullBack() {
  touch();
  if (citizen.page === 0) { citizen = fresh(); go(startView()); return; }
  citizen.page -= 1;
  renderFull();
}

// ---- Holding and sending ----

/** Whether a level counts as satisfied on its scale (the levels from satisfiedFrom up). */
function satisfied(scale, score) {
  return scale.satisfiedFrom != null && score >= scale.satisfiedFrom;
}

/** The rating as it stands, in the API's form; null until the overall question is answered. */
function rating() {
  const f = form();
  if (citizen.answers[primary().code] === undefined) return null;
  citizen.submissionId = citizen.submissionId || crypto.randomUUID();
  citizen.startedAt = citizen.startedAt || new Date().toISOString();
  citizen.submittedAt = citizen.submittedAt || new Date().toISOString();
  const body = {
    submissionId: citizen.submissionId,
    questionnaire: f.questionnaire,
    version: f.version,
    agency: citizen.agency || config.agencies[0].code,
    channel: 'kiosk',
    answers: answersForApi(f.questions, citizen.answers),
    startedAt: citizen.startedAt,
    submittedAt: citizen.submittedAt,
  };
  // A citizen who walked away before the end: what they answered counts, the rest is left out.
  if (missing(f.questions, citizen.answers).length) body.incomplete = true;
  const comment = citizen.comment.trim();
  if (comment) body.comment = comment.slice(0, 2000);
  return body;
}

/** Keeps the rating as it stands on the device, so that not even a crash of the browser loses the tap. */
function hold() {
  const body = rating();
  try {
    if (body) localStorage.setItem(HELD, JSON.stringify(body)); else localStorage.removeItem(HELD);
  } catch (e) {
    console.warn('Could not hold the rating', e);
  }
}

/** Sends the rating as it stands (if the overall question is answered) and thanks the citizen. */
async function finish() {
  const body = rating();
  if (body) await send(JSON.stringify(body));
  thank();
}

/** Hands a rating's exact text to the outbox, then lets go of it: every retry is byte for byte the same. */
async function send(text) {
  try {
    await outbox.enqueue(JSON.parse(text).submissionId, text);
    localStorage.removeItem(HELD);
  } catch (e) {
    console.warn('Could not keep the rating in the outbox', e);
  }
  sendQueued();
}

/** A rating held when the kiosk's browser stopped (a crash, a reload) is sent as it was. */
async function sendHeld() {
  const held = localStorage.getItem(HELD);
  if (held) await send(held);
}

function thank() {
  citizen = fresh();
  go('thanks');
  clearTimeout(thanksTimer);
  thanksTimer = setTimeout(reset, THANKS_MS);
}

let flushing = false;
let flushAgain = false;
let failures = 0;
let retryTimer = null;
let lastStatus = null;

async function sendQueued() {
  if (flushing) { flushAgain = true; return; }
  flushing = true;
  clearTimeout(retryTimer);
  try {
    const send = (item) => request('POST', '/responses', { body: item.body, token: localStorage.getItem(TOKEN) });
    // No network at all: wait for the 'online' event (or the next back-off) instead of failing each rating.
    const result = navigator.onLine ? await outbox.flush(send)
      : { done: (await outbox.counts()).queued === 0, retryAfter: 0 };
    lastStatus = result.done ? 'ok' : 'failed';
    if (result.done) {
      failures = 0;
    } else {
      failures += 1;
      const backoff = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (failures - 1));
      retryTimer = setTimeout(sendQueued, Math.max(backoff, result.retryAfter * 1000));
    }
  } catch (e) {
    console.warn('Outbox problem', e);
    retryTimer = setTimeout(sendQueued, RETRY_MAX_MS);
  } finally {
    flushing = false;
    renderStatus();
    if (flushAgain) { flushAgain = false; sendQueued(); }
  }
}

async function renderStatus() {
  const status = document.getElementById('status');
  let counts = { queued: 0, rejected: 0 };
  try { counts = await outbox.counts(); } catch { /* no IndexedDB: nothing queued to show */ }
  const online = navigator.onLine && lastStatus !== 'failed';
  const parts = [(online ? '● ' : '○ ') + (online ? m().online : m().offline), format(m().queued, { n: counts.queued })];
  if (counts.rejected) parts.push(format(m().rejected, { n: counts.rejected }));
  status.textContent = parts.join(' · ');
  status.dataset.queued = String(counts.queued);
  status.dataset.online = String(online);
  status.classList.toggle('offline', !online);
}

// ---- Idle and reset ----

function touch() {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(idle, IDLE_MS);
}

function idle() {
  if (view === 'enrol' || view === 'loading') return;
  // The citizen walked away: what they gave is sent (if they answered the overall question), then all is forgotten.
  if (view !== 'thanks' && rating()) { finish(); return; }
  reset();
}

/** Forgets everything about the last citizen: answers, comment, language, text size and contrast. */
function reset() {
  clearTimeout(thanksTimer);
  citizen = fresh();
  document.getElementById('comment').value = '';
  switches.settings.lang = 'vi';
  switches.settings.large = false;
  switches.settings.contrast = false;
  switches.apply();
  if (config) go(startView());
  window.scrollTo(0, 0);
  if (Date.now() - configLoadedAt > CONFIG_MAX_AGE_MS) refreshConfig();
}

/** Between citizens, picks up a changed set-up (new form version, renamed centre) without a reload. */
async function refreshConfig() {
  configLoadedAt = Date.now();
  const loaded = await loadConfig();
  if (loaded === 'revoked') { config = null; showEnrol(m().revoked); return; }
  if (!loaded) return;
  if (view === startView() && !citizen.startedAt && !citizen.agency) {
    config = loaded;
    go(startView());
  } else {
    // Someone is rating: never change the form under them; try again at the next reset.
    configLoadedAt = 0;
  }
}

// ---- Enrolment and set-up ----

async function enrol(code) {
  const error = document.getElementById('enrol-error');
  error.hidden = true;
  let answer;
  try {
    answer = await request('POST', '/kiosk/enrolment', { body: { code: code.trim() } });
  } catch {
    error.textContent = m().enrolOffline;
    error.hidden = false;
    return false;
  }
  if (answer.status !== 201) {
    error.textContent = m().enrolFailed;
    error.hidden = false;
    return false;
  }
  localStorage.setItem(TOKEN, answer.body.token);
  localStorage.removeItem(CONFIG);
  return true;
}

async function loadConfig() {
  const token = localStorage.getItem(TOKEN);
  try {
    const answer = await request('GET', '/kiosk/config', { token });
    if (answer.status === 200) {
      localStorage.setItem(CONFIG, JSON.stringify(answer.body));
      return answer.body;
    }
    if (answer.status === 401 || answer.status === 403) {
      localStorage.removeItem(TOKEN);
      localStorage.removeItem(CONFIG);
      return 'revoked';
    }
  } catch {
    // Offline: fall back to the last set-up this kiosk saw.
  }
  const saved = localStorage.getItem(CONFIG);
  return saved ? JSON.parse(saved) : null;
}

async function setUp() {
  go('loading');
  const loaded = await loadConfig();
  if (loaded === 'revoked') {
    showEnrol(m().revoked);
    return;
  }
  if (!loaded) {
    const problem = document.getElementById('loading-problem');
    problem.textContent = m().configFailed;
    problem.hidden = false;
    setTimeout(setUp, 10000);
    return;
  }
  config = loaded;
  configLoadedAt = Date.now();
  document.getElementById('loading-problem').hidden = true;
  citizen = fresh();
  go(startView());
  touch();
}

function showEnrol(message) {
  go('enrol');
  const error = document.getElementById('enrol-error');
  error.textContent = message || '';
  error.hidden = !message;
  document.getElementById('enrol-code').focus();
}

async function start() {
  document.getElementById('enrol-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = document.getElementById('enrol-code').value;
    if (code.trim() && await enrol(code)) setUp();
  });
  document.getElementById('send').addEventListener('click', () => { touch(); moreSend(); });
  // Back to the faces to change the tap: the same rating, held until it is sent.
  document.getElementById('more-back').addEventListener('click', () => { touch(); go('rate'); });
  document.getElementById('comment').addEventListener('input', (e) => { touch(); citizen.comment = e.target.value; hold(); });
  document.getElementById('full-next').addEventListener('click', fullNext);
  document.getElementById('full-back').addEventListener('click', fullBack);
  document.getElementById('full-send').addEventListener('click', () => { touch(); fullSend(); });
  for (const type of ['pointerdown', 'keydown', 'input']) document.addEventListener(type, touch, { passive: true });
  window.addEventListener('online', () => { failures = 0; sendQueued(); });
  window.addEventListener('offline', renderStatus);

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/kiosk/sw.js', { scope: '/kiosk/' })
      .catch((e) => console.warn('No offline shell', e));
  }

  const enrolment = /(?:^#|&)enrol=([^&]+)/.exec(location.hash);
  if (enrolment) {
    history.replaceState(null, '', location.pathname + location.search);
    if (!await enrol(decodeURIComponent(enrolment[1]))) {
      go('enrol');
      document.getElementById('enrol-error').hidden = false;
      return;
    }
  }
  if (!localStorage.getItem(TOKEN)) {
    showEnrol();
    return;
  }
  await sendHeld();
  sendQueued();
  await setUp();
}

start();
