// After a rating that opened a follow-up case (the receipt's followUp), the survey and dossier pages offer the
// citizen a reply: a phone number and/or an e-mail address, never required, only with the explicit consent sentence
// ticked. Sent to POST /api/v1/responses/{submissionId}/contact; kept apart from the rating (docs/cases.md).
import { request } from './api.js';
import { h } from './dom.js';
import { format } from './i18n.js';

const PHONE = /^(\+84|0)[1-9][0-9]{7,9}$/;
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$/;

/**
 * Renders the offer into box. state: {submissionId, agency (the name), phone, email, consent, done}, kept by the
 * page so that switching the language keeps what was typed; words: the page family's catalogue in its language.
 */
export function renderCallback(box, state, words, lang) {
  const keep = () => {
    const phone = box.querySelector('#callback-phone');
    if (phone) {
      state.phone = phone.value;
      state.email = box.querySelector('#callback-email').value;
      state.consent = box.querySelector('#callback-consent').checked;
    }
  };
  keep();
  if (state.done) {
    box.replaceChildren(h('section', { class: 'callback notice', 'aria-labelledby': 'callback-title' },
      h('h2', { id: 'callback-title' }, words.callbackDoneTitle),
      h('p', { role: 'status' }, format(words.callbackDone, { agency: state.agency }))));
    return;
  }
  const error = h('div', { id: 'callback-error', class: 'notice error', role: 'alert', tabindex: '-1', hidden: true });
  const phone = h('input', { id: 'callback-phone', name: 'phone', type: 'tel', autocomplete: 'tel', inputmode: 'tel',
    maxlength: '20', 'aria-describedby': 'callback-phone-hint', value: state.phone ?? '' });
  const email = h('input', { id: 'callback-email', name: 'email', type: 'email', autocomplete: 'email', maxlength: '254',
    value: state.email ?? '' });
  const consent = h('input', { id: 'callback-consent', name: 'consent', type: 'checkbox', checked: !!state.consent });
  const send = h('button', { class: 'button', type: 'submit' }, words.callbackSend);
  const formEl = h('form', { novalidate: true, id: 'callback-form' },
    h('p', { class: 'callback-field' }, h('label', { for: 'callback-phone' }, words.callbackPhone), phone,
      h('span', { id: 'callback-phone-hint', class: 'hint' }, words.callbackPhoneHint)),
    h('p', { class: 'callback-field' }, h('label', { for: 'callback-email' }, words.callbackEmail), email),
    h('p', { class: 'callback-consent' }, consent,
      h('label', { for: 'callback-consent' }, format(words.callbackConsent, { agency: state.agency }))),
    error,
    send);
  const fail = (messages, control) => {
    error.replaceChildren(...messages.map((text) => h('p', {}, text)));
    error.hidden = false;
    [phone, email, consent].forEach((c) => c.removeAttribute('aria-invalid'));
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-errormessage', 'callback-error');
      control.focus();
    } else {
      error.focus();
    }
  };
  formEl.addEventListener('submit', async (event) => {
    event.preventDefault();
    keep();
    const phoneText = phone.value.trim().replace(/[\s.\-()]/g, '');
    const emailText = email.value.trim();
    if (!phoneText && !emailText) {
      fail([words.callbackNeedOne], phone);
      return;
    }
    if (phoneText && !PHONE.test(phoneText)) {
      fail([words.callbackBadPhone], phone);
      return;
    }
    if (emailText && !EMAIL.test(emailText)) {
      fail([words.callbackBadEmail], email);
      return;
    }
    if (!consent.checked) {
      fail([words.callbackNeedConsent], consent);
      return;
    }
    send.disabled = true;
    let answer = null;
    try {
      answer = await request('POST', `/responses/${encodeURIComponent(state.submissionId)}/contact`,
        { body: { phone: phoneText || null, email: emailText || null, consent: true, lang } });
    } catch {
      answer = null;
    } finally {
      send.disabled = false;
    }
    if (answer && (answer.status === 201 || answer.status === 200)) {
      state.done = true;
      renderCallback(box, state, words, lang);
      box.querySelector('#callback-title').setAttribute('tabindex', '-1');
      box.querySelector('#callback-title').focus();
      return;
    }
    if (answer && answer.status === 422 && answer.body) {
      const field = answer.body.field;
      fail([field === 'email' ? words.callbackBadEmail : field === 'consent' ? words.callbackNeedConsent
        : words.callbackBadPhone], field === 'email' ? email : field === 'consent' ? consent : phone);
      return;
    }
    fail([answer ? words.callbackFailed : words.callbackNetwork]);
  });
  box.replaceChildren(h('section', { class: 'callback', 'aria-labelledby': 'callback-title' },
    h('h2', { id: 'callback-title' }, words.callbackTitle),
    h('p', {}, words.callbackIntro),
    formEl,
    h('p', { class: 'hint' }, words.callbackPrivacy)));
}
