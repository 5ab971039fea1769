// Kiosk messages to animators (data-view="messages"): per site, their delivery state, retry, handled.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { ago, dateTime } from '../format.js';
import { errorState, section, field, select, busy, announce, emptyRow } from '../ui.js';

const STATES = ['pending', 'sent', 'delivered', 'failed'];
const STATE_CLASS = { pending: 'warn', sent: 'good', delivered: 'good', failed: 'bad' };

export default async function render(ctx) {
  const root = h('div', { 'data-view': 'messages' }, h('h1', {}, t('msg.title')));
  let sites = [];
  try { sites = (await api.adminSites()).sites || []; } catch { /* ids then */ }
  const mine = sites.filter((x) => ctx.user.role === 'coordinator' || (ctx.user.site_ids || []).includes(x.id));
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id;
  const siteSelect = select([['', t('msg.all_sites')], ...mine.map((x) => [x.id, x.name])], '', { name: 'site' });
  const listBox = h('div');

  const act = (label, fn) => h('button', { type: 'button', on: { click: (e) => busy(e.currentTarget, async () => { await fn(); load(); }) } }, label);

  async function load() {
    try {
      const list = (await api.messages(siteSelect.value)).messages || [];
      clear(listBox, list.length ? h('ul', { class: 'rows' }, list.map((m) => {
        const id = m.id || m.message_id;
        const state = STATES.includes(m.state) ? m.state : 'pending';
        return h('li', { dataset: { messageId: id, state } },
          h('p', {}, h('span', { class: `badge ${STATE_CLASS[state]}` }, t(`msg.state.${state}`)), ' ',
            h('strong', {}, siteName(m.site_id)), h('span', { class: 'small muted' }, ` · ${dateTime(m.created_at)}`),
            m.handled_at ? [' ', h('span', { class: 'badge muted' }, t('msg.handled'))] : null),
          // Redacted: only its site, time and delivery state are left.
          m.redacted ? h('p', { class: 'muted', dataset: { redacted: '' } }, t('msg.redacted')) : null,
          !m.redacted && (m.from_name || m.contact) ? h('p', {}, t('msg.from', { name: m.from_name || '—', contact: m.contact || '—' })) : null,
          !m.redacted && m.text ? h('blockquote', {}, m.text) : null,
          state !== 'delivered' && state !== 'sent' ? h('p', { class: 'small' },
            t('msg.attempts', { n: m.attempts || 0 }),
            m.last_error ? ` — ${t('msg.why', { why: m.last_error })}` : '',
            m.next_attempt_at ? ` — ${t('msg.next', { when: ago(m.next_attempt_at) })}` : '') : null,
          h('div', { class: 'buttons' },
            !m.redacted && (state === 'failed' || state === 'pending') ? act(t('msg.retry'), () => api.retryMessage(id).then(() => announce(t('msg.retried')))) : null,
            !m.handled_at ? act(t('msg.mark_handled'), () => api.markMessageHandled(id).then(() => announce(t('msg.handled_done')))) : null));
      })) : emptyRow(t('msg.none')));
    } catch (error) {
      if (error.status !== 401) clear(listBox, errorState(error, load));
    }
  }
  siteSelect.addEventListener('change', load);
  root.append(h('div', { class: 'filters' }, field(t('msg.site'), siteSelect, 'site')), section(t('msg.list_title'), listBox));
  await load();
  return root;
}
