// Accounts (data-view="accounts"): users, invite by e-mail with role and sites (shows the
// one-time link), change role and sites, disable or enable, a new invitation link.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { mediumDate, longDate } from '../format.js';
import { errorState, section, field, input, select, form, busy, confirmDialog, announce, emptyRow, roleName, uid, labelCells } from '../ui.js';

const ROLES = ['coordinator', 'animator', 'elected'];

function siteChecks(sites, chosen, legend) {
  return h('fieldset', { class: 'site-choice', dataset: { field: 'site_ids' } },
    h('legend', {}, legend),
    h('div', { class: 'checks' }, sites.map((x) => {
      const box = h('input', { type: 'checkbox', value: x.id, id: uid('s'), checked: chosen.includes(x.id) });
      return h('div', { class: 'check' }, box, h('label', { for: box.id }, x.name));
    })),
    h('p', { class: 'field-error', dataset: { errorFor: 'site_ids' }, hidden: true }));
}
const checked = (fs) => [...fs.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);

function linkBox(url, expires) {
  const box = input({ value: url, readonly: true, class: 'mono wide' });
  return h('div', { class: 'notice', role: 'status', dataset: { invitationUrl: url } },
    h('p', {}, t('accounts.link_lead', { when: expires ? longDate(expires) : '—' })),
    field(t('accounts.link'), box),
    h('button', { type: 'button', on: { click: async (e) => {
      box.select();
      try { await navigator.clipboard.writeText(url); announce(t('accounts.copied')); } catch { e.currentTarget.textContent = t('accounts.copy_manual'); }
    } } }, t('accounts.copy')));
}

export default async function render(ctx) {
  const root = h('div', { 'data-view': 'accounts' }, h('h1', {}, t('accounts.title')));
  let sites = [];
  try { sites = (await api.adminSites()).sites || []; } catch { /* no site choice then */ }
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id;
  const listBox = h('div');
  const linkSlot = h('div');

  async function edit(user) {
    const role = select(ROLES.map((r) => [r, roleName(r)]), user.role, { name: 'role' });
    const checks = siteChecks(sites, user.site_ids || [], t('accounts.sites'));
    const ok = await confirmDialog({ title: t('accounts.edit_title', { email: user.email }), confirm: t('common.save'), danger: false,
      extra: h('div', { class: 'stack' }, field(t('accounts.role'), role, 'role'), checks) });
    if (!ok) return;
    await api.updateUser(user.id, role.value, role.value === 'coordinator' ? [] : checked(checks));
    announce(t('common.saved'));
    load();
  }

  const act = (label, fn, cls) => h('button', { type: 'button', class: cls || '', on: { click: (e) => busy(e.currentTarget, fn) } }, label);

  async function load() {
    try {
      const users = (await api.users()).users || [];
      clear(listBox, users.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['email', 'role', 'sites', 'status', 'created'].map((c) => h('th', { scope: 'col' }, t(`accounts.col.${c}`))),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))))),
        h('tbody', {}, users.map((u) => h('tr', { dataset: { userId: u.id, role: u.role } },
          h('th', { scope: 'row' }, u.email), h('td', {}, roleName(u.role)),
          h('td', {}, u.role === 'coordinator' ? t('accounts.every_site') : (u.site_ids || []).map(siteName).join(', ') || '—'),
          h('td', {}, h('span', { class: `badge ${u.disabled ? 'bad' : u.invited ? 'warn' : 'good'}` }, t(u.disabled ? 'accounts.disabled' : u.invited ? 'accounts.invited' : 'accounts.active'))),
          h('td', {}, mediumDate(u.created_at)),
          h('td', { class: 'buttons' },
            act(t('accounts.edit'), () => edit(u)),
            u.id === ctx.user.id ? null : u.disabled
              ? act(t('accounts.enable'), async () => { await api.enableUser(u.id); announce(t('common.saved')); load(); })
              : act(t('accounts.disable'), async () => {
                if (!await confirmDialog({ title: t('accounts.disable_title', { email: u.email }), text: t('accounts.disable_text'), confirm: t('accounts.disable') })) return;
                await api.disableUser(u.id); announce(t('common.saved')); load();
              }, 'danger'),
            u.invited && !u.disabled ? act(t('accounts.new_link'), async () => {
              const r = await api.newInvitation(u.id);
              clear(linkSlot, linkBox(r.invitation_url, r.invitation_expires_at));
              linkSlot.querySelector('input').focus();
            }) : null)))))) : emptyRow(t('accounts.none')));
      labelCells(listBox);
    } catch (error) {
      if (error.status !== 401) clear(listBox, errorState(error, load));
    }
  }

  const email = input({ type: 'email', name: 'email', autocomplete: 'off', maxlength: 120 });
  const role = select(ROLES.map((r) => [r, roleName(r)]), 'animator', { name: 'role' });
  const checks = siteChecks(sites, [], t('accounts.sites'));
  role.addEventListener('change', () => { checks.disabled = role.value === 'coordinator'; });
  const invite = form({ class: 'stack' }, [
    field(t('accounts.email'), email, 'email'), field(t('accounts.role'), role, 'role', t('accounts.role_hint')), checks,
    h('button', { type: 'submit', class: 'primary' }, t('accounts.invite')),
  ], async () => {
    if (!/^[^@\s]+@[^@\s]+$/.test(email.value.trim())) throw { field: 'email', message: t('accounts.email_invalid') };
    const ids = role.value === 'coordinator' ? [] : checked(checks);
    if (role.value === 'animator' && !ids.length) throw { field: 'site_ids', message: t('accounts.sites_missing') };
    const r = await api.inviteUser(email.value.trim(), role.value, ids);
    email.value = '';
    clear(linkSlot, linkBox(r.invitation_url, r.invitation_expires_at), r.emailed ? h('p', { class: 'small' }, t('accounts.emailed')) : null);
    linkSlot.querySelector('input').focus();
    load();
  });
  // The list across the page (six columns do not fit half of it at 1280 px), the invitation below.
  root.append(section(t('accounts.list_title'), listBox), h('div', { class: 'invite-box' }, section(t('accounts.invite_title'), invite, linkSlot)));
  await load();
  return root;
}
