// Announcements (data-view="announcements"): list, publish to one, several or all sites,
// withdraw; the text previewed in an 800×480 kiosk box.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { longDate, parisDay } from '../format.js';
import { errorState, section, field, input, form, busy, confirmDialog, announce, emptyRow, uid } from '../ui.js';

export default async function render(ctx) {
  const root = h('div', { 'data-view': 'announcements' }, h('h1', {}, t('ann.title')));
  const listBox = h('div');
  let sites = [];
  try {
    const data = await api.adminSites();
    sites = (data.sites || []).filter((x) => ctx.user.role === 'coordinator' || (ctx.user.site_ids || []).includes(x.id));
  } catch { /* the list of sites is the admin listing; without it, network-wide only */ }
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id;

  async function loadList() {
    try {
      const data = await api.announcements();
      const list = data.announcements || [];
      clear(listBox, list.length ? h('ul', { class: 'rows' }, list.map((a) => h('li', { dataset: { announcementId: a.id, state: a.withdrawn ? 'withdrawn' : a.state } },
        h('p', {}, h('span', { class: `badge ann-${a.withdrawn ? 'withdrawn' : a.state}` }, t(`ann.state.${a.withdrawn ? 'withdrawn' : a.state}`)), ' ',
          h('strong', {}, a.site_ids && a.site_ids.length ? a.site_ids.map(siteName).join(', ') : t('ann.all_sites'))),
        h('p', { class: 'ann-text' }, a.text),
        h('p', { class: 'small muted' }, t('ann.period', { from: longDate(a.valid_from), until: longDate(a.valid_until) })),
        !a.withdrawn && a.state !== 'past' ? h('button', { type: 'button', class: 'danger', on: { click: (e) => busy(e.currentTarget, async () => {
          if (!await confirmDialog({ title: t('ann.withdraw_title'), text: t('ann.withdraw_text'), confirm: t('ann.withdraw') })) return;
          await api.withdrawAnnouncement(a.id);
          announce(t('ann.withdrawn'));
          loadList();
        }) } }, t('ann.withdraw')) : null)))
        : emptyRow(t('ann.none')));
    } catch (error) {
      if (error.status !== 401) clear(listBox, errorState(error, loadList));
    }
  }

  // The form: text, sites (all, or some), dates; the preview follows the text.
  const text = h('textarea', { rows: 4, maxlength: 500, name: 'text' });
  const from = input({ type: 'date', value: parisDay(0), name: 'valid_from' });
  const until = input({ type: 'date', value: parisDay(7), name: 'valid_until' });
  const all = h('input', { type: 'checkbox', id: uid('all'), checked: ctx.user.role === 'coordinator', disabled: ctx.user.role !== 'coordinator' });
  const boxes = sites.map((x) => h('input', { type: 'checkbox', value: x.id, id: uid('site'), dataset: { siteId: x.id } }));
  const siteList = h('fieldset', { class: 'site-choice', dataset: { field: 'site_ids' } },
    h('legend', {}, t('ann.sites')),
    h('div', { class: 'check' }, all, h('label', { for: all.id }, t('ann.all_sites'))),
    h('div', { class: 'checks' }, boxes.map((b) => h('div', { class: 'check' }, b, h('label', { for: b.id }, siteName(b.value))))),
    h('p', { class: 'field-error', dataset: { errorFor: 'site_ids' }, hidden: true }));
  const syncBoxes = () => { boxes.forEach((b) => { b.disabled = all.checked; }); };
  all.addEventListener('change', syncBoxes);
  syncBoxes();
  const previewText = h('p', { class: 'kiosk-ann' });
  const preview = h('figure', { class: 'kiosk-preview' },
    h('div', { class: 'kiosk-screen', 'aria-hidden': 'true' }, h('p', { class: 'kiosk-label' }, t('ann.kiosk_label')), previewText),
    h('figcaption', { class: 'small muted' }, t('ann.preview_caption')));
  const updatePreview = () => { previewText.textContent = text.value || t('ann.preview_empty'); };
  text.addEventListener('input', updatePreview);
  updatePreview();

  const el = form({ class: 'stack' }, [
    field(t('ann.text'), text, 'text', t('ann.text_hint')),
    siteList,
    h('div', { class: 'grid2' }, field(t('ann.from'), from, 'valid_from'), field(t('ann.until'), until, 'valid_until')),
    h('button', { type: 'submit', class: 'primary' }, t('ann.publish')),
  ], async () => {
    if (!text.value.trim()) throw { field: 'text', message: t('ann.text_missing') };
    const ids = all.checked ? [] : boxes.filter((b) => b.checked).map((b) => b.value);
    if (!all.checked && !ids.length) throw { field: 'site_ids', message: t('ann.sites_missing') };
    if (!from.value) throw { field: 'valid_from', message: t('ann.date_missing') };
    if (!until.value) throw { field: 'valid_until', message: t('ann.date_missing') };
    if (until.value < from.value) throw { field: 'valid_until', message: t('ann.until_before') };
    await api.publishAnnouncement(ids, text.value.trim(), from.value, until.value);
    text.value = '';
    updatePreview();
    announce(t('ann.published'));
    loadList();
  });

  root.append(h('div', { class: 'columns' },
    section(t('ann.list_title'), listBox),
    section(t('ann.new_title'), el, preview)));
  await loadList();
  return root;
}
