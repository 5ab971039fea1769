// The audit log (data-view="audit"): filters, newest first, "load more" with `before`.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t, keysUnder } from '../i18n.js';
import { shortDateTime } from '../format.js';
import { errorState, field, input, select, form, busy, emptyRow, labelCells } from '../ui.js';

const PAGE = 50;
// The hub's audit actions (docs/console-api.md) are the catalogue's audit.action.* keys,
// shown by their French names; an action the catalogue does not know yet, by its code.
function named(prefix, code) {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? code : text;
}

function change(before, after) {
  const text = (v) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (before === undefined && after === undefined) return null;
  return h('details', {}, h('summary', {}, t('audit.change')),
    h('dl', { class: 'change' }, h('dt', {}, t('audit.before')), h('dd', { class: 'mono' }, text(before)),
      h('dt', {}, t('audit.after')), h('dd', { class: 'mono' }, text(after))));
}

export default async function render() {
  const root = h('div', { 'data-view': 'audit' }, h('h1', {}, t('audit.title')));
  let sites = [];
  try { sites = (await api.adminSites()).sites || []; } catch { /* ids */ }
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id || '—';
  const f = {
    action: select([['', t('audit.all_actions')], ...keysUnder('audit.action.').map((a) => [a, named('audit.action', a)]).sort((x, y) => x[1].localeCompare(y[1]))], '', { name: 'action' }),
    user: input({ name: 'user', type: 'email' }),
    site: select([['', t('audit.all_sites')], ...sites.map((x) => [x.id, x.name])], '', { name: 'site' }),
    from: input({ type: 'date', name: 'from' }),
    to: input({ type: 'date', name: 'to' }),
  };
  const body = h('tbody');
  const table = h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['at', 'user', 'action', 'object', 'site', 'change'].map((c) => h('th', { scope: 'col' }, t(`audit.col.${c}`))))), body));
  const box = h('div', {}, table);
  const more = h('button', { type: 'button', hidden: true }, t('audit.more'));
  let next = null;
  let filters = {};

  const rows = (entries) => entries.map((e) => h('tr', { dataset: { entryId: e.id } },
    h('td', { class: 'nowrap' }, shortDateTime(e.at)), h('td', {}, e.user_email || '—'),
    h('td', { title: e.action }, named('audit.action', e.action)),
    // A site by its name; other objects by their kind, the id (for whoever looks further) below.
    h('td', {}, e.object_type === 'site' ? `${named('audit.object', 'site')} ${siteName(e.object_id)}` : [
      named('audit.object', e.object_type || ''), e.object_id ? h('span', { class: 'small muted mono block' }, e.object_id) : null]),
    h('td', {}, siteName(e.site_id)), h('td', {}, change(e.before, e.after))));

  async function load(append) {
    const page = await api.audit({ ...filters, before: append ? next : undefined, limit: PAGE });
    const entries = page.entries || [];
    if (!append) clear(body);
    body.append(...rows(entries));
    labelCells(table);
    next = page.next_before || null;
    more.hidden = !next;
    if (!append && !entries.length) body.append(h('tr', {}, h('td', { colspan: 6 }, emptyRow(t('audit.none')))));
  }

  more.addEventListener('click', () => busy(more, () => load(true)));
  const filterForm = form({ class: 'filters grid5' }, [
    field(t('audit.action'), f.action, 'action'), field(t('audit.user'), f.user, 'user'), field(t('audit.site'), f.site, 'site'),
    field(t('audit.from'), f.from, 'from'), field(t('audit.to'), f.to, 'to'),
    h('button', { type: 'submit', class: 'primary' }, t('audit.filter')),
  ], async () => {
    if (f.from.value && f.to.value && f.to.value < f.from.value) throw { field: 'to', message: t('audit.to_before') };
    filters = { action: f.action.value, user: f.user.value.trim(), site: f.site.value, from: f.from.value, to: f.to.value };
    await load(false);
  });
  root.append(filterForm, box, more);
  try {
    await load(false);
  } catch (error) {
    if (error.status !== 401) clear(box, errorState(error, () => ctxReload(box)));
  }
  function ctxReload(target) {
    load(false).then(() => clear(target, table)).catch((error) => clear(target, errorState(error)));
  }
  return root;
}
