// Building pages from data without innerHTML (every string becomes text), and the views and tables of any page.

/** h('p', {class: 'x', onclick: f}, 'text', child): an element; strings become text, never markup. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      el.className = value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value' && 'value' in el) {
      el.value = value;
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child !== null && child !== undefined && child !== false) {
      el.append(child instanceof Node ? child : String(child));
    }
  }
  return el;
}

/** Replaces an element's children; lists of children are flattened and absent ones (null, false) left out. */
export function fill(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

/** Shows one view of a page: every [data-view] element but the named one is hidden. */
export function showView(name) {
  document.querySelectorAll('[data-view]').forEach((v) => { v.hidden = v.dataset.view !== name; });
}

/** Takes the keyboard's focus to a view's heading, so that a screen reader says where the person now is. */
export function focusHeading(name) {
  document.querySelector(`[data-view="${name}"] h1`)?.focus();
}

/** A table with a caption, column headers (th scope=col) and rows; props go on the <table>, captionClass on its caption. */
export function table(caption, headers, rows, { captionClass, ...props } = {}) {
  return h('table', props,
    h('caption', { class: captionClass }, caption),
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows));
}

/**
 * A table's box, which scrolls sideways on a narrow screen: so it takes the keyboard's focus (to scroll with the
 * arrow keys) and is a region, named by label or else by the table's caption.
 */
export function tableBox(table, label = table.caption?.textContent) {
  return h('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: 0 }, table);
}
