// Building the page from data without innerHTML: every string becomes a text node.
import { h } from '/js/dom.js';

export { h };

/** A chart's box: position: relative (Chart.js sizes itself from it), role img and a description. */
export function chartBox(id, label, className = 'chart-box') {
  const canvas = h('canvas', { id });
  return { box: h('div', { class: className, role: 'img', 'aria-label': label }, canvas), canvas };
}

/**
 * A table's box, which scrolls sideways on a narrow screen: so it takes the keyboard's focus (to scroll with the
 * arrow keys) and is a region with the table's name.
 */
export function tableBox(table, label) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}

/** Replaces a section's content; lists of children are flattened and empty ones left out. */
export function fill(section, ...children) {
  section.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}
