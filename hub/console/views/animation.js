// Animators' hours (data-view="animation"). The coordinator designates members as
// animators of sites, links an animator's console account to their member, reviews
// each month's sessions (confirms one closed at closing time, corrects one) and
// downloads the month's hours per animator and site (CSV, for their pay). An
// animator whose account is linked sees their own hours only.
import * as api from '../api.js';
import { h, clear, uid } from '../dom.js';
import { t } from '../i18n.js';
import { number, shortDate, parisDay } from '../format.js';
import { errorState, section, field, input, select, form, busy, confirmDialog, announce, emptyRow, labelCells } from '../ui.js';

const TZ = 'Europe/Paris';

// The Paris wall-clock parts of an instant.
function parisParts(ms) {
  const parts = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TZ })
    .formatToParts(new Date(ms));
  const get = (type) => Number((parts.find((p) => p.type === type) || {}).value);
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mm: get('minute') };
}
const pad = (n) => String(n).padStart(2, '0');
const hhmm = (ms) => { const p = parisParts(ms); return `${pad(p.hh)}:${pad(p.mm)}`; };

// "AAAA-MM-JJ" and "HH:MM" in Paris → UTC milliseconds, whatever the browser's own zone.
function parisToUtc(day, clock) {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = clock.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const offset = (at) => { const p = parisParts(at); return Date.UTC(p.y, p.m - 1, p.d, p.hh, p.mm) - at; };
  return wall - offset(wall - offset(wall));  // twice: right on either side of a change of time
}

function sessionState(s) {
  if (s.counted_end === null || s.counted_end === undefined) return ['open', 'muted'];
  if (s.to_confirm) return ['to_confirm', 'warn'];
  if (s.reviewed) return ['reviewed', 'good'];
  return ['by_animator', 'muted'];
}

function siteChecks(sites, chosen) {
  return h('fieldset', { class: 'site-choice', dataset: { field: 'site_ids' } },
    h('legend', {}, t('animation.sites')),
    h('div', { class: 'checks' }, sites.map((x) => {
      const box = h('input', { type: 'checkbox', value: x.id, id: uid('s'), checked: chosen.includes(x.id) });
      return h('div', { class: 'check' }, box, h('label', { for: box.id }, x.name));
    })));
}
const checked = (fs) => [...fs.querySelectorAll('input[type=checkbox]:checked')].map((b) => b.value);

export default async function render(ctx) {
  const coordinator = ctx.user.role === 'coordinator';
  const root = h('div', { 'data-view': 'animation' }, h('h1', {}, t(coordinator ? 'animation.title' : 'animation.my_title')));
  let sites = [];
  try { sites = (await api.adminSites()).sites || []; } catch { /* ids then */ }
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id;
  const month = input({ type: 'month', name: 'month', value: parisDay().slice(0, 7), required: true });
  const csvLink = h('a', { class: 'button', download: '' }, t('animation.csv'));
  const hoursBox = h('div');
  const act = (label, fn, cls) => h('button', { type: 'button', class: cls || '', on: { click: (e) => busy(e.currentTarget, fn) } }, label);

  async function review(s, confirmOnly) {
    const day = parisDay(0, s.counted_start);
    const start = input({ type: 'time', name: 'started_at', value: hhmm(s.counted_start), required: true });
    const end = input({ type: 'time', name: 'ended_at', value: s.counted_end ? hhmm(s.counted_end) : '', required: true });
    const who = s.first_name || t('animation.erased');
    const ok = await confirmDialog({
      title: t(confirmOnly ? 'animation.confirm_title' : 'animation.correct_title', { name: who, day: shortDate(day) }),
      text: t(confirmOnly ? 'animation.confirm_text' : 'animation.correct_text', { site: siteName(s.site_id) }),
      confirm: t(confirmOnly ? 'animation.confirm' : 'animation.correct'), danger: false,
      extra: confirmOnly ? null : h('div', { class: 'stack' }, field(t('animation.start'), start, 'started_at'), field(t('animation.end'), end, 'ended_at')),
    });
    if (!ok) return;
    if (!start.value || !end.value) throw new Error(t('animation.times_missing'));
    await api.correctAnimation(s.id, parisToUtc(day, start.value), parisToUtc(day, end.value));
    announce(t(confirmOnly ? 'animation.confirmed' : 'animation.corrected'));
    loadHours();
  }

  async function loadHours() {
    csvLink.href = api.animationHoursCsvUrl(month.value);
    csvLink.setAttribute('download', `heures-animation-${month.value}.csv`);
    try {
      const data = await api.animationSessions(month.value);
      const totals = data.totals || [];
      const sessions = data.sessions || [];
      const totalsTable = totals.length ? h('div', { class: 'table-wrap' }, h('table', { dataset: { table: 'totals' } },
        h('thead', {}, h('tr', {}, ['animator', 'site', 'hours', 'sessions', 'to_confirm'].map((c) => h('th', { scope: 'col' }, t(`animation.col.${c}`))))),
        h('tbody', {}, totals.map((x) => h('tr', { dataset: { memberId: x.member_id, siteId: x.site_id } },
          h('th', { scope: 'row' }, x.first_name || t('animation.erased')), h('td', {}, siteName(x.site_id)),
          h('td', {}, number(x.hours, 2)), h('td', {}, number(x.sessions)),
          h('td', {}, x.to_confirm ? h('span', { class: 'badge warn' }, number(x.to_confirm)) : '0')))))) : emptyRow(t('animation.no_hours'));
      const sessionsTable = sessions.length ? h('div', { class: 'table-wrap' }, h('table', { dataset: { table: 'sessions' } },
        h('thead', {}, h('tr', {}, ['day', 'animator', 'site', 'start', 'end', 'hours', 'state'].map((c) => h('th', { scope: 'col' }, t(`animation.col.${c}`))),
          coordinator ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))) : null)),
        h('tbody', {}, sessions.map((s) => {
          const [state, cls] = sessionState(s);
          return h('tr', { dataset: { sessionId: s.id, state } },
            h('th', { scope: 'row' }, shortDate(parisDay(0, s.counted_start))), h('td', {}, s.first_name || t('animation.erased')),
            h('td', {}, siteName(s.site_id)), h('td', {}, hhmm(s.counted_start)), h('td', {}, s.counted_end ? hhmm(s.counted_end) : '—'),
            h('td', {}, s.hours === null || s.hours === undefined ? '—' : number(s.hours, 2)),
            h('td', {}, h('span', { class: `badge ${cls}` }, t(`animation.state.${state}`))),
            coordinator ? h('td', { class: 'buttons' },
              s.to_confirm ? act(t('animation.confirm'), () => review(s, true), 'primary') : null,
              s.counted_end ? act(t('animation.correct'), () => review(s, false)) : null) : null);
        })))) : null;
      clear(hoursBox, h('h3', {}, t('animation.totals_title')), totalsTable,
        sessions.length ? h('h3', {}, t('animation.sessions_title', { n: sessions.length })) : null, sessionsTable);
      labelCells(hoursBox);
    } catch (error) {
      if (error.status !== 401) clear(hoursBox, errorState(error, loadHours));
    }
  }
  month.addEventListener('change', () => { if (month.value) loadHours(); });
  root.append(section(t(coordinator ? 'animation.hours_title' : 'animation.my_hours_title'),
    h('p', { class: 'hint' }, t(coordinator ? 'animation.hours_lead' : 'animation.my_hours_lead')),
    h('div', { class: 'filters' }, field(t('animation.month'), month, 'month'), h('p', { class: 'buttons' }, csvLink)),
    hoursBox));
  await loadHours();
  if (!coordinator) return root;

  // ---- the coordinator's designations and the accounts' links
  const animatorsBox = h('div');
  const results = h('div');
  let accounts = [];

  async function designate(memberId, name, chosen) {
    const checks = siteChecks(sites, chosen);
    const ok = await confirmDialog({ title: t('animation.designate_title', { name }), text: t('animation.designate_text'),
      confirm: t('common.save'), danger: false, extra: checks });
    if (!ok) return;
    await api.setAnimator(memberId, checked(checks));
    announce(t('common.saved'));
    clear(results);
    loadAnimators();
  }

  async function link(a) {
    const free = accounts.filter((u) => u.role === 'animator' && !u.disabled);
    const choice = select([['', t('animation.no_account')], ...free.map((u) => [u.id, u.email])],
      (free.find((u) => u.member_id === a.member_id) || {}).id || '', { name: 'user' });
    const ok = await confirmDialog({ title: t('animation.link_title', { name: a.first_name || a.member_id }), text: t('animation.link_text'),
      confirm: t('common.save'), danger: false, extra: field(t('animation.account'), choice, 'user') });
    if (!ok) return;
    const previous = accounts.find((u) => u.member_id === a.member_id);
    if (previous && previous.id !== choice.value) await api.linkAccountToMember(previous.id, null);
    if (choice.value) await api.linkAccountToMember(choice.value, a.member_id);
    announce(t('common.saved'));
    loadAnimators();
  }

  async function loadAnimators() {
    try {
      const [list, users] = await Promise.all([api.animators(), api.users().catch(() => ({ users: [] }))]);
      accounts = users.users || [];
      const animators = list.animators || [];
      clear(animatorsBox, animators.length ? h('div', { class: 'table-wrap' }, h('table', { dataset: { table: 'animators' } },
        h('thead', {}, h('tr', {}, ['animator', 'sites', 'account'].map((c) => h('th', { scope: 'col' }, t(`animation.col.${c}`))),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))))),
        h('tbody', {}, animators.map((a) => h('tr', { dataset: { memberId: a.member_id } },
          h('th', { scope: 'row' }, a.first_name || t('animation.erased')), h('td', {}, a.site_ids.map(siteName).join(', ')),
          h('td', {}, (a.accounts || []).join(', ') || h('span', { class: 'muted' }, t('animation.no_account'))),
          h('td', { class: 'buttons' },
            act(t('animation.edit_sites'), () => designate(a.member_id, a.first_name || a.member_id, a.site_ids)),
            act(t('animation.link'), () => link(a)))))))) : emptyRow(t('animation.none')));
      labelCells(animatorsBox);
    } catch (error) {
      if (error.status !== 401) clear(animatorsBox, errorState(error, loadAnimators));
    }
  }

  const query = input({ type: 'search', name: 'query', autocomplete: 'off', maxlength: 60 });
  const search = form({ class: 'stack' }, [
    field(t('animation.search'), query, 'query', t('animation.search_hint')),
    h('button', { type: 'submit' }, t('animation.search_button')),
  ], async () => {
    const found = (await api.searchMembers(query.value.trim())).members || [];
    clear(results, found.length ? h('ul', { class: 'rows' }, found.map((m) => h('li', { dataset: { memberId: m.id } },
      h('strong', {}, m.first_name), ' ', h('span', { class: 'small muted mono' }, m.code || ''), ' ',
      act(t('animation.designate'), () => designate(m.id, m.first_name, []), 'primary')))) : emptyRow(t('animation.not_found')));
  });
  root.append(section(t('animation.animators_title'), h('p', { class: 'hint' }, t('animation.animators_lead')), animatorsBox),
    section(t('animation.designate_section'), search, results));
  await loadAnimators();
  return root;
}
