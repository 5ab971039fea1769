// Members and personal data (data-view="members"): search by code or first name (POST),
// the visit link period (retention), and the way to the processing register.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { longDate } from '../format.js';
import { errorState, section, field, input, select, form, announce, emptyRow, labelCells } from '../ui.js';

export default async function render() {
  const root = h('div', { 'data-view': 'members' }, h('h1', {}, t('members.title')), h('p', { class: 'lead' }, t('members.lead')));
  const q = input({ type: 'search', name: 'query', autocomplete: 'off', maxlength: 60 });
  const results = h('div', { 'aria-live': 'polite' });
  root.append(section(t('members.search_title'),
    form({ class: 'inline-form', role: 'search' }, [field(t('members.query'), q, 'query', t('members.query_hint')), h('button', { type: 'submit', class: 'primary' }, t('members.search'))], async () => {
      if (!q.value.trim()) throw { field: 'query', message: t('members.query_missing') };
      try {
        const list = (await api.searchMembers(q.value.trim())).members || [];
        clear(results, list.length ? h('div', { class: 'table-wrap' }, h('table', {},
          h('thead', {}, h('tr', {}, ['code', 'first_name', 'commune', 'last_seen'].map((c) => h('th', { scope: 'col' }, t(`members.col.${c}`))))),
          h('tbody', {}, list.map((m) => h('tr', { dataset: { memberId: m.id } },
            h('td', { class: 'mono' }, h('a', { href: `#/members/${m.id}` }, m.code)),
            h('td', {}, m.first_name), h('td', {}, m.commune || '—'), h('td', {}, m.last_seen ? longDate(m.last_seen) : '—'))))))
          : emptyRow(t('members.none')));
        labelCells(results);
      } catch (error) {
        if (error.field === 'query') throw error;
        if (error.status !== 401) clear(results, errorState(error));
      }
    }),
    results));

  const months = select([['1', t('members.months', { n: 1 })], ['2', t('members.months', { n: 2 })], ['3', t('members.months', { n: 3 })]], '3', { name: 'visit_link_months' });
  const retention = section(t('members.retention_title'), h('p', { class: 'hint' }, t('members.retention_lead')));
  try {
    const current = await api.settings();
    months.value = String(current.visit_link_months || 3);
    retention.append(form({ class: 'inline-form' }, [field(t('members.link_months'), months, 'visit_link_months'), h('button', { type: 'submit' }, t('common.save'))], async () => {
      await api.saveSettings(Number(months.value));
      announce(t('common.saved'));
    }));
  } catch (error) {
    if (error.status !== 401) retention.append(errorState(error));
  }
  root.append(retention, section(t('members.register_title'), h('p', {}, t('members.register_lead')), h('p', {}, h('a', { href: '#/register' }, t('members.register_link')))));
  setTimeout(() => q.focus(), 0);
  return root;
}
