// My account (data-view="account"): change password, sign out everywhere, sign out.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { section, field, input, form, busy, confirmDialog, announce, roleName } from '../ui.js';

export default function render(ctx) {
  const current = input({ type: 'password', autocomplete: 'current-password', name: 'current_password' });
  const next = input({ type: 'password', autocomplete: 'new-password', name: 'new_password', minlength: 12 });
  const again = input({ type: 'password', autocomplete: 'new-password', name: 'new_password_again' });
  return h('div', { 'data-view': 'account' },
    h('h1', {}, t('account.title')),
    h('p', { class: 'lead' }, t('account.lead', { email: ctx.user.email, role: roleName(ctx.user.role) })),
    h('div', { class: 'columns' },
      section(t('account.password_title'),
        form({ class: 'stack' }, [
          h('input', { type: 'email', value: ctx.user.email, autocomplete: 'username', hidden: true, readonly: true }),
          field(t('account.current'), current, 'current_password'),
          field(t('account.new'), next, 'new_password', t('password.rule')),
          field(t('account.again'), again, 'new_password_again'),
          h('button', { type: 'submit', class: 'primary' }, t('account.change')),
        ], async () => {
          if (!current.value) throw { field: 'current_password', message: t('account.current_missing') };
          if ([...next.value].length < 12) throw { field: 'new_password', message: t('password.too_short') };
          if (next.value !== again.value) throw { field: 'new_password_again', message: t('password.mismatch') };
          await api.changePassword(current.value, next.value);
          current.value = ''; next.value = ''; again.value = '';
          announce(t('account.changed'));
        })),
      section(t('account.sessions_title'),
        h('p', {}, t('account.everywhere_lead')),
        h('p', { class: 'buttons' },
          h('button', { type: 'button', class: 'danger', on: { click: (e) => busy(e.currentTarget, async () => {
            if (!await confirmDialog({ title: t('account.everywhere'), text: t('account.everywhere_text'), confirm: t('account.everywhere') })) return;
            await api.logoutEverywhere();
            await ctx.signOut();
          }) } }, t('account.everywhere')),
          h('button', { type: 'button', on: { click: (e) => busy(e.currentTarget, () => ctx.signOut()) } }, t('account.signout'))))));
}
