// "Choose your password" from an invitation link #/invitation/TOKEN (data-view="invitation").
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { field, input, form, errorState, roleName } from '../ui.js';

export default async function render(ctx) {
  const token = ctx.params[0];
  const root = h('div', { 'data-view': 'invitation', class: 'narrow' }, h('h1', {}, t('invitation.title')));
  let info;
  try {
    info = await api.checkInvitation(token);
  } catch (error) {
    root.append(error.status === 410 ? h('p', { class: 'notice error', role: 'alert' }, t('invitation.expired')) : errorState(error));
    root.append(h('p', {}, h('a', { href: '#/login' }, t('invitation.to_login'))));
    return root;
  }
  const password = input({ type: 'password', name: 'password', autocomplete: 'new-password', minlength: 12 });
  const again = input({ type: 'password', name: 'password_again', autocomplete: 'new-password' });
  root.append(
    h('p', { class: 'lead' }, t('invitation.lead', { email: info.email, role: roleName(info.role) })),
    form({ class: 'stack' }, [
      h('input', { type: 'email', name: 'email', value: info.email, autocomplete: 'username', hidden: true, readonly: true }),
      field(t('invitation.password'), password, 'password', t('password.rule')),
      field(t('invitation.again'), again, 'password_again'),
      h('button', { type: 'submit', class: 'primary' }, t('invitation.submit')),
    ], async () => {
      if ([...password.value].length < 12) throw { field: 'password', message: t('password.too_short') };
      if (password.value !== again.value) throw { field: 'password_again', message: t('password.mismatch') };
      const session = await api.acceptInvitation(token, password.value);
      history.replaceState(null, '', '#/overview');
      ctx.signedIn(session);
    }));
  return root;
}
