// The RGPD article 30 processing register (data-view="register"), built by the hub from its
// settings (docs/console-api.md, « The processing register »): headings and lists to read
// and print. A key this view does not know yet is still shown, under its own name.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorState, section } from '../ui.js';

// [key, what to show]: labelled lists ({id, label}) as bullet lists, a category with its fields.
const labelList = (items) => h('ul', {}, (items || []).map((x) => h('li', {}, typeof x === 'string' ? x : x.label || x.id || '—')));
const PARTS = [
  ['controller', (c) => h('p', {}, c.name || '—', c.role ? h('span', { class: 'muted' }, ` (${c.role})`) : null)],
  ['purposes', labelList],
  ['legal_basis', (text) => h('p', {}, text)],
  ['persons', labelList],
  ['data_categories', (items) => h('dl', { class: 'register' }, (items || []).flatMap((x) => [
    h('dt', {}, x.label || x.id), h('dd', {}, (x.fields || []).join(', ') || '—')]))],
  ['recipients', labelList],
  ['transfers_outside_eu', (text) => h('p', {}, text)],
  ['retention', labelList],
  ['security', labelList],
  ['rights', (text) => h('p', {}, text)],
];

// Anything else, as the hub gave it: text, lists, or name–value pairs.
function generic(value) {
  if (Array.isArray(value)) return h('ul', {}, value.map((v) => h('li', {}, generic(v))));
  if (value && typeof value === 'object') {
    return h('dl', { class: 'register' }, Object.entries(value).flatMap(([k, v]) => [h('dt', {}, k.replace(/_/g, ' ')), h('dd', {}, generic(v))]));
  }
  return value === null || value === undefined || value === '' ? '—' : String(value);
}

function title(key) {
  const text = t(`register.${key}`);
  return text === `register.${key}` ? key.replace(/_/g, ' ') : text;
}

export default async function render() {
  const root = h('div', { 'data-view': 'register' }, h('p', { class: 'crumbs' }, h('a', { href: '#/members' }, t('member.back'))));
  try {
    const data = await api.processingRegister();
    root.append(h('h1', {}, data.title || t('register.title')), h('p', { class: 'lead' }, data.processing || t('register.lead')));
    const known = new Set(['title', 'processing', ...PARTS.map(([key]) => key)]);
    for (const [key, draw] of PARTS) if (data[key] !== undefined && data[key] !== null) root.append(section(title(key), draw(data[key])));
    for (const [key, value] of Object.entries(data)) if (!known.has(key)) root.append(section(title(key), generic(value)));
    root.append(h('p', { class: 'no-print' }, h('button', { type: 'button', on: { click: () => window.print() } }, t('register.print'))));
  } catch (error) {
    root.append(h('h1', {}, t('register.title')));
    if (error.status !== 401) root.append(errorState(error));
  }
  return root;
}
