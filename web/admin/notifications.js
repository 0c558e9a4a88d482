// Thông báo: what I receive by e-mail (everyone signed in); for admins also the webhooks other systems registered
// (the secret shown once) and the delivery log, the record of who was told what.
import { get, patch, post, put } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { formatDateTime } from '/lib/i18n.js';
import { announce, attempt, button, confirmDialog, field, form, input, secretPanel, select, submit } from './forms.js';
import { t } from './messages.js';

const TOPICS = ['alert', 'case', 'digest', 'report'];
const STATUSES = ['waiting', 'retrying', 'delivered', 'gave_up'];

/** The log's filter lives in the hash (#/notifications?status=retrying&topic=alert&page=1). */
function state() {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  return { status: query.get('status') ?? '', topic: query.get('topic') ?? '', page: Number(query.get('page') ?? 0) || 0 };
}

function mineSection(mine, again) {
  const topics = h('fieldset', {}, h('legend', {}, t('ntTopics')),
    TOPICS.map((topic) => field(t(`ntTopic_${topic}`), input(`topic_${topic}`,
      { type: 'checkbox', checked: mine.topics.includes(topic) }), t(`ntTopicHint_${topic}`))));
  const testButton = button(t('ntSendTest'), async () => {
    const sent = await attempt(() => post('/session/notifications/test'));
    if (sent) {
      announce(sent.emailConfigured ? t('ntTestSent', sent.address) : t('ntTestWaiting', sent.address));
    }
  }, 'secondary', { id: 'send-test' });
  testButton.disabled = !mine.email;
  return h('section', { class: 'panel', 'aria-labelledby': 'nt-mine' },
    h('h2', { id: 'nt-mine' }, t('ntMine')),
    h('p', {}, t('ntMineIntro')),
    mine.emailConfigured ? null : h('p', { class: 'warning', role: 'note' }, t('ntNotConfigured')),
    form(async (v) => {
      await put('/session/notifications', { email: v.email, topics: TOPICS.filter((topic) => v[`topic_${topic}`]) });
      await again();
      announce(t('saved'));
    },
    field(t('ntEmail'), input('email', { type: 'email', value: mine.email ?? '', maxlength: 254, autocomplete: 'email' }),
      t('ntEmailHint')),
    topics,
    h('p', { class: 'actions' }, submit(t('save')), testButton)),
    mine.email ? null : h('p', { class: 'hint' }, t('ntTestNeedsEmail')));
}

function topicChecks(prefix, chosen) {
  return h('fieldset', {}, h('legend', {}, t('ntHookTopics')),
    TOPICS.map((topic) => field(t(`ntTopic_${topic}`), input(`${prefix}${topic}`,
      { type: 'checkbox', checked: chosen.includes(topic) }))));
}

function editRow(hook, again) {
  return h('tr', { class: 'editing' }, h('td', { colspan: 6 },
    form(async (v) => {
      await patch(`/webhooks/${hook.id}`, { name: v.name, url: v.url, topics: TOPICS.filter((topic) => v[`edit_${topic}`]) });
      await again();
      announce(t('saved'));
    },
    field(t('name'), input('name', { value: hook.name, required: true, maxlength: 200 })),
    field(t('ntUrl'), input('url', { type: 'url', value: hook.url, required: true, maxlength: 2000 })),
    topicChecks('edit_', hook.topics),
    h('p', { class: 'actions' }, submit(t('save')), button(t('cancel'), () => again())))));
}

function hooksSection(hooks, units, again, created) {
  const slot = h('div', {});
  if (created) {
    slot.append(secretPanel({ secretId: 'webhook-secret', titleId: 'hook-secret-title',
      title: t('ntSecretTitle', created.webhook.name), warning: t('ntSecretWarning'), secret: created.secret,
      selected: t('ntSecretSelected') }, () => slot.replaceChildren()));
  }
  const unitName = (hook) => (hook.unitCode ? (units.find((u) => u.id === hook.unitId)?.nameVi ?? hook.unitCode) : t('allUnits'));
  const body = [];
  for (const hook of hooks) {
    const row = h('tr', { 'data-webhook': hook.id },
      h('th', { scope: 'row' }, hook.name),
      h('td', { class: 'url' }, h('code', {}, hook.url)),
      h('td', {}, hook.topics.map((topic) => t(`ntTopicShort_${topic}`)).join(', ')),
      h('td', {}, unitName(hook)),
      h('td', {}, hook.active ? t('active') : t('inactive')),
      h('td', {}, h('div', { class: 'actions' },
        button(t('edit'), () => row.after(editRow(hook, again)), 'secondary small', { 'aria-label': `${t('edit')} ${hook.name}` }),
        hook.active ? button(t('ntTestHook'), async () => {
          const sent = await attempt(() => post(`/webhooks/${hook.id}/test`));
          if (sent) {
            announce(t('ntHookTested', hook.name));
          }
        }, 'secondary small', { 'aria-label': `${t('ntTestHook')} ${hook.name}` }) : null,
        hook.active ? button(t('deactivate'), async () => {
          if (await confirmDialog(t('ntDeactivateConfirm', hook.name), t('deactivate'))
              && await attempt(() => patch(`/webhooks/${hook.id}`, { active: false }))) {
            await again();
            announce(t('saved'));
          }
        }, 'danger small', { 'aria-label': `${t('deactivate')} ${hook.name}` })
          : button(t('reactivate'), async () => {
            if (await attempt(() => patch(`/webhooks/${hook.id}`, { active: true }))) {
              await again();
              announce(t('saved'));
            }
          }, 'secondary small', { 'aria-label': `${t('reactivate')} ${hook.name}` }))));
    body.push(row);
  }
  return h('section', { class: 'panel', 'aria-labelledby': 'nt-hooks' },
    h('h2', { id: 'nt-hooks' }, t('ntHooks')),
    h('p', {}, t('ntHooksIntro')),
    slot,
    hooks.length ? tableBox(table(t('ntHooks'), [t('name'), t('ntUrl'), t('ntHookTopics'), t('unit'), t('status'), t('actions')],
      body, { class: 'webhooks' })) : h('p', {}, t('ntNoHooks')),
    h('h3', { id: 'nt-add-hook' }, t('ntAddHook')),
    form(async (v) => {
      const made = await post('/webhooks', {
        name: v.name, url: v.url, topics: TOPICS.filter((topic) => v[`new_${topic}`]), unitId: v.unitId ? Number(v.unitId) : null,
      });
      await again(made);
      announce(t('ntHookAdded', made.webhook.name));
    },
    field(t('name'), input('name', { required: true, maxlength: 200 })),
    field(t('ntUrl'), input('url', { type: 'url', required: true, maxlength: 2000, placeholder: 'https://' }), t('ntUrlHint')),
    topicChecks('new_', []),
    field(t('unit'), select('unitId', [{ value: '', label: t('allUnits') },
      ...units.map((u) => ({ value: u.id, label: `${u.code} · ${u.nameVi}` }))], ''), t('ntHookUnitHint')),
    h('p', {}, submit(t('add')))));
}

function logSection(page, s) {
  const go = (changes) => {
    const next = { ...s, ...changes };
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v !== '' && v !== 0) {
        query.set(k, v);
      }
    }
    location.hash = `#/notifications${query.size ? `?${query}` : ''}`;
  };
  const rows = page.notifications.map((n) => h('tr', { class: `nt-${n.status}` },
    h('td', {}, formatDateTime(n.createdAt)),
    h('td', {}, t(`ntTopicShort_${n.topic}`)),
    h('td', {}, n.channel === 'email' ? t('ntEmailChannel') : t('ntWebhookChannel')),
    h('th', { scope: 'row' }, n.recipient ?? '–', h('br'), h('small', {}, n.address)),
    h('td', {}, t(`ntStatus_${n.status}`),
      n.status === 'delivered' ? h('small', {}, h('br'), formatDateTime(n.deliveredAt)) : null,
      n.status === 'retrying' ? h('small', {}, h('br'), t('ntNextAttempt', formatDateTime(n.nextAttemptAt))) : null),
    h('td', { class: 'num' }, String(n.attempts)),
    h('td', { class: 'error-text' }, n.lastError ?? '')));
  return h('section', { class: 'panel', 'aria-labelledby': 'nt-log' },
    h('h2', { id: 'nt-log' }, t('ntLog')),
    h('p', {}, t('ntLogIntro')),
    form((v) => go({ status: v.status, topic: v.topic, page: 0 }),
      field(t('status'), select('status', [{ value: '', label: t('ntAll') },
        ...STATUSES.map((x) => ({ value: x, label: t(`ntStatus_${x}`) }))], s.status)),
      field(t('ntTopic'), select('topic', [{ value: '', label: t('ntAll') },
        ...[...TOPICS, 'test'].map((x) => ({ value: x, label: t(`ntTopicShort_${x}`) }))], s.topic)),
      h('p', { class: 'field' }, submit(t('filter')))),
    page.notifications.length
      ? tableBox(table(t('ntLogCaption'), [t('ntWhen'), t('ntTopic'), t('ntChannel'), t('ntRecipient'), t('status'),
        t('ntAttempts'), t('ntLastError')], rows, { class: 'delivery-log' }))
      : h('p', {}, t('ntLogEmpty')),
    h('p', { class: 'actions' },
      s.page > 0 ? button(t('newer'), () => go({ page: s.page - 1 })) : null,
      page.more ? button(t('older'), () => go({ page: s.page + 1 })) : null));
}

export async function render(view, args, session, created) {
  const admin = session.role === 'admin';
  const s = state();
  const query = new URLSearchParams({ page: s.page });
  if (s.status) {
    query.set('status', s.status);
  }
  if (s.topic) {
    query.set('topic', s.topic);
  }
  const [mine, hooks, units, log] = await Promise.all([
    get('/session/notifications'),
    admin ? get('/webhooks') : null,
    admin ? get('/units') : null,
    admin ? get(`/notifications?${query}`) : null,
  ]);
  const again = (made) => render(view, args, session, made);
  view.replaceChildren(...[
    h('h1', {}, t('ntTitle')),
    mineSection(mine, again),
    admin ? hooksSection(hooks, units, again, created) : null,
    admin ? logSection(log, s) : null].filter(Boolean));
  view.querySelector('.delivery-log')?.closest('section').querySelector('form').classList.add('inline-form');
  view.querySelector('#secret-panel')?.focus();
}
