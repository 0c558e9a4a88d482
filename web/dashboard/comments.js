// What citizens wrote, newest first, each with its context: the overall rating given with it (a badge that says it in
// words), the procedure by name, the centre and the counter. A search, a rating and an element filter, pages of 20.
import { get } from '/lib/api.js';
import { fill, h, tableBox } from '/lib/dom.js';
import { currentLang, formatDateTime, nameOf, pick } from '/lib/i18n.js';
import { downloads } from './downloads.js';
import { t } from './messages.js';

const SIZE = 20;
let view = { q: '', rating: '', element: '', page: 0 };

/** The overall question's levels (lowest first) in the form in view; none when it asks no overall question. */
function overallLevels(form) {
  const overall = form.questions.find((q) => q.kind === 'overall');
  return overall ? form.scales[overall.scale]?.levels ?? [] : [];
}

/** The rating a comment came with, as a badge: its words and level, marked satisfied or not in words too. */
function badge(rating) {
  if (!rating) {
    return h('span', { class: 'rating none' }, t('noOverall'));
  }
  const label = pick(rating, 'label', currentLang()) ?? '';
  return h('span', { class: `rating ${rating.satisfied ? 'satisfied' : 'dissatisfied'}` },
    h('span', { class: 'rating-mark', 'aria-hidden': 'true' }, rating.satisfied ? '✓' : '!'),
    ` ${label} (${t('levelOf', rating.level, rating.levels)})`,
    h('span', { class: 'visually-hidden' }, ` · ${t(rating.satisfied ? 'ratingSatisfied' : 'ratingDissatisfied')}`));
}

/** Where a comment was given: the centre, and its counter when known. */
function place(c) {
  if (!c.centre) {
    return '–';
  }
  return c.counter ? [nameOf(c.centre), h('br'), h('span', { class: 'aside' }, nameOf(c.counter))] : nameOf(c.centre);
}

function select(id, name, label, options, value) {
  const s = h('select', { id, name });
  for (const o of options) {
    const option = h('option', { value: o.value }, o.label);
    option.selected = o.value === value;
    s.append(option);
  }
  return [h('label', { for: id }, label), s];
}

/**
 * queryFor(extra): the filters' API query with the search, rating, element and page added; form: the questionnaire in
 * view (its overall scale and elements); onError(e) shows a failure; drilled: the element the dashboard is drilled
 * into, which a reset starts the element filter on.
 */
export async function render(section, queryFor, form, onError, reset = true, focusId = null, drilled = '') {
  if (reset) {
    view = { q: '', rating: '', element: form.elements.some((e) => e.code === drilled) ? drilled : '', page: 0 };
  }
  const filters = { q: view.q, rating: view.rating, element: view.element };
  let data;
  try {
    data = await get(`/comments${queryFor({ ...filters, page: view.page, size: SIZE })}`);
  } catch (e) {
    onError(e);
    return;
  }
  const levels = overallLevels(form);
  const search = h('input', { type: 'search', id: 'comments-q', name: 'q', value: view.q });
  const [ratingLabel, rating] = select('comments-rating', 'rating', t('ratingFilter'), [
    { value: '', label: t('all') },
    ...(levels.length ? [{ value: 'satisfied', label: t('ratingSatisfied') }, { value: 'dissatisfied', label: t('ratingDissatisfied') }] : []),
    ...levels.map((l, i) => ({ value: String(i + 1), label: `${t('levelOf', i + 1, levels.length)}: ${pick(l, 'label', currentLang())}` })),
  ], view.rating);
  rating.disabled = !levels.length;
  const elementOptions = form.elements.map((e) => ({ value: e.code, label: nameOf(e) }));
  const [elementLabel, element] = select('comments-element', 'element', t('elementFilter'),
    [{ value: '', label: t('all') }, ...elementOptions], view.element);
  const form_ = h('form', { class: 'comments-search no-print', role: 'search' },
    h('span', { class: 'field' }, h('label', { for: search.id }, t('search')), search),
    h('span', { class: 'field' }, ratingLabel, rating),
    elementOptions.length ? h('span', { class: 'field' }, elementLabel, element) : null,
    h('button', { type: 'submit', class: 'secondary' }, t('searchButton')));
  form_.addEventListener('submit', (event) => {
    event.preventDefault();
    view = { q: search.value.trim(), rating: rating.value, element: elementOptions.length ? element.value : '', page: 0 };
    render(section, queryFor, form, onError, false, 'comments-q');
  });
  // Redrawing replaces the buttons; focus goes back to the one just used (or the other one when it is now disabled).
  const go = (page, id) => {
    view.page = page;
    render(section, queryFor, form, onError, false, id);
  };
  // The comment comes third, so that a phone shows it beside its time and rating before scrolling sideways.
  const table = h('table', { id: 'comments-table' },
    h('caption', {}, `${t('commentsTitle')} · ${t('page', view.page + 1)}`),
    h('thead', {}, h('tr', {}, [t('submittedAt'), t('overallRating'), t('comment'), t('procedure'), t('where')]
      .map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, data.comments.map((c) => h('tr', {},
      h('td', { class: 'nowrap' }, formatDateTime(c.submittedAt),
        c.channel ? [h('br'), h('span', { class: 'aside' }, t(`channel_${c.channel}`))] : null),
      h('td', {}, badge(c.rating)),
      h('td', { class: 'comment' }, c.comment),
      h('td', { class: 'procedure' }, c.service ? nameOf(c.service) : '–', h('br'), h('span', { class: 'aside' }, nameOf(c.agency))),
      h('td', { class: 'place' }, place(c))))));
  const pager = h('p', { class: 'pager no-print' },
    h('button', { type: 'button', class: 'secondary', id: 'comments-prev', disabled: view.page === 0,
      onclick: () => go(view.page - 1, view.page - 1 === 0 ? 'comments-next' : 'comments-prev') }, t('previous')),
    h('span', {}, ` ${t('page', view.page + 1)} `),
    h('button', { type: 'button', class: 'secondary', id: 'comments-next', disabled: !data.more,
      onclick: () => go(view.page + 1, 'comments-next') }, t('next')));
  fill(section, h('h2', {}, t('commentsTitle')), form_,
    h('p', { class: 'note' }, levels.length ? t('ratingNote') : null, elementOptions.length ? ` ${t('elementFilterNote')}` : null),
    data.comments.length ? tableBox(table, t('commentsTitle')) : h('p', {}, t('noComments')),
    pager,
    // The download holds every comment the filters and the search match, not only this page.
    data.comments.length ? downloads('comments', `/comments${queryFor(filters)}`) : null);
  const focus = focusId && document.getElementById(focusId);
  if (focus && !focus.disabled) {
    focus.focus();
  } else if (focusId) {
    document.getElementById('comments-prev')?.focus();
  }
}
