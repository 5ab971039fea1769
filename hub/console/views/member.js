// One member (data-view="member"): details, visits within the link period, export, correct, delete.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime, time, longDate } from '../format.js';
import { errorState, section, field, input, form, busy, confirmDialog, announce, emptyRow } from '../ui.js';

const FIELDS = ['first_name', 'email', 'phone', 'employer', 'commune'];

export default async function render(ctx) {
  const id = ctx.params[0];
  const root = h('div', { 'data-view': 'member' });
  let data;
  let sites = [];
  try {
    // The member's page names sites by id; the coordinator's list of sites gives their names.
    [data, sites] = await Promise.all([api.member(id), api.adminSites().then((x) => x.sites || [], () => [])]);
  } catch (error) {
    return clear(root, h('h1', {}, t('member.title')), errorState(error), h('p', {}, h('a', { href: '#/members' }, t('member.back'))));
  }
  const m = data.member || {};
  const siteName = (siteId) => ((sites.find((x) => x.id === siteId) || {}).name) || siteId || '—';
  const messages = data.messages || [];
  const inputs = Object.fromEntries(FIELDS.map((f) => [f, input({ value: m[f] || '', name: f, maxlength: f === 'first_name' ? 60 : 120, type: f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text' })]));
  const visits = data.visits || [];
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/members' }, t('member.back'))),
    h('h1', {}, t('member.heading', { name: m.first_name || '—', code: m.code || '' })),
    m.consent_at ? h('p', { class: 'lead' }, t('member.signed_up', { date: longDate(m.consent_at), site: siteName(m.sign_up_site_id) })) : null,
    h('div', { class: 'columns' },
      h('div', {},
        section(t('member.details'),
          form({ class: 'stack' }, [
            FIELDS.map((f) => field(t(`member.${f}`), inputs[f], f)),
            h('button', { type: 'submit', class: 'primary' }, t('member.save')),
          ], async () => {
            if (!inputs.first_name.value.trim()) throw { field: 'first_name', message: t('member.first_name_missing') };
            const body = Object.fromEntries(FIELDS.map((f) => [f, inputs[f].value.trim() || null]));
            body.first_name = inputs.first_name.value.trim();
            await api.saveMember(id, body);
            announce(t('common.saved'));
          })),
        section(t('member.export_title'),
          h('p', { class: 'hint' }, t('member.export_lead')),
          h('p', { class: 'buttons' },
            h('a', { class: 'button', href: api.memberExportUrl(id, 'json'), download: `membre-${m.code || id}.json` }, t('member.export_json')),
            h('a', { class: 'button', href: api.memberExportUrl(id, 'csv'), download: `membre-${m.code || id}.csv` }, t('member.export_csv')))),
        section(t('member.delete_title'),
          h('p', {}, t('member.delete_lead')),
          h('button', { type: 'button', class: 'danger', on: { click: (e) => busy(e.currentTarget, async () => {
            const ok = await confirmDialog({ title: t('member.delete_confirm_title', { name: m.first_name || '', code: m.code || '' }), text: t('member.delete_confirm_text'), confirm: t('member.delete_confirm') });
            if (!ok) return;
            await api.deleteMember(id);
            announce(t('member.deleted'));
            ctx.go('members');
          }) } }, t('member.delete')))),
      h('div', {},
        section(t('member.visits_title', { n: visits.length }),
          h('p', { class: 'hint' }, t('member.visits_lead', { n: data.link_months || 3 })),
          visits.length ? h('ul', { class: 'rows' }, visits.map((v) => h('li', {},
            `${dateTime(v.started_at)}${v.ended_at ? ` – ${time(v.ended_at)}` : ''}`, h('span', { class: 'small muted' }, ` · ${siteName(v.site_id)}`))))
            : emptyRow(t('member.no_visit'))),
        section(t('member.messages_title', { n: messages.length }),
          messages.length ? h('ul', { class: 'rows' }, messages.map((x) => h('li', { dataset: { messageId: x.id } },
            h('p', { class: 'small muted' }, `${dateTime(x.created_at)} · ${siteName(x.site_id)}`),
            h('blockquote', {}, x.text)))) : null))));
  return root;
}
