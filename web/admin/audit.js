// Nhật ký: the audit log, newest first, with filters, paging and each event's before/after as JSON text.
import { get } from '/lib/api.js';
import { h, table, tableBox } from '/lib/dom.js';
import { formatTimestamp } from '/lib/i18n.js';
import { button, field, form, input, submit } from './forms.js';
import { t } from './messages.js';

const FILTERS = ['actor', 'action', 'entity', 'entityId', 'from', 'to'];
// What the server records; offered as suggestions, any text may still be typed.
const ACTIONS = ['create', 'update', 'import', 'publish', 'delete', 'revoke', 'renew_enrolment_code', 'change_password',
  'update_and_reset_password', 'deactivate', 'reactivate', 'unpublish'];
const ENTITIES = ['unit', 'centre', 'counter', 'service_field', 'service', 'questionnaire', 'questionnaire_version',
  'device', 'survey_link', 'user', 'api_key', 'publication'];
const suggestions = (id, words) => h('datalist', { id }, words.map((w) => h('option', { value: w })));
const SIZE = 25;

/** A link to the audit log of one record, for the screens that show it (admins only). */
export const historyLink = (entity, id) =>
  h('p', {}, h('a', { href: `#/audit?entity=${encodeURIComponent(entity)}&entityId=${encodeURIComponent(id)}` }, t('history')));

/** The filters and page live in the hash (#/audit?actor=…&page=2), so a view can be linked and reloaded. */
function state() {
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const s = { page: Math.max(0, Number(query.get('page')) || 0) };
  FILTERS.forEach((f) => { s[f] = query.get(f) ?? ''; });
  return s;
}

function go(s) {
  const query = new URLSearchParams();
  FILTERS.forEach((f) => { if (s[f]) { query.set(f, s[f]); } });
  if (s.page) {
    query.set('page', s.page);
  }
  const q = query.toString();
  location.hash = `#/audit${q ? `?${q}` : ''}`;
}

const json = (value) => (value === null || value === undefined ? '–' : JSON.stringify(value, null, 2));

function details(event) {
  return h('section', { class: 'panel', id: 'event-details', tabindex: '-1', 'aria-labelledby': 'event-title' },
    h('h2', { id: 'event-title' }, t('eventDetails', event.id)),
    h('p', {}, `${formatTimestamp(event.at)} · ${event.actor} · ${event.action} · ${event.entity} ${event.entityId ?? ''}`),
    h('div', { class: 'columns' },
      h('div', {}, h('h3', {}, t('before')), h('pre', { class: 'json' }, json(event.before))),
      h('div', {}, h('h3', {}, t('after')), h('pre', { class: 'json' }, json(event.after)))));
}

export async function render(view) {
  const s = state();
  const query = new URLSearchParams({ page: s.page, size: SIZE });
  FILTERS.forEach((f) => { if (s[f]) { query.set(f, s[f]); } });
  const result = await get(`/audit?${query}`);
  const detailSlot = h('div', {});
  const rows = result.events.map((e) => h('tr', {},
    h('td', {}, formatTimestamp(e.at)),
    h('td', {}, e.actor),
    h('td', {}, e.action),
    h('td', {}, e.entity),
    h('td', {}, e.entityId ?? '–'),
    h('td', {}, button(t('details'), () => {
      detailSlot.replaceChildren(details(e));
      detailSlot.firstChild.focus();
    }, 'secondary small', { 'aria-label': `${t('details')} #${e.id}` }))));
  view.replaceChildren(
    h('h1', {}, t('auditTitle')),
    form((v) => go({ ...v, page: 0 }),
      h('div', { class: 'inline-form' },
        field(t('actor'), input('actor', { value: s.actor })),
        field(t('action'), input('action', { value: s.action, list: 'audit-actions' })),
        field(t('entity'), input('entity', { value: s.entity, list: 'audit-entities' })),
        field(t('entityId'), input('entityId', { value: s.entityId, inputmode: 'numeric', size: 8 })),
        field(t('from'), input('from', { type: 'date', value: s.from })),
        field(t('to'), input('to', { type: 'date', value: s.to })),
        h('p', { class: 'field' }, submit(t('filter')))),
      suggestions('audit-actions', ACTIONS), suggestions('audit-entities', ENTITIES)),
    result.events.length
      ? tableBox(table(`${t('auditTitle')} · ${t('page', s.page + 1)}`,
        [t('at'), t('actor'), t('action'), t('entity'), t('entityId'), t('details')], rows))
      : h('p', {}, t('noEvents')),
    h('p', { class: 'actions' },
      button(t('newer'), () => go({ ...s, page: s.page - 1 }), 'secondary', { disabled: s.page === 0 }),
      h('span', {}, t('page', s.page + 1)),
      button(t('older'), () => go({ ...s, page: s.page + 1 }), 'secondary', { disabled: !result.more })),
    detailSlot);
}
