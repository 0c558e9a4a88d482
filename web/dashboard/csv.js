// Tables downloaded as CSV, made in the browser: UTF-8 with a BOM so spreadsheet programs read Vietnamese.
import { h } from './dom.js';
import { t } from './i18n.js';

const cell = (value) => {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets.
  const safe = /^[=+\-@]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const toCsv = (headers, rows) => [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n');

/** A "Download CSV" button that saves rows() (raw API numbers, not the rounded ones) as file.csv. */
export function csvButton(file, headers, rows) {
  return h('p', { class: 'csv no-print' }, h('button', {
    type: 'button', class: 'secondary', 'data-csv': file,
    onclick: () => {
      const blob = new Blob(['\uFEFF', toCsv(headers, rows())], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const link = h('a', { href: url, download: file });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    },
  }, t('downloadCsv')));
}
