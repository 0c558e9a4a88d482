// Plain words for technical terms where they are used: a disclosure under a table or chart, listing each term the
// table or chart uses with a one-line explanation. <details>/<summary> open with the keyboard (Enter, Space), are
// announced as expandable by screen readers, and need no hover, so they work on a phone as on a desktop.
import { h } from './dom.js';

/**
 * t: a page family's translator (lib/words.js figures: term_KEY, explain_KEY); keys: the terms used; id: optional;
 * open: shown open (a printed page cannot be clicked).
 */
export function terms(t, keys, id, { open = false } = {}) {
  return h('details', { class: 'terms', id, open },
    h('summary', {}, t('terms')),
    h('dl', {}, keys.map((key) => h('div', { 'data-term': key }, h('dt', {}, t(`term_${key}`)), h('dd', {}, t(`explain_${key}`))))));
}
