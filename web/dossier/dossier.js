// A dossier's single-use rating link (/d/{token} → /dossier/#{token}): three levels, a reason when not
// satisfied, one rating per dossier. The token stays in the fragment, out of server logs and referrers.
import { request } from '/lib/api.js';
import { renderCallback } from '/lib/callback.js';
import { focusHeading, h, showView } from '/lib/dom.js';
import { format, pick, Switches, translate } from '/lib/i18n.js';
import { questionFieldset, setFieldError, focusQuestion, missing, answersForApi, fieldMessage } from '/lib/questions.js';
import { messages } from '/dossier/messages.js';

const MAX_COMMENT = 2000;
let token = '';
let invitation = null;
let form = null;
let view = 'loading';
let loadFailed = false;
// errors: each field at fault and its code (required, …), said in the page's language when shown.
const state = { answers: {}, errors: {}, startedAt: null, submissionId: crypto.randomUUID(), lastSent: null };
/** After a rating that opened a follow-up case: the offer of a reply (lib/callback.js) and what was typed in it. */
let followUp = null;
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
  switches.label();
  document.title = 'Hài Lòng – ' + m().brand;
  const code = invitation ? invitation.dossierCode : '';
  document.getElementById('invalid-text').textContent = loadFailed ? m().loadFailed : m().invalidText;
  document.getElementById('rated-text').textContent = format(m().ratedText, { code });
  document.getElementById('thanks-text').textContent = format(m().thanksText, { code });
  if (view === 'thanks' && followUp) {
    const rated = split() ? invitation.successors.find((s) => s.code === state.agency) : invitation.agency;
    followUp.agency = pick(rated || invitation.agency, 'name', lang());
    renderCallback(document.getElementById('callback-box'), followUp, m(), lang());
  }
  if (view === 'ended') {
    document.getElementById('ended-text').textContent = format(m().endedText, { agency: pick(invitation.agency, 'name', lang()) });
  }
  if (view === 'form') renderForm();
  showCount();
}

/** A question asked only for some answers of another (the reason, for "not satisfied") shows only then. */
function asked(q) {
  if (!q.requiredIfCode || q.required) return true;
  const trigger = state.answers[q.requiredIfCode];
  return typeof trigger === 'number' && (q.requiredIfLevels || []).includes(trigger);
}

function renderForm() {
  const context = document.getElementById('context');
  context.replaceChildren(h('div', {}, h('dt', { text: m().dossier }), h('dd', { text: invitation.dossierCode })));
  for (const [key, word] of Object.entries({ agency: 'agencyShort', service: 'service' })) {
    if (invitation[key] && !(key === 'agency' && split())) {
      context.append(h('div', {}, h('dt', { text: m()[word] }), h('dd', { text: pick(invitation[key], 'name', lang()) })));
    }
  }
  document.getElementById('title').textContent = pick(form, 'title', lang());
  document.getElementById('questions').replaceChildren(...(split() ? [chooser()] : []), ...form.questions.filter(asked).map((q) => {
    const fieldset = questionFieldset(q, form.scales[q.scale], state.answers[q.code], {
      lang: lang(), naLabel: m().na, idPrefix: 'd', onChange: answered,
    });
    if (q.requiredIfCode) fieldset.querySelector('legend').append(h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }));
    const error = state.errors['answers.' + q.code];
    if (error) setFieldError(fieldset, fieldMessage({ code: error }, lang()));
    return fieldset;
  }));
}

/** Whether the dossier's agency was split since the invitation: the citizen says which unit handled it. */
function split() {
  return Boolean(invitation.successors && invitation.successors.length);
}

/** The choice among a split agency's successors, asked first and required like a question. */
function chooser() {
  const fieldset = h('fieldset', { class: 'question', id: 'd-agency', 'data-field': 'agency', 'aria-describedby': 'd-agency-error' },
    h('legend', {}, m().chooseText, h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' })),
    h('p', { class: 'field-error', id: 'd-agency-error', role: 'alert', hidden: true }),
    h('div', { class: 'choices' }, invitation.successors.map((s) => {
      const input = h('input', { type: 'radio', name: 'd-agency', value: s.code, id: 'd-agency-' + s.code });
      input.checked = state.agency === s.code;
      input.addEventListener('change', () => {
        if (!input.checked) return;
        state.agency = s.code;
        delete state.errors.agency;
        setFieldError(fieldset, null);
      });
      return h('label', { class: 'choice', for: input.id }, input, h('span', { text: pick(s, 'name', lang()) }));
    })));
  if (state.errors.agency) setFieldError(fieldset, fieldMessage({ code: 'required' }, lang()));
  return fieldset;
}

function answered(code, value) {
  state.answers[code] = value;
  state.startedAt = state.startedAt || new Date().toISOString();
  delete state.errors['answers.' + code];
  const dependants = form.questions.filter((q) => q.requiredIfCode === code);
  if (dependants.length) {
    renderForm();
    const fieldset = document.querySelector(`fieldset[data-code="${CSS.escape(code)}"]`);
    fieldset.querySelector(`input[value="${value}"]`).focus();
  } else {
    setFieldError(document.querySelector(`fieldset[data-code="${CSS.escape(code)}"]`), null);
  }
}

function showCount() {
  const area = document.getElementById('comment');
  document.getElementById('comment-count').textContent = format(m().charCount, { n: area.value.length, total: MAX_COMMENT });
}

function showFormError(lines) {
  const box = document.getElementById('form-error');
  box.replaceChildren(...lines.map((line) => h('p', { text: line })));
  box.hidden = lines.length === 0;
}

function focusFirstError() {
  const first = document.querySelector('#questions fieldset.invalid');
  if (first) focusQuestion(first);
  return Boolean(first);
}

async function submit(event) {
  event.preventDefault();
  showFormError([]);
  const lacking = missing(form.questions, state.answers);
  const unchosen = split() && !state.agency;
  if (unchosen) state.errors.agency = 'required';
  if (lacking.length || unchosen) {
    lacking.forEach((code) => { state.errors['answers.' + code] = 'required'; });
    renderForm();
    showFormError([m().missingSummary]);
    focusFirstError();
    return;
  }
  const content = {
    questionnaire: form.questionnaire,
    version: form.version,
    agency: split() ? state.agency : invitation.agency.code,
    channel: 'web',
    invitation: token,
    answers: answersForApi(form.questions, state.answers),
  };
  if (invitation.service) content.service = invitation.service.code;
  const comment = document.getElementById('comment').value.trim();
  if (comment) content.comment = comment;
  const key = JSON.stringify(content);
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
  let answer = null;
  try {
    answer = await request('POST', '/responses', { body: state.lastSent.text });
  } catch {
    answer = null;
  } finally {
    button.disabled = false;
    button.textContent = m().send;
  }
  if (!answer) { showFormError([m().networkFailed]); return; }
  if (answer.status === 200 || answer.status === 201) {
    followUp = answer.body && answer.body.followUp === true ? { submissionId: state.submissionId } : null;
    go('thanks');
    focusHeading(view);
    return;
  }
  // 409: this dossier was rated already (perhaps from another phone, or by an attempt whose answer was lost).
  if (answer.status === 409) { go('rated'); focusHeading(view); return; }
  if (answer.status === 422 && answer.body) {
    // In the page's language from each error's code; the English message is for developers.
    const general = [];
    for (const error of answer.body.errors || [{ field: answer.body.field, code: answer.body.code }]) {
      const code = (error.field || '').replace(/^answers\./, '');
      if (form.questions.some((q) => q.code === code)) state.errors['answers.' + code] = error.code || 'invalid';
      else if (!general.includes(m().linkProblem)) general.push(m().linkProblem);
    }
    renderForm();
    showFormError([m().serverSaid, ...general]);
    if (!focusFirstError()) document.getElementById('form-error').focus();
    return;
  }
  if (answer.status === 429) { showFormError([format(m().tooMany, { n: answer.retryAfter || 60 })]); return; }
  showFormError([m().serverFailed]);
}

async function start() {
  document.getElementById('rating').addEventListener('submit', submit);
  document.getElementById('comment').addEventListener('input', showCount);
  token = decodeURIComponent(location.hash.replace(/^#/, '')).trim();
  if (!token) { go('invalid'); return; }
  go('loading');
  try {
    const found = await request('GET', '/invitations/' + encodeURIComponent(token));
    if (found.status !== 200) { go('invalid'); return; }
    invitation = found.body;
    if (invitation.rated) { go('rated'); return; }
    if (invitation.agencyEnded) { go('ended'); return; }
    const loaded = await request('GET', '/forms/DOSSIER3');
    if (loaded.status !== 200) { loadFailed = true; go('invalid'); return; }
    form = loaded.body;
  } catch {
    loadFailed = true;
    go('invalid');
    return;
  }
  go('form');
}

start();
