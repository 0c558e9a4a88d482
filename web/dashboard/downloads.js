// Downloads under each table: the API's own CSV and XLSX of what the table shows, with the view's filters.
// The files are made on the server from the same figures as the JSON; nothing is computed here.
import { h } from '/lib/dom.js';
import { t } from './messages.js';

/** The API address of a download: path is the API path with the query the section was drawn from. */
export const downloadHref = (path, format) => `/api/v1${path}${path.includes('?') ? '&' : '?'}format=${format}`;

/** "Tải CSV · Tải XLSX" for path; name marks the table (data-download), label says what it is when a section has two. */
export function downloads(name, path, label = null) {
  const link = (format) => h('a', {
    class: 'download', href: downloadHref(path, format), download: true, 'data-download': name, 'data-format': format,
  }, t(format === 'csv' ? 'downloadCsv' : 'downloadXlsx'));
  return h('p', { class: 'downloads no-print' }, label ? `${label}: ` : null, link('csv'), ' · ', link('xlsx'));
}
