// A bulk CSV import form: reads the chosen file and posts it as text/csv; problems show as a table.
import { post } from '/lib/api.js';
import { h } from '/lib/dom.js';
import { announce, field, form, input, submit } from './forms.js';
import { t } from './messages.js';

export function importForm(path, hint, onDone) {
  const file = input('file', { type: 'file', accept: '.csv,text/csv' });
  return h('section', { class: 'panel', 'aria-labelledby': `${path.replace(/\W/g, '')}-import` },
    h('h2', { id: `${path.replace(/\W/g, '')}-import` }, t('importCsv')),
    form(async (v, el) => {
      if (!file.files.length) {
        file.setAttribute('aria-invalid', 'true');
        announce(t('chooseFile'), 'error');
        return;
      }
      const text = await file.files[0].text();
      const result = await post(path, text, { contentType: 'text/csv; charset=utf-8' });
      el.reset();
      await onDone();
      announce(t('imported', result.rows, result.created, result.updated));
    },
    field(t('csvFile'), file, hint),
    h('p', {}, submit(t('importButton')))));
}
