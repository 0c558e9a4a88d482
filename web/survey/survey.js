// The online survey behind a QR code or short link (/s/{code} → /survey/#{code}): the full form of the
// link's questionnaire, grouped by element, checked before sending, sent once however often it is retried.
import { el, pick, api, showView, Switches, translate } from '/shared/page.js';
import { questionFieldset, setFieldError, focusQuestion, missing, answersForApi, NA } from '/shared/questions.js';
import { messages, format } from '/survey/messages.js';

const MAX_COMMENT = 2000;
const SEXES = ['female', 'male', 'other'];
const AGE_BANDS = ['under-18', '18-29', '30-44', '45-59', '60+'];

let link = null;
let form = null;
const state = {
  answers: {},
  profile: { sex: '', ageBand: '' },
  comment: '',
  errors: {},
  startedAt: null,
  // One id for this citizen's survey: a retry after a network failure can never store it twice.
  submissionId: crypto.randomUUID(),
  lastSent: null,
};
let view = 'loading';
const switches = new Switches({ remember: true, onChange: () => render() });
const m = () => messages[switches.settings.lang];
const lang = () => switches.settings.lang;

function go(next) {
  view = next;
  showView(next);
  render();
}

function render() {
  translate(document, m());
  switches.label(m());
  document.title = 'Hài Lòng – ' + m().brand;
  if (view === 'form') renderForm();
  if (view === 'invalid' && link === false) document.getElementById('invalid-text').textContent = m().loadFailed;
}

// ---- The form ----

/** Sections in reading order: each element, then the overall question, the modules, the rest. */
function sections() {
  const result = [];
  const placed = new Set();
  for (const element of form.elements || []) {
    const qs = form.questions.filter((q) => q.element === element.code);
    qs.forEach((q) => placed.add(q));
    if (qs.length) result.push({ id: 'element-' + element.code, title: pick(element, 'name', lang()), questions: qs });
  }
  for (const [kind, title, note] of [['overall', m().overall], ['expectation', m().expectations, m().expectationsNote],
    ['incident', m().incidents]]) {
    const qs = form.questions.filter((q) => q.kind === kind && !placed.has(q));
    qs.forEach((q) => placed.add(q));
    if (qs.length) result.push({ id: 'module-' + kind, title, note, questions: qs });
  }
  const rest = form.questions.filter((q) => !placed.has(q));
  if (rest.length) result.push({ id: 'module-other', title: m().other, questions: rest });
  return result;
}

function renderForm() {
  const context = document.getElementById('context');
  context.replaceChildren();
  for (const key of ['agency', 'service', 'centre', 'counter']) {
    if (link[key]) context.append(el('div', {}, el('dt', { text: m()[key] }), el('dd', { text: pick(link[key], 'name', lang()) })));
  }
  document.getElementById('title').textContent = pick(form, 'title', lang());
  const intro = pick(form, 'intro', lang());
  document.getElementById('intro').textContent = intro;
  document.getElementById('intro').hidden = !intro;

  let number = 0;
  const box = document.getElementById('questions');
  box.replaceChildren(...sections().map((section) => el('section', { class: 'group', 'aria-labelledby': section.id + '-title' },
    el('h2', { id: section.id + '-title', text: section.title }),
    section.note ? el('p', { class: 'hint', text: section.note }) : null,
    section.questions.map((q) => {
      number += 1;
      const fieldset = questionFieldset(q, form.scales[q.scale], state.answers[q.code], {
        lang: lang(), naLabel: m().na, number, idPrefix: 'q', onChange: answered,
      });
      if (state.errors['answers.' + q.code]) setFieldError(fieldset, state.errors['answers.' + q.code]);
      return fieldset;
    }))));
  box.append(profileSection(), commentBox());
  renderProgress();
  const button = document.getElementById('submit');
  button.textContent = button.disabled ? m().sending : m().send;
}

function answered(code, value) {
  state.answers[code] = value;
  state.startedAt = state.startedAt || new Date().toISOString();
  delete state.errors['answers.' + code];
  const fieldset = document.querySelector(`fieldset[data-code="${CSS.escape(code)}"]`);
  if (fieldset) setFieldError(fieldset, null);
  // A reason asked only for some answers appears or stops being required as the trigger changes.
  for (const q of form.questions.filter((x) => x.requiredIfCode === code)) {
    const other = document.querySelector(`fieldset[data-code="${CSS.escape(q.code)}"]`);
    if (other && !missing([q], state.answers).length) { delete state.errors['answers.' + q.code]; setFieldError(other, null); }
  }
  renderProgress();
}

function choiceGroup(name, legend, options, selected, onChange) {
  const errorId = 'p-' + name + '-error';
  return el('fieldset', { class: 'question', id: 'p-' + name, 'data-field': 'profile.' + name, 'aria-describedby': errorId },
    el('legend', { text: legend }),
    el('p', { class: 'field-error', id: errorId, role: 'alert', hidden: !state.errors['profile.' + name], text: state.errors['profile.' + name] || '' }),
    el('div', { class: 'choices' }, options.map(([value, label]) => {
      const input = el('input', { type: 'radio', name: 'p-' + name, value, id: `p-${name}-${value || 'none'}` });
      input.checked = selected === value;
      input.addEventListener('change', () => { if (input.checked) onChange(value); });
      return el('label', { class: 'choice' + (value ? '' : ' na'), for: input.id }, input, el('span', { text: label }));
    })));
}

function profileSection() {
  return el('section', { class: 'group', 'aria-labelledby': 'profile-title' },
    el('h2', { id: 'profile-title', text: m().profile }),
    choiceGroup('sex', m().sex, [...SEXES.map((s) => [s, m()[s === 'other' ? 'other_' : s]]), ['', m().noAnswer]],
      state.profile.sex, (v) => { state.profile.sex = v; }),
    choiceGroup('ageBand', m().ageBand, [...AGE_BANDS.map((a) => [a, m()[a]]), ['', m().noAnswer]],
      state.profile.ageBand, (v) => { state.profile.ageBand = v; }));
}

function commentBox() {
  const area = el('textarea', { id: 'comment', rows: 5, maxlength: MAX_COMMENT, 'aria-describedby': 'comment-count comment-error' });
  area.value = state.comment;
  const count = el('p', { id: 'comment-count', class: 'count', 'aria-live': 'polite' });
  const showCount = () => { count.textContent = format(m().charCount, { n: area.value.length, total: MAX_COMMENT }); };
  area.addEventListener('input', () => { state.comment = area.value; showCount(); });
  showCount();
  return el('section', { class: 'group', 'data-field': 'comment' },
    el('h2', { class: 'comment-label' }, el('label', { for: 'comment', text: m().comment })),
    el('p', { class: 'field-error', id: 'comment-error', role: 'alert', hidden: !state.errors.comment, text: state.errors.comment || '' }),
    area, count);
}

function renderProgress() {
  const required = form.questions.filter((q) => q.required);
  const done = required.filter((q) => state.answers[q.code] !== undefined).length;
  const progress = document.getElementById('progress');
  progress.max = Math.max(required.length, 1);
  progress.value = done;
  document.getElementById('progress-text').textContent = format(m().progress, { n: done, total: required.length });
}

// ---- Sending ----

function showFormError(lines) {
  const box = document.getElementById('form-error');
  box.replaceChildren(...lines.map((line) => el('p', { text: line })));
  box.hidden = lines.length === 0;
}

function focusFirstError() {
  const first = document.querySelector('#questions .invalid, #questions .field-error:not([hidden])');
  if (!first) return false;
  const fieldset = first.closest('fieldset');
  if (fieldset) focusQuestion(fieldset);
  else { document.getElementById('comment').focus(); }
  return true;
}

function body() {
  const content = {
    questionnaire: form.questionnaire,
    version: form.version,
    agency: link.agency.code,
    channel: link.centre ? 'qr' : 'web',
    answers: answersForApi(form.questions, state.answers),
  };
  if (link.service) content.service = link.service.code;
  if (link.centre) content.centre = link.centre.code;
  if (link.counter) content.counter = link.counter.code;
  const profile = {};
  if (state.profile.sex) profile.sex = state.profile.sex;
  if (state.profile.ageBand) profile.ageBand = state.profile.ageBand;
  if (Object.keys(profile).length) content.profile = profile;
  if (state.comment.trim()) content.comment = state.comment.trim();
  return content;
}

async function submit(event) {
  event.preventDefault();
  showFormError([]);
  const lacking = missing(form.questions, state.answers);
  for (const code of lacking) state.errors['answers.' + code] = m().required;
  if (lacking.length) {
    renderForm();
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
  }
  const button = document.getElementById('submit');
  button.disabled = true;
  button.textContent = m().sending;
  let answer;
  try {
    answer = await api('POST', '/api/v1/responses', { body: state.lastSent.text });
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
    go('thanks');
    document.querySelector('[data-view="thanks"] h1').focus();
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

/** Puts each of the server's field errors next to its question (answers.TC1 → TC1), the rest on top. */
function showServerErrors(problem) {
  const errors = problem.errors && problem.errors.length ? problem.errors
    : [{ field: problem.field || '', message: problem.message || '' }];
  const general = [];
  for (const error of errors) {
    const field = error.field || '';
    const known = field.startsWith('answers.') ? form.questions.some((q) => 'answers.' + q.code === field)
      : field === 'comment' || field.startsWith('profile.');
    if (known) state.errors[field] = `${m().serverField} ${error.message}`;
    else general.push(`${field ? field + ': ' : ''}${error.message}`);
  }
  renderForm();
  showFormError([m().serverSaid, ...general]);
  if (!focusFirstError()) document.getElementById('form-error').focus();
}

// ---- Start ----

async function start() {
  document.getElementById('survey').addEventListener('submit', submit);
  const code = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (!code) { go('invalid'); return; }
  go('loading');
  try {
    const target = await api('GET', '/api/v1/survey-links/' + encodeURIComponent(code));
    if (target.status !== 200) { go('invalid'); return; }
    const loaded = await api('GET', '/api/v1/forms/' + encodeURIComponent(target.body.questionnaire || 'SIPAS'));
    if (loaded.status !== 200) { link = false; go('invalid'); return; }
    link = target.body;
    form = loaded.body;
  } catch {
    link = false;
    go('invalid');
    return;
  }
  go('form');
}

start();
