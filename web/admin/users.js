// Người dùng: accounts, their role and unit; create, edit, reset a password.
import { get, patch, post } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { nameOf } from '/lib/i18n.js';
import { announce, button, field, form, input, select, submit } from './forms.js';
import { t } from './messages.js';
import { unitOptions } from './units.js';

const ROLES = ['admin', 'analyst', 'agency_manager', 'interviewer'];

export async function render(view, args, session) {
  const [users, units] = await Promise.all([get('/users'), get('/units')]);
  const unitName = new Map(units.map((u) => [u.id, nameOf(u)]));
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`role_${r}`) }));
  const again = () => render(view, args, session);
  const editSlot = h('div', {});
  const body = (v) => ({ role: v.role, unitId: v.unitId ? Number(v.unitId) : null, displayName: v.displayName,
    email: v.email });
  const editForm = (u) => h('section', { class: 'panel', 'aria-labelledby': 'user-form' },
    h('h2', { id: 'user-form' }, t('editUser', u.username)),
    form(async (v) => {
      await patch(`/users/${u.id}`, { ...body(v), active: v.active, ...(v.password ? { password: v.password } : {}) });
      await again();
      announce(t('saved'));
    },
    h('div', { class: 'columns' },
      field(t('displayName'), input('displayName', { value: u.displayName ?? '', maxlength: 200 })),
      field(t('ntEmail'), input('email', { type: 'email', value: u.email ?? '', maxlength: 254, autocomplete: 'off' })),
      field(t('role'), select('role', roleOptions, u.role)),
      field(t('unit'), select('unitId', unitOptions(units, { blank: t('none') }), u.unitId ?? '')),
      field(t('resetPassword'), input('password', { type: 'password', autocomplete: 'new-password' }), t('passwordHint')),
      field(t('active'), Object.assign(input('active', { type: 'checkbox' }), { checked: u.active }))),
    h('p', { class: 'actions' }, submit(t('save')), button(t('cancel'), () => editSlot.replaceChildren()))));
  view.replaceChildren(
    h('h1', {}, t('usersTitle')),
    tableBox(table(t('usersTitle'), [t('username'), t('displayName'), t('role'), t('unit'), t('status'), t('actions')],
      users.map((u) => h('tr', {},
        h('th', { scope: 'row' }, u.username),
        h('td', {}, u.displayName ?? '–'),
        h('td', {}, t(`role_${u.role}`)),
        h('td', {}, u.unitId ? unitName.get(u.unitId) ?? `#${u.unitId}` : '–'),
        h('td', {}, t(u.active ? 'active' : 'inactive')),
        h('td', {}, button(t('edit'), () => {
          editSlot.replaceChildren(editForm(u));
          editSlot.querySelector('input')?.focus();
        }, 'secondary small', { 'aria-label': `${t('edit')} ${u.username}` })))))),
    editSlot,
    h('section', { class: 'panel', 'aria-labelledby': 'add-user' },
      h('h2', { id: 'add-user' }, t('addUser')),
      form(async (v) => {
        await post('/users', { username: v.username, password: v.password, ...body(v) });
        await again();
        announce(t('saved'));
      },
      h('div', { class: 'columns' },
        field(t('username'), input('username', { required: true, maxlength: 100, autocomplete: 'off' })),
        field(t('displayName'), input('displayName', { maxlength: 200 })),
        field(t('ntEmail'), input('email', { type: 'email', maxlength: 254, autocomplete: 'off' })),
        field(t('password'), input('password', { type: 'password', required: true, autocomplete: 'new-password' }),
          t('passwordHint')),
        field(t('role'), select('role', roleOptions, 'analyst')),
        field(t('unit'), select('unitId', unitOptions(units, { blank: t('none') }), ''))),
      h('p', {}, submit(t('add'))))));
}
