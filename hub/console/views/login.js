// Sign in (data-view="login"); "Votre session a expiré" after a 401.
import * as api from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { field, input, form } from '../ui.js';

// Locked out after failed tries: the wait the hub said, in minutes rounded up from a minute on.
function throttled(seconds) {
  if (seconds < 60) return t('login.throttled_seconds', { n: seconds });
  return t('login.throttled_minutes', { n: Math.ceil(seconds / 60) });
}

export default function render(ctx) {
  const email = input({ type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = input({ type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const notice = ctx.reason === 'expired' ? h('p', { class: 'notice warn', role: 'status' }, t('login.expired'))
    : ctx.reason === 'signed-out' ? h('p', { class: 'notice', role: 'status' }, t('login.signed_out')) : null;
  const el = form({ class: 'stack' }, [
    field(t('login.email'), email, 'email'),
    field(t('login.password'), password, 'password'),
    h('button', { type: 'submit', class: 'primary' }, t('login.submit')),
  ], async (f) => {
    if (!email.value.trim()) throw { field: 'email', message: t('login.email_missing') };
    if (!password.value) throw { field: 'password', message: t('login.password_missing') };
    const info = await api.login(email.value.trim(), password.value).catch((error) => {
      if (error.status === 429 && error.retryAfterS) throw { message: throttled(error.retryAfterS) };
      throw error;
    });
    password.value = '';
    ctx.signedIn(info);
    return f;
  });
  setTimeout(() => email.focus(), 0);
  return h('div', { 'data-view': 'login', class: 'narrow' },
    h('h1', {}, t('login.title')), h('p', { class: 'lead' }, t('login.lead')), notice, el);
}
