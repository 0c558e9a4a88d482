// Thủ tục: fields (lĩnh vực) and the administrative procedures in them; search, add, edit, bulk import.
import { get, patch, post } from '/lib/api.js';
import { fill, h, table, tableBox } from '/lib/dom.js';
import { nameOf } from '/lib/i18n.js';
import { announce, button, field, form, input, select, submit } from './forms.js';
import { importForm } from './csv.js';
import { t } from './messages.js';

let filter = { q: '', field: '' };

export async function render(view, args, session) {
  const admin = session.role === 'admin';
  const query = new URLSearchParams();
  if (filter.q) {
    query.set('q', filter.q);
  }
  if (filter.field) {
    query.set('field', filter.field);
  }
  const [fields, services] = await Promise.all([get('/service-fields'), get(`/services?${query}`)]);
  const again = () => render(view, args, session);
  const fieldOptions = fields.map((f) => ({ value: f.code, label: `${f.code} · ${nameOf(f)}` }));
  const editSlot = h('div', {});
  const serviceForm = (s) => h('section', { class: 'panel', 'aria-labelledby': 'service-form' },
    h('h2', { id: 'service-form' }, s ? t('editService', s.code) : t('addService')),
    form(async (v) => {
      const body = { code: v.code, nameVi: v.nameVi, nameEn: v.nameEn, fieldCode: v.fieldCode,
        ...(s ? { active: v.active } : {}) };
      if (s) {
        await patch(`/services/${s.id}`, body);
      } else {
        await post('/services', body);
      }
      await again();
      announce(t('saved'));
    },
    h('div', { class: 'columns' },
      field(t('code'), input('code', { value: s?.code ?? '', required: true, maxlength: 64 })),
      field(t('field'), select('fieldCode', fieldOptions, s?.fieldCode ?? fields[0]?.code)),
      field(t('nameVi'), input('nameVi', { value: s?.nameVi ?? '', required: true, maxlength: 500 })),
      field(t('nameEn'), input('nameEn', { value: s?.nameEn ?? '', maxlength: 500 })),
      s ? field(t('active'), Object.assign(input('active', { type: 'checkbox' }), { checked: s.active })) : null),
    h('p', { class: 'actions' }, submit(s ? t('save') : t('add')),
      s ? button(t('cancel'), () => editSlot.replaceChildren(serviceForm(null))) : null)));
  if (admin && fields.length) {
    editSlot.append(serviceForm(null));
  }
  fill(view,
    h('h1', {}, t('catalogueTitle')),
    h('section', { 'aria-labelledby': 'services-title' },
      h('h2', { id: 'services-title' }, t('services')),
      form((v) => {
        filter = { q: v.q, field: v.field };
        return again();
      }, h('div', { class: 'inline-form', role: 'search' },
        field(t('search'), input('q', { value: filter.q, type: 'search' })),
        field(t('field'), select('field', [{ value: '', label: t('allFields') }, ...fieldOptions], filter.field)),
        h('p', { class: 'field' }, submit(t('filter'))))),
      services.length ? tableBox(table(`${t('services')} (${services.length})`,
        [t('code'), t('name'), t('field'), t('status'), admin ? t('actions') : null].filter(Boolean),
        services.map((s) => h('tr', {},
          h('th', { scope: 'row' }, s.code),
          h('td', {}, nameOf(s)),
          h('td', {}, s.fieldCode),
          h('td', {}, t(s.active ? 'active' : 'inactive')),
          admin ? h('td', {}, button(t('edit'), () => {
            editSlot.replaceChildren(serviceForm(s));
            editSlot.querySelector('input')?.focus();
          }, 'secondary small', { 'aria-label': `${t('edit')} ${s.code}` })) : null))))
        : h('p', {}, t('noServices'))),
    editSlot,
    admin ? importForm('/services/import', t('serviceCsvHint'), again) : null,
    h('section', { 'aria-labelledby': 'fields-title' },
      h('h2', { id: 'fields-title' }, t('fields')),
      tableBox(table(t('fields'), [t('code'), t('nameVi'), t('nameEn')], fields.map((f) => h('tr', {},
        h('th', { scope: 'row' }, f.code), h('td', {}, f.nameVi), h('td', {}, f.nameEn ?? '–'))))),
      admin ? h('div', { class: 'panel' }, h('h3', {}, t('addField')), form(async (v) => {
        await post('/service-fields', { code: v.code, nameVi: v.nameVi, nameEn: v.nameEn || null });
        await again();
        announce(t('saved'));
      }, h('div', { class: 'inline-form' },
        field(t('code'), input('code', { required: true, maxlength: 32 })),
        field(t('nameVi'), input('nameVi', { required: true, maxlength: 300 })),
        field(t('nameEn'), input('nameEn', { maxlength: 300 })),
        h('p', { class: 'field' }, submit(t('add')))))) : null));
}
