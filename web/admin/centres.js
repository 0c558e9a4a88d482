// Trung tâm, quầy: service centres (one-stop desks) and their counters.
import { get, patch, post } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { nameOf } from '/lib/i18n.js';
import { announce, button, field, form, input, select, submit } from './forms.js';
import { t } from './messages.js';
import { unitOptions } from './units.js';
import { historyLink } from './audit.js';

export async function render(view, args, session) {
  if (args[0]) {
    return renderOne(view, args[0], session);
  }
  const admin = session.role === 'admin';
  const [centres, units, questionnaires] = await Promise.all([get('/centres'), get('/units'), get('/questionnaires')]);
  const unitName = new Map(units.map((u) => [u.id, nameOf(u)]));
  const again = () => render(view, args, session);
  fill(view,
    h('h1', {}, t('centresTitle')),
    tableBox(table(t('centresTitle'), [t('code'), t('name'), t('unit'), t('kioskQuestionnaire'), t('status')],
      centres.map((c) => h('tr', {},
        h('th', { scope: 'row' }, c.code),
        h('td', {}, h('a', { href: `#/centres/${c.id}` }, nameOf(c))),
        h('td', {}, unitName.get(c.unitId) ?? `#${c.unitId}`),
        h('td', {}, c.kioskQuestionnaire ?? '–'),
        h('td', {}, t(c.active ? 'active' : 'inactive')))))),
    admin ? h('section', { class: 'panel', 'aria-labelledby': 'add-centre' },
      h('h2', { id: 'add-centre' }, t('addCentre')),
      centreForm(null, units, questionnaires, async (body) => {
        const created = await post('/centres', body);
        await again();
        announce(`${t('created')} ${created.nameVi}`);
      })) : null);
}

function centreForm(centre, units, questionnaires, onsave) {
  const kioskOptions = [{ value: '', label: t('none') },
    ...questionnaires.map((q) => ({ value: q.code, label: `${q.code} · ${nameOf(q)}` }))];
  return form(async (v) => onsave({
    code: v.code, unitId: v.unitId ? Number(v.unitId) : null, nameVi: v.nameVi, nameEn: v.nameEn,
    address: v.address, kioskQuestionnaire: v.kioskQuestionnaire,
    ...(centre ? { active: v.active } : {}),
  }),
  h('div', { class: 'columns' },
    field(t('code'), input('code', { value: centre?.code ?? '', required: true, maxlength: 64 })),
    field(t('unit'), select('unitId', unitOptions(units), centre?.unitId ?? units[0]?.id)),
    field(t('nameVi'), input('nameVi', { value: centre?.nameVi ?? '', required: true, maxlength: 300 })),
    field(t('nameEn'), input('nameEn', { value: centre?.nameEn ?? '', maxlength: 300 })),
    field(t('address'), input('address', { value: centre?.address ?? '', maxlength: 500 })),
    field(t('kioskQuestionnaire'), select('kioskQuestionnaire', kioskOptions, centre?.kioskQuestionnaire ?? '')),
    centre ? field(t('active'), Object.assign(input('active', { type: 'checkbox' }), { checked: centre.active })) : null),
  h('p', {}, submit(centre ? t('save') : t('add'))));
}

async function renderOne(view, id, session) {
  const { centre, counters } = await get(`/centres/${encodeURIComponent(id)}`);
  const admin = session.role === 'admin';
  const [units, questionnaires] = await Promise.all([get('/units'), get('/questionnaires')]);
  const unit = units.find((u) => u.id === centre.unitId);
  const again = () => renderOne(view, id, session);
  const counterRow = (c) => h('tr', {},
    h('th', { scope: 'row' }, c.code),
    h('td', {}, c.nameVi),
    h('td', {}, c.nameEn ?? '–'),
    h('td', {}, t(c.active ? 'active' : 'inactive')),
    admin ? h('td', {}, button(t('edit'), () => {
      editSlot.replaceChildren(counterForm(c));
      editSlot.querySelector('input')?.focus();
    }, 'secondary small', { 'aria-label': `${t('edit')} ${c.code}` })) : null);
  const editSlot = h('div', {});
  const counterForm = (c) => h('section', { class: 'panel', 'aria-labelledby': 'counter-form' },
    h('h2', { id: 'counter-form' }, c ? t('editCounter', c.code) : t('addCounter')),
    form(async (v) => {
      const body = { code: v.code, nameVi: v.nameVi, nameEn: v.nameEn, ...(c ? { active: v.active } : {}) };
      if (c) {
        await patch(`/counters/${c.id}`, body);
      } else {
        await post(`/centres/${centre.id}/counters`, body);
      }
      await again();
      announce(t('saved'));
    },
    h('div', { class: 'columns' },
      field(t('code'), input('code', { value: c?.code ?? '', required: true, maxlength: 64 })),
      field(t('nameVi'), input('nameVi', { value: c?.nameVi ?? '', required: true, maxlength: 300 })),
      field(t('nameEn'), input('nameEn', { value: c?.nameEn ?? '', maxlength: 300 })),
      c ? field(t('active'), Object.assign(input('active', { type: 'checkbox' }), { checked: c.active })) : null),
    h('p', { class: 'actions' }, submit(c ? t('save') : t('add')),
      c ? button(t('cancel'), () => editSlot.replaceChildren(counterForm(null))) : null)));
  if (admin) {
    editSlot.append(counterForm(null));
  }
  fill(view,
    h('p', {}, h('a', { href: '#/centres' }, `← ${t('centresTitle')}`)),
    h('h1', {}, t('centreTitle', nameOf(centre))),
    h('dl', { class: 'facts' },
      h('dt', {}, t('code')), h('dd', {}, centre.code),
      h('dt', {}, t('unit')), h('dd', {}, unit ? nameOf(unit) : `#${centre.unitId}`),
      h('dt', {}, t('address')), h('dd', {}, centre.address ?? '–'),
      h('dt', {}, t('kioskQuestionnaire')), h('dd', {}, centre.kioskQuestionnaire ?? '–'),
      h('dt', {}, t('status')), h('dd', {}, t(centre.active ? 'active' : 'inactive'))),
    admin ? historyLink('centre', centre.id) : null,
    h('h2', {}, t('counters')),
    counters.length ? tableBox(table(t('counters'), [t('code'), t('nameVi'), t('nameEn'), t('status'), admin ? t('actions') : null]
      .filter(Boolean), counters.map(counterRow))) : h('p', {}, t('noCounters')),
    editSlot,
    admin ? h('section', { class: 'panel', 'aria-labelledby': 'edit-centre' },
      h('h2', { id: 'edit-centre' }, t('editCentre')),
      centreForm(centre, units, questionnaires, async (body) => {
        await patch(`/centres/${centre.id}`, body);
        await again();
        announce(t('saved'));
      })) : null);
}
