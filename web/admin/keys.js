// Khóa API: keys for other systems; the secret is shown once, right after it is made.
import { get, post } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { formatTimestamp } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, input, secretPanel, submit } from './forms.js';
import { t } from './messages.js';

const SCOPES = ['invitations', 'import', 'read', 'interviews', 'dossiers'];

export async function render(view, args, session, created) {
  const keys = await get('/api-keys');
  const again = (made) => render(view, args, session, made);
  const slot = h('div', {});
  if (created) {
    slot.append(secretPanel({ secretId: 'api-secret', titleId: 'secret-title', title: t('secretTitle', created.key.name),
      warning: t('secretWarning'), secret: created.secret }, () => slot.replaceChildren()));
  }
  view.replaceChildren(
    h('h1', {}, t('keysTitle')),
    slot,
    tableBox(table(t('keysTitle'), [t('name'), t('prefix'), t('scopes'), t('createdAt'), t('lastUsed'), t('status'), t('actions')],
      keys.map((k) => h('tr', {},
        h('th', { scope: 'row' }, k.name),
        h('td', {}, h('code', {}, `${k.prefix}…`)),
        h('td', {}, k.scopes.map((s) => t(`scope_${s}`)).join(', ')),
        h('td', {}, formatTimestamp(k.createdAt)),
        h('td', {}, formatTimestamp(k.lastUsedAt)),
        h('td', {}, k.revokedAt ? `${t('status_revoked')} ${formatTimestamp(k.revokedAt)}` : t('active')),
        h('td', {}, k.revokedAt ? null : button(t('revoke'), async () => {
          if (await confirmDialog(t('revokeKeyConfirm', k.name), t('revoke'))
              && await attempt(() => post(`/api-keys/${k.id}/revoke`))) {
            await again();
            announce(t('saved'));
          }
        }, 'danger small', { 'aria-label': `${t('revoke')} ${k.name}` })))))),
    h('section', { class: 'panel', 'aria-labelledby': 'add-key' },
      h('h2', { id: 'add-key' }, t('addKey')),
      form(async (v) => {
        const made = await post('/api-keys', { name: v.name, scopes: SCOPES.filter((s) => v[`scope_${s}`]) });
        await again(made);
      },
      field(t('name'), input('name', { required: true, maxlength: 200 })),
      h('fieldset', {}, h('legend', {}, t('scopes')),
        SCOPES.map((s) => field(t(`scope_${s}`), input(`scope_${s}`, { type: 'checkbox' })))),
      h('p', {}, submit(t('add'))))));
  slot.querySelector('#secret-panel')?.focus();
}
