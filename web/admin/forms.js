// What the admin screens are built from: labelled fields and forms, the status line, errors and confirmations.
import { ApiError } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { t } from './messages.js';

let nextId = 0;

/** A labelled form field: <p class="field"><label for>…</label><input id>…</p>. */
export function field(label, control, hint) {
  if (!control.id) {
    control.id = `f${++nextId}`;
  }
  const parts = [h('label', { for: control.id }, label), control];
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', { class: 'hint', id: hintId }, hint));
  }
  return h('p', { class: control.type === 'checkbox' ? 'field check' : 'field' }, parts);
}

export const input = (name, props = {}) => h('input', { name, ...props });

/** A <select> from [{value, label}]; selected marks the chosen value. */
export function select(name, options, selected, props = {}) {
  const el = h('select', { name, ...props });
  for (const o of options) {
    const option = h('option', { value: o.value }, o.label);
    if (String(o.value) === String(selected ?? '')) {
      option.selected = true;
    }
    el.append(option);
  }
  return el;
}

export const button = (label, onclick, kind = 'secondary', props = {}) =>
  h('button', { type: 'button', class: kind, onclick, ...props }, label);

const statusBox = () => document.getElementById('status');

/** Says something in the live region (read out by screen readers). */
export function announce(text, kind = 'ok') {
  const box = statusBox();
  box.className = `status ${kind}`;
  box.replaceChildren(h('span', {}, text));
  box.scrollIntoView({ block: 'nearest' });
}

export function clearStatus() {
  const box = statusBox();
  box.className = 'status';
  box.replaceChildren();
}

/** Shows an API error: the server's message, and for an import the table of problems by row; marks the field at fault within scope. */
export function showError(error, scope = document.getElementById('view')) {
  if (!(error instanceof ApiError)) {
    console.warn(error);
    announce(t('unexpected'), 'error');
    return;
  }
  if (error.status === 401) {
    location.assign(`/login.html?next=${encodeURIComponent(location.pathname + location.hash)}`);
    return;
  }
  const prefix = { 0: t('network'), 403: t('forbidden'), 404: t('notFound'), 409: t('conflict'), 422: t('invalid'),
    429: t('tooMany') }[error.status] ?? t('failed');
  const box = statusBox();
  box.className = 'status error';
  const parts = [h('span', {}, error.status === 0 ? prefix : `${prefix}: ${error.message}`)];
  if (error.problems.length) {
    parts.push(tableBox(table(t('problemsCaption'), [t('row'), t('column'), t('problem')],
      error.problems.map((p) => h('tr', {}, h('td', {}, String(p.row)), h('td', {}, p.column || '–'),
        h('td', {}, p.message))))));
  }
  box.replaceChildren(...parts);
  box.scrollIntoView({ block: 'nearest' });
  if (error.field) {
    const control = scope?.querySelector(`[name="${CSS.escape(error.field)}"]`);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
  }
}

/** Runs an async action, showing its error if it fails; returns its result or undefined. */
export async function attempt(action) {
  try {
    return await action();
  } catch (e) {
    showError(e);
    return undefined;
  }
}

/** Values of a form's named controls; checkboxes as booleans, empty text as ''. */
export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name) {
      continue;
    }
    out[el.name] = el.type === 'checkbox' ? el.checked : el.value.trim();
  }
  return out;
}

/** A form that calls onsubmit(values) and keeps the page from reloading. */
export function form(onsubmit, ...children) {
  const el = h('form', { novalidate: true }, children);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    el.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    const submit = el.querySelector('button[type=submit]');
    if (submit) {
      submit.disabled = true;
    }
    try {
      await onsubmit(values(el), el);
    } catch (e) {
      showError(e, el);
    } finally {
      if (submit) {
        submit.disabled = false;
      }
    }
  });
  return el;
}

export const submit = (label) => h('button', { type: 'submit', class: 'primary' }, label);

/** A modal question answered yes or no, using <dialog> (focus is trapped and Esc cancels). */
export function confirmDialog(question, yesLabel) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-q' },
      h('p', { id: 'confirm-q' }, question),
      h('p', { class: 'actions' },
        button(t('cancel'), () => dialog.close('no'), 'secondary'),
        button(yesLabel, () => dialog.close('yes'), 'danger')));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'yes');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * A secret shown this once (an API key, a webhook's signing secret): its title and warning, the secret, a copy button
 * (or, without clipboard access on plain http, the text selected for Ctrl+C) and "done". ids: the secret's element
 * and its title's.
 */
export function secretPanel({ secretId, titleId, title, warning, secret: value, selected }, onDone) {
  const secret = h('p', { class: 'secret', id: secretId }, value);
  return h('section', { class: 'panel', id: 'secret-panel', tabindex: '-1', 'aria-labelledby': titleId },
    h('h2', { id: titleId }, title),
    h('p', { class: 'warning', role: 'note' }, warning),
    secret,
    h('p', { class: 'actions' },
      button(t('copy'), async () => {
        try {
          await navigator.clipboard.writeText(value);
          announce(t('copied'));
        } catch {
          const range = document.createRange();
          range.selectNodeContents(secret);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
          if (selected) {
            announce(selected);
          }
        }
      }, 'primary'),
      button(t('done'), onDone)));
}
