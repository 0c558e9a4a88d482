// The online survey behind a QR code or short link (/s/{code} → /survey/#{code}): the link's questionnaire as a
// short sequence of pages (one per element, then the overall question, the optional modules, and a last page
// about the respondent), with back and forward, the answers kept on this device until they are sent — a reload
// or a closed tab resumes where it was, and nothing leaves the phone before "Gửi phiếu" — sent once however
// often it is retried.
import { request } from '../lib/api.js';
import { renderCallback } from '../lib/callback.js';
import { focusHeading, h, showView } from '../lib/dom.js';
import { format, pick, Switches, translate } from '../lib/i18n.js';
import { questionFieldset, setFieldError, focusQuestion, missing, answersForApi, fieldMessage } from '../lib/questions.js';
import { messages } from './messages.js';

const MAX_COMMENT = 2000;
const SEXES = ['female', 'male', 'other'];
const AGE_BANDS = ['under-18', '18-29', '30-44', '45-59', '60+'];
/** Kept answers older than this are forgotten: a survey is about one visit. */
const KEEP_MS = 14 * 24 * 3600 * 1000;
/** What a link names, in reading order, and the word for each. */
const PLACE_WORDS = { agency: 'agency', service: 'procedure', centre: 'where', counter: 'counter' };
/** The value of "prefer not to say": chosen, it is not sent. */
const NO_ANSWER = 'none';

let code = null;
let link = null;
let form = null;
/** errors: each field at fault and its code (required, too_long, …), said in the page's language when shown. */
let state = null;
let view = 'loading';
/** After a rating that opened a follow-up case: the offer of a reply (lib/callback.js) and what was typed in it. */
let followUp = null;
const switches = new Switches({ remember: true, onChange: () => render() });
const m = () => messages[switches.settings.lang];
const lang = () => switches.settings.lang;

// ---- What is kept on the device ----

const storageKey = () => 'hailong.survey.' + code;

function freshState() {
  return {
    answers: {},
    profile: { sex: undefined, ageBand: undefined },
    comment: '',
    page: 0,
    errors: {},
    startedAt: null,
    // One id for this citizen's survey: a retry after a network failure can never store it twice.
    submissionId: crypto.randomUUID(),
    lastSent: null,
  };
}

function load() {
  try {
    const kept = JSON.parse(localStorage.getItem(storageKey()) || 'null');
    if (kept && Date.now() - kept.savedAt < KEEP_MS) return { ...freshState(), ...kept, errors: {} };
  } catch {
    // unreadable: start afresh
  }
  return null;
}

function save() {
  try {
    localStorage.setItem(storageKey(), JSON.stringify({ ...state, errors: undefined, savedAt: Date.now() }));
  } catch {
    // private browsing or a full storage: the survey still works, it is only not resumable
  }
}

function forget() {
  try { localStorage.removeItem(storageKey()); } catch { /* nothing kept */ }
}

// ---- Pages ----

/** The pages in reading order: each element, the overall question, the modules, the rest, then the respondent. */
function pages() {
  const result = [];
  const placed = new Set();
  for (const element of form.elements || []) {
    const qs = form.questions.filter((q) => q.element === element.code);
    qs.forEach((q) => placed.add(q));
    if (qs.length) result.push({ id: 'element-' + element.code, title: pick(element, 'name', lang()), questions: qs });
  }
  for (const [kind, title, note, optional] of [['overall', m().overall], ['expectation', m().expectations,
    m().expectationsNote, true], ['incident', m().incidents, null, true]]) {
    const qs = form.questions.filter((q) => q.kind === kind && !placed.has(q));
    qs.forEach((q) => placed.add(q));
    if (qs.length) result.push({ id: 'module-' + kind, title, note, optional, questions: qs });
  }
  const rest = form.questions.filter((q) => !placed.has(q));
  if (rest.length) result.push({ id: 'module-other', title: m().other, questions: rest });
  result.push({ id: 'respondent', title: m().profile, optional: true, questions: [], respondent: true });
  return result;
}

function go(next) {
  view = next;
  showView(next);
  render();
}

/**
 * The agency rated: the link's (shown as it is named now, when it merged or was renamed since), or, for a link of a
 * unit split since, the one among its successors the citizen chose.
 */
function agency() {
  if (link.successors && link.successors.length) {
    return link.successors.find((s) => s.code === state.agency) || null;
  }
  return link.agency;
}

function render() {
  translate(document, m());
  switches.label();
  document.title = 'Hài Lòng – ' + m().brand;
  if (view === 'choose') renderChoose();
  if (view === 'ended') {
    document.getElementById('ended-text').textContent = format(m().endedText, { agency: pick(link.agency, 'name', lang()) });
  }
  if (view === 'form') renderPage();
  if (view === 'invalid' && link === false) document.getElementById('invalid-text').textContent = m().loadFailed;
  if (view === 'thanks') renderThanks();
}

function renderPage() {
  const all = pages();
  state.page = Math.min(Math.max(state.page, 0), all.length - 1);
  const page = all[state.page];
  const first = state.page === 0;
  const last = state.page === all.length - 1;
  const context = document.getElementById('context');
  context.replaceChildren();
  for (const [key, word] of Object.entries(PLACE_WORDS)) {
    const part = key === 'agency' ? agency() : link[key];
    if (!part) continue;
    let name = pick(part, 'name', lang());
    if (key === 'agency' && link.formerAgency) name += ' ' + format(m().formerly, { agency: pick(link.formerAgency, 'name', lang()) });
    context.append(h('div', {}, h('dt', { text: m()[word] }), h('dd', { text: name })));
  }
  context.hidden = !first;
  document.getElementById('form-title').textContent = pick(form, 'title', lang());
  const intro = pick(form, 'intro', lang());
  document.getElementById('intro').textContent = intro;
  document.getElementById('intro').hidden = !first || !intro;
  document.getElementById('first-notes').hidden = !first;
  document.getElementById('step').textContent = format(m().step, { n: state.page + 1, total: all.length });
  const progress = document.getElementById('progress');
  progress.max = all.length;
  progress.value = state.page + 1;
  document.getElementById('title').textContent = page.title + (page.optional ? ' ' + m().optional : '');

  const numbers = new Map(form.questions.map((q, i) => [q.code, i + 1]));
  const box = document.getElementById('questions');
  box.replaceChildren(
    ...(page.note ? [h('p', { class: 'hint', text: page.note })] : []),
    ...page.questions.map((q) => {
      const fieldset = questionFieldset(q, form.scales[q.scale], state.answers[q.code], {
        lang: lang(), naLabel: m().na, number: numbers.get(q.code), idPrefix: 'q', onChange: answered,
      });
      const error = state.errors['answers.' + q.code];
      if (error) setFieldError(fieldset, fieldMessage({ code: error }, lang()));
      return fieldset;
    }));
  if (page.respondent) box.append(profileGroup('sex', m().sex, SEXES.map((s) => [s, m()[s === 'other' ? 'other_' : s]])),
    profileGroup('ageBand', m().ageBand, AGE_BANDS.map((a) => [a, m()[a]])), commentBox());

  document.getElementById('back').hidden = first;
  document.getElementById('next').hidden = last;
  const send = document.getElementById('submit');
  send.hidden = !last;
  send.textContent = send.disabled ? m().sending : m().send;
}

function answered(code, value) {
  state.answers[code] = value;
  state.startedAt = state.startedAt || new Date().toISOString();
  delete state.errors['answers.' + code];
  const fieldset = document.querySelector(`fieldset[data-code="${CSS.escape(code)}"]`);
  if (fieldset) setFieldError(fieldset, null);
  // A reason asked only for some answers stops being required as the trigger changes.
  for (const q of form.questions.filter((x) => x.requiredIfCode === code)) {
    const other = document.querySelector(`fieldset[data-code="${CSS.escape(q.code)}"]`);
    if (!missing([q], state.answers).length) {
      delete state.errors['answers.' + q.code];
      if (other) setFieldError(other, null);
    }
  }
  save();
}

/** One optional fact about the respondent: nothing chosen until they choose; "prefer not to say" is not sent. */
function profileGroup(name, legend, options) {
  const errorId = 'p-' + name + '-error';
  const code = state.errors['profile.' + name];
  const error = code ? fieldMessage({ code }, lang()) : '';
  const choices = [...options, [NO_ANSWER, m().noAnswer]];
  return h('fieldset', { class: 'question', id: 'p-' + name, 'data-field': 'profile.' + name, 'aria-describedby': errorId },
    h('legend', { text: legend }),
    h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: !error, text: error || '' }),
    h('div', { class: 'choices' }, choices.map(([value, label]) => {
      const input = h('input', { type: 'radio', name: 'p-' + name, value, id: `p-${name}-${value}` });
      input.checked = state.profile[name] === value;
      input.addEventListener('change', () => {
        if (!input.checked) return;
        state.profile[name] = value;
        save();
      });
      return h('label', { class: 'choice' + (value === NO_ANSWER ? ' na' : ''), for: input.id }, input, h('span', { text: label }));
    })));
}

function commentBox() {
  const area = h('textarea', { id: 'comment', rows: 5, maxlength: MAX_COMMENT, 'aria-describedby': 'comment-count comment-error' });
  area.value = state.comment;
  const count = h('p', { id: 'comment-count', class: 'count', 'aria-live': 'polite' });
  const showCount = () => { count.textContent = format(m().charCount, { n: area.value.length, total: MAX_COMMENT }); };
  area.addEventListener('input', () => { state.comment = area.value; showCount(); save(); });
  showCount();
  return h('div', { class: 'comment-box', 'data-field': 'comment' },
    h('label', { class: 'comment-label', for: 'comment', text: m().comment }),
    h('p', { class: 'field-error', id: 'comment-error', role: 'alert', hidden: !state.errors.comment,
      text: state.errors.comment ? fieldMessage({ code: state.errors.comment }, lang()) : '' }),
    area, count);
}

// ---- Moving between pages ----

/** Shows page n, remembered in the browser's history so that the phone's back button goes back a page. */
function show(n, { push = true } = {}) {
  state.page = n;
  save();
  if (push) history.pushState({ page: n }, '', location.href);
  showFormError([]);
  renderPage();
  window.scrollTo(0, 0);
  document.getElementById('title').focus();
}

/** Forward, once every required question of this page is answered. */
function next() {
  const page = pages()[state.page];
  const lacking = missing(page.questions, state.answers);
  if (lacking.length) {
    lacking.forEach((c) => { state.errors['answers.' + c] = 'required'; });
    renderPage();
    showFormError([format(m().missingSummary, { n: lacking.length })]);
    focusFirstError();
    return;
  }
  show(state.page + 1);
}

function back() {
  show(state.page - 1);
}

function showFormError(lines) {
  const box = document.getElementById('form-error');
  box.replaceChildren(...lines.map((line) => h('p', { text: line })));
  box.hidden = lines.length === 0;
}

function focusFirstError() {
  const first = document.querySelector('#questions .field-error:not([hidden])');
  if (!first) return false;
  const fieldset = first.closest('fieldset');
  if (fieldset) focusQuestion(fieldset);
  else document.getElementById('comment').focus();
  return true;
}

// ---- Sending ----

function body() {
  const content = {
    questionnaire: form.questionnaire,
    version: form.version,
    agency: agency().code,
    channel: link.centre ? 'qr' : 'web',
    // The link counts the ratings it brought (and is refused once it is no longer in use).
    link: link.link,
    answers: answersForApi(form.questions, state.answers),
  };
  if (link.service) content.service = link.service.code;
  if (link.centre) content.centre = link.centre.code;
  if (link.counter) content.counter = link.counter.code;
  const profile = {};
  for (const name of ['sex', 'ageBand']) {
    if (state.profile[name] && state.profile[name] !== NO_ANSWER) profile[name] = state.profile[name];
  }
  if (Object.keys(profile).length) content.profile = profile;
  if (state.comment.trim()) content.comment = state.comment.trim();
  return content;
}

async function submit(event) {
  event.preventDefault();
  showFormError([]);
  const lacking = missing(form.questions, state.answers);
  if (lacking.length) {
    for (const c of lacking) state.errors['answers.' + c] = 'required';
    // Back to the first page with a question still to answer.
    show(pages().findIndex((p) => p.questions.some((q) => lacking.includes(q.code))));
    showFormError([format(m().missingSummary, { n: lacking.length })]);
    focusFirstError();
    return;
  }
  const content = body();
  const key = JSON.stringify(content);
  // Pressing send again with the same answers resends the very same request; changed answers keep the id.
  if (!state.lastSent || state.lastSent.key !== key) {
    state.lastSent = {
      key,
      text: JSON.stringify({
        submissionId: state.submissionId, ...content,
        startedAt: state.startedAt || undefined, submittedAt: new Date().toISOString(),
      }),
    };
    save();
  }
  const button = document.getElementById('submit');
  button.disabled = true;
  button.textContent = m().sending;
  let answer;
  try {
    answer = await request('POST', '/responses', { body: state.lastSent.text });
  } catch {
    answer = null;
  } finally {
    button.disabled = false;
    button.textContent = m().send;
  }
  if (!answer) {
    showFormError([m().networkFailed]);
    return;
  }
  if (answer.status === 200 || answer.status === 201 || answer.status === 409) {
    // 409: this survey's id was already stored by an earlier attempt whose answer never arrived.
    followUp = answer.body && answer.body.followUp === true
      ? { submissionId: JSON.parse(state.lastSent.text).submissionId } : null;
    forget();
    go('thanks');
    focusHeading('thanks');
    return;
  }
  if (answer.status === 422 && answer.body) {
    showServerErrors(answer.body);
    return;
  }
  if (answer.status === 429) {
    showFormError([format(m().tooMany, { n: answer.retryAfter || 60 })]);
    return;
  }
  showFormError([m().serverFailed]);
}

/**
 * Puts each of the server's field errors, in this page's language, next to its question (answers.TC1 → TC1, on
 * its page); what is about the link itself (its agency, centre, …) is said once, on top.
 */
function showServerErrors(problem) {
  const errors = problem.errors && problem.errors.length ? problem.errors
    : [{ field: problem.field || '', code: problem.code || 'invalid' }];
  const general = [];
  let firstPage = null;
  for (const error of errors) {
    const field = error.field || '';
    const question = form.questions.find((q) => 'answers.' + q.code === field);
    if (question || field === 'comment' || field.startsWith('profile.')) {
      state.errors[field] = error.code || 'invalid';
      const page = question ? pages().findIndex((p) => p.questions.includes(question)) : pages().length - 1;
      firstPage = firstPage === null ? page : Math.min(firstPage, page);
    } else if (!general.includes(m().linkProblem)) {
      general.push(m().linkProblem);
    }
  }
  if (firstPage !== null && firstPage !== state.page) show(firstPage);
  else renderPage();
  showFormError([m().serverSaid, ...general]);
  if (!focusFirstError()) document.getElementById('form-error').focus();
}

/** The choice among a split unit's successors, made once per survey and kept with its answers. */
function renderChoose() {
  document.getElementById('choose-former').textContent = format(m().chooseFormer, { agency: pick(link.agency, 'name', lang()) });
  const box = document.getElementById('choose-choices');
  box.replaceChildren(...link.successors.map((s) => {
    const input = h('input', { type: 'radio', name: 'choose-agency', value: s.code, id: 'choose-' + s.code });
    input.checked = state.agency === s.code;
    input.addEventListener('change', () => {
      if (!input.checked) return;
      state.agency = s.code;
      chooseError(false);
      save();
    });
    return h('label', { class: 'choice', for: input.id }, input, h('span', { text: pick(s, 'name', lang()) }));
  }));
  const error = document.getElementById('choose-error');
  if (!error.hidden) error.textContent = m().chooseMissing;
}

function chooseError(shown) {
  const error = document.getElementById('choose-error');
  error.hidden = !shown;
  error.textContent = shown ? m().chooseMissing : '';
}

function chosen(event) {
  event.preventDefault();
  if (!agency()) {
    chooseError(true);
    document.querySelector('#choose-choices input')?.focus();
    return;
  }
  go('form');
  focusHeading('form');
}

function renderThanks() {
  const rated = link ? agency() : null;
  const name = rated ? pick(rated, 'name', lang()) : '';
  document.getElementById('thanks-what').textContent = format(m().thanksWhat, { agency: name });
  const box = document.getElementById('callback-box');
  if (followUp) {
    followUp.agency = name;
    renderCallback(box, followUp, m(), lang());
  } else {
    box.replaceChildren();
  }
}

// ---- Start ----

function startOver() {
  forget();
  const chosenAgency = state.agency;
  state = freshState();
  state.agency = chosenAgency;
  document.getElementById('resumed').hidden = true;
  show(0, { push: false });
  history.replaceState({ page: 0 }, '', location.href);
}

async function start() {
  document.getElementById('survey').addEventListener('submit', submit);
  document.getElementById('next').addEventListener('click', next);
  document.getElementById('back').addEventListener('click', back);
  document.getElementById('start-over').addEventListener('click', startOver);
  document.getElementById('choose-form').addEventListener('submit', chosen);
  window.addEventListener('popstate', (event) => {
    if (view === 'form' && event.state && Number.isInteger(event.state.page)) show(event.state.page, { push: false });
  });
  code = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (!code) { go('invalid'); return; }
  go('loading');
  try {
    const target = await request('GET', '/survey-links/' + encodeURIComponent(code), { cache: 'default' });
    if (target.status !== 200) { go('invalid'); return; }
    const loaded = await request('GET', '/forms/' + encodeURIComponent(target.body.questionnaire || 'SIPAS'), { cache: 'default' });
    if (loaded.status !== 200) { link = false; go('invalid'); return; }
    link = target.body;
    form = loaded.body;
  } catch {
    link = false;
    go('invalid');
    return;
  }
  const kept = load();
  state = kept || freshState();
  // A survey of another version of the form starts afresh: its answers would not fit.
  if (kept && kept.version !== undefined && kept.version !== form.version) state = freshState();
  state.version = form.version;
  document.getElementById('resumed').hidden = !(kept && (Object.keys(kept.answers).length || kept.page > 0));
  history.replaceState({ page: state.page }, '', location.href);
  // The link's agency was dissolved: no one takes its ratings, and the page says so rather than a form refused.
  if (link.agencyEnded) { go('ended'); return; }
  // The link's agency was split: the citizen says which of the units it became handled the dossier.
  if (link.successors && link.successors.length && !agency()) { go('choose'); return; }
  go('form');
}

start();
