// The RGPD article 30 processing register (data-view="register"), from the hub's settings.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { errorState } from '../ui.js';
import { longDate } from '../format.js';

// Any JSON shown as headings, definition lists and lists: the register's shape is the hub's.
function show(value, depth) {
  if (Array.isArray(value)) return h('ul', {}, value.map((v) => h('li', {}, show(v, depth + 1))));
  if (value && typeof value === 'object') {
    return h('dl', { class: 'register' }, Object.entries(value).filter(([, v]) => v !== undefined).flatMap(([k, v]) => [h('dt', {}, t(`register.${k}`) === `register.${k}` ? k.replace(/_/g, ' ') : t(`register.${k}`)), h('dd', {}, show(v, depth + 1))]));
  }
  if (value === null || value === undefined || value === '') return '—';
  return /^\d{4}-\d{2}-\d{2}$/.test(String(value)) ? longDate(String(value)) : String(value);
}

export default async function render() {
  const root = h('div', { 'data-view': 'register' },
    h('p', { class: 'crumbs' }, h('a', { href: '#/members' }, t('member.back'))),
    h('h1', {}, t('register.title')), h('p', { class: 'lead' }, t('register.lead')));
  try {
    const data = await api.processingRegister();
    const treatments = data.treatments || [];
    const rest = { ...data };
    delete rest.treatments;
    root.append(h('section', { class: 'panel' }, show(rest, 0)));
    treatments.forEach((tr) => root.append(h('section', { class: 'panel' }, h('h2', {}, tr.name || '—'), show({ ...tr, name: undefined }, 1))));
    root.append(h('p', { class: 'no-print' }, h('button', { type: 'button', on: { click: () => window.print() } }, t('register.print'))));
  } catch (error) {
    if (error.status !== 401) root.append(errorState(error));
  }
  return root;
}
