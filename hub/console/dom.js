// A tiny element builder: text always goes in as text (textContent), never as HTML.
const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) { child.forEach((c) => append(parent, c)); return; }
  parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
}

function apply(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'on') { for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn); }
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'text') el.textContent = value;
    else if (key === 'value' || key === 'checked' || key === 'selected') el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

// h('button', {type: 'button', on: {click}}, 'Enregistrer')
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

// The same for SVG elements (the map).
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let counter = 0;
export function uid(prefix) { counter += 1; return `${prefix || 'f'}-${counter}`; }

// An SVG document from the API (a QR code), checked and imported as nodes: no HTML parsing of data.
export function importSvg(text) {
  if (typeof text !== 'string' || !text) return null;
  // A QR code has no script and no handler: refuse such a document before parsing it at all.
  if (/<script|<foreignObject|\son[a-z]+\s*=/i.test(text)) return null;
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg' || doc.querySelector('parsererror')) return null;
  root.querySelectorAll('script, foreignObject').forEach((n) => n.remove());
  for (const el of [root, ...root.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      if (/^on/i.test(attr.name) || (/href$/i.test(attr.name) && !attr.value.startsWith('#'))) el.removeAttribute(attr.name);
    }
  }
  return document.importNode(root, true);
}
