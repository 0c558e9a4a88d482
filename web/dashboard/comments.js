// What citizens wrote, newest first: a search box and pages of 20, always as text.
import { get } from '/lib/api.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { formatDateTime, nameOf } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

const SIZE = 20;
let view = { q: '', page: 0 };

/** queryFor(extra): the filters' API query with the search and page added; onError(e) shows a failure. */
export async function render(section, queryFor, onError, reset = true, focusId = null) {
  if (reset) {
    view = { q: '', page: 0 };
  }
  let data;
  try {
    data = await get(`/comments${queryFor({ q: view.q, page: view.page, size: SIZE })}`);
  } catch (e) {
    onError(e);
    return;
  }
  const search = h('input', { type: 'search', id: 'comments-q', name: 'q', value: view.q });
  const form = h('form', { class: 'comments-search no-print', role: 'search' },
    h('label', { for: search.id }, t('search')), search, h('button', { type: 'submit', class: 'secondary' }, t('searchButton')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    view = { q: search.value.trim(), page: 0 };
    render(section, queryFor, onError, false, 'comments-q');
  });
  // Redrawing replaces the buttons; focus goes back to the one just used (or the other one when it is now disabled).
  const go = (page, id) => {
    view.page = page;
    render(section, queryFor, onError, false, id);
  };
  const table = h('table', { id: 'comments-table' },
    h('caption', {}, `${t('commentsTitle')} · ${t('page', view.page + 1)}`),
    h('thead', {}, h('tr', {}, [t('submittedAt'), t('unit'), t('service'), t('channel'), t('comment')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, data.comments.map((c) => h('tr', {},
      h('td', { class: 'nowrap' }, formatDateTime(c.submittedAt)),
      h('td', {}, nameOf(c.agency)),
      h('td', {}, c.service ? c.service.code : '–'),
      h('td', {}, c.channel ? t(`channel_${c.channel}`) : '–'),
      h('td', { class: 'comment' }, c.comment)))));
  const pager = h('p', { class: 'pager no-print' },
    h('button', { type: 'button', class: 'secondary', id: 'comments-prev', disabled: view.page === 0,
      onclick: () => go(view.page - 1, view.page - 1 === 0 ? 'comments-next' : 'comments-prev') }, t('previous')),
    h('span', {}, ` ${t('page', view.page + 1)} `),
    h('button', { type: 'button', class: 'secondary', id: 'comments-next', disabled: !data.more,
      onclick: () => go(view.page + 1, 'comments-next') }, t('next')));
  fill(section, h('h2', {}, t('commentsTitle')), form,
    data.comments.length ? tableBox(table, t('commentsTitle')) : h('p', {}, t('noComments')),
    pager,
    // The download holds every comment the filters and the search match, not only this page.
    data.comments.length ? downloads('comments', `/comments${queryFor({ q: view.q })}`) : null);
  const focus = focusId && document.getElementById(focusId);
  if (focus && !focus.disabled) {
    focus.focus();
  } else if (focusId) {
    document.getElementById('comments-prev')?.focus();
  }
}
