// Building the page from data without innerHTML: every string becomes a text node.

/** h('p', {class: 'x', onclick: f}, 'text', child): an element; strings become text, never markup. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      el.className = value;
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

/** A chart's box: position: relative (Chart.js sizes itself from it), role img and a description. */
export function chartBox(id, label, className = 'chart-box') {
  const canvas = h('canvas', { id });
  return { box: h('div', { class: className, role: 'img', 'aria-label': label }, canvas), canvas };
}

/** Replaces a section's content; lists of children are flattened and empty ones left out. */
export function fill(section, ...children) {
  section.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}
