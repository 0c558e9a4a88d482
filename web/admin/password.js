// Change one's own password.
import { put } from '/lib/api.js';
import { h } from '/lib/dom.js';
import { announce, field, form, input, submit } from './forms.js';
import { t } from './messages.js';

export function render(view) {
  const current = input('currentPassword', { type: 'password', autocomplete: 'current-password', required: true });
  const next = input('newPassword', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const again = input('repeat', { type: 'password', autocomplete: 'new-password', required: true });
  view.replaceChildren(
    h('h1', {}, t('passwordTitle')),
    form(async (v, el) => {
      if (v.newPassword !== v.repeat) {
        again.setAttribute('aria-invalid', 'true');
        announce(t('passwordsDiffer'), 'error');
        again.focus();
        return;
      }
      await put('/session/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      el.reset();
      announce(t('passwordChanged'));
    },
    field(t('currentPassword'), current),
    field(t('newPassword'), next, t('passwordHint')),
    field(t('repeatPassword'), again),
    h('p', {}, submit(t('save')))));
}
