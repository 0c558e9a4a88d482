// One question of a form as a native radio group: a fieldset, its legend, one radio per scale level and,
// where the question allows it, a "not applicable" radio. Used by the survey, the dossier page and the kiosk.
// Every citizen page shows an ordinal scale best first ("Rất hài lòng" … "Rất không hài lòng"), as the kiosk's
// faces and the national public-service portal's rating do; "not applicable" comes last.
import { h } from './dom.js';
import { pick } from './i18n.js';

export const NA = 'na';

/** What the server's field error codes mean to a citizen, in each language; anything else is "invalid". */
const FIELD_ERRORS = {
  vi: {
    required: 'Vui lòng chọn một câu trả lời cho câu này.',
    na_not_offered: 'Câu này cần một câu trả lời; không có lựa chọn "Không áp dụng".',
    too_long: 'Nội dung quá dài; vui lòng rút gọn.',
    invalid: 'Câu trả lời này chưa hợp lệ; vui lòng chọn lại.',
  },
  en: {
    required: 'Please choose an answer to this question.',
    na_not_offered: 'This question needs an answer; "Not applicable" is not offered.',
    too_long: 'This is too long; please shorten it.',
    invalid: 'This answer cannot be accepted; please choose again.',
  },
};

/** A server's field error ({field, code, message}) in the page's language; its English message is for developers. */
export function fieldMessage(error, lang) {
  const words = FIELD_ERRORS[lang] || FIELD_ERRORS.vi;
  return words[error.code] || words.invalid;
}

/**
 * question: a form question; scale: its scale from form.scales; answer: the level chosen, NA, or undefined.
 * options: {lang, naLabel, number, idPrefix, onChange(code, value)}.
 */
export function questionFieldset(question, scale, answer, options) {
  const { lang, naLabel, number, idPrefix = 'q', onChange } = options;
  const id = `${idPrefix}-${question.code}`;
  const errorId = `${id}-error`;
  const legendText = (number ? number + '. ' : '') + pick(question, 'text', lang);
  const choices = h('div', { class: 'choices levels-' + (scale ? scale.levels.length : 0) });
  const radio = (value, label, extraClass) => {
    const input = h('input', {
      type: 'radio', name: id, value: String(value), id: `${id}-${value}`,
      'data-code': question.code, required: question.required,
    });
    input.checked = answer !== undefined && String(answer) === String(value);
    input.addEventListener('change', () => {
      if (input.checked) onChange(question.code, value === NA ? NA : Number(value));
    });
    return h('label', { class: 'choice' + (extraClass ? ' ' + extraClass : ''), for: input.id },
      input, h('span', { text: label }));
  };
  const levels = !scale ? [] : scale.ordinal ? [...scale.levels].sort((x, y) => y.score - x.score) : scale.levels;
  for (const level of levels) {
    choices.append(radio(level.score, pick(level, 'label', lang), scale.ordinal ? 'level-' + level.score : null));
  }
  if (question.allowsNa) choices.append(radio(NA, naLabel, 'na'));
  const fieldset = h('fieldset', {
    class: 'question', id, 'data-code': question.code, 'aria-describedby': errorId,
  },
  h('legend', {}, legendText, question.required ? h('span', { class: 'required', 'aria-hidden': 'true', text: ' *' }) : null),
  h('p', { class: 'field-error', id: errorId, role: 'alert', hidden: true }),
  choices);
  return fieldset;
}

/** Shows (or clears, with null) the message under a question's legend. */
export function setFieldError(fieldset, message) {
  const error = fieldset.querySelector('.field-error');
  error.textContent = message || '';
  error.hidden = !message;
  fieldset.classList.toggle('invalid', Boolean(message));
  fieldset.querySelectorAll('input').forEach((i) => {
    if (message) i.setAttribute('aria-invalid', 'true'); else i.removeAttribute('aria-invalid');
  });
}

/** The first radio of a question a keyboard user should land on: the checked one, else the first. */
export function focusQuestion(fieldset) {
  const target = fieldset.querySelector('input:checked') || fieldset.querySelector('input');
  fieldset.scrollIntoView({ block: 'center' });
  if (target) target.focus({ preventScroll: true });
}

/**
 * The codes of questions that must be answered but are not: required ones, and those made required by
 * another answer (requiredIfCode / requiredIfLevels). answers maps code to a level, NA, or undefined.
 */
export function missing(questions, answers) {
  return questions.filter((q) => {
    if (answers[q.code] !== undefined) return false;
    if (q.required) return true;
    if (q.requiredIfCode) {
      const trigger = answers[q.requiredIfCode];
      return typeof trigger === 'number' && (q.requiredIfLevels || []).includes(trigger);
    }
    return false;
  }).map((q) => q.code);
}

/** The answers object the API wants: level numbers, null for N/A, unanswered left out. */
export function answersForApi(questions, answers) {
  const out = {};
  for (const q of questions) {
    const a = answers[q.code];
    if (a === undefined) continue;
    // A reason only counts when its trigger asks for it; otherwise it is dropped, not sent stale.
    if (q.requiredIfCode && !q.required) {
      const trigger = answers[q.requiredIfCode];
      if (!(typeof trigger === 'number' && (q.requiredIfLevels || []).includes(trigger))) continue;
    }
    out[q.code] = a === NA ? null : a;
  }
  return out;
}
