// Kiosks (data-view="kiosks"): every device with its health, revoke; enroll a new kiosk
// (code, QR, pins, cowork-enroll.txt) with a printable A4 installation sheet.
import * as api from '../api.js';
import { h, clear, importSvg } from '../dom.js';
import { t } from '../i18n.js';
import { ago, offset, dateTime, number } from '../format.js';
import { errorState, section, field, select, form, busy, confirmDialog, announce, emptyRow, healthBadge, labelCells } from '../ui.js';

function deviceRow(d, siteName, onRevoke, canRevoke) {
  const level = d.revoked ? 'unknown' : (d.health && d.health.level) || d.health || 'unknown';
  const warnings = [...(d.warnings || [])];
  return h('tr', { dataset: { deviceId: d.id, revoked: d.revoked ? 'true' : 'false' } },
    h('th', { scope: 'row' }, d.name || d.id, h('span', { class: 'small muted block' }, d.id)),
    h('td', {}, siteName(d.site_id)),
    h('td', {}, d.revoked ? h('span', { class: 'badge muted' }, t('kiosks.revoked')) : healthBadge(level)),
    h('td', {}, ago(d.last_seen)),
    h('td', {}, d.app_version || '—'),
    h('td', { class: 'num' }, number(d.outbox_depth)),
    h('td', { class: 'num' }, offset(d.clock_offset_ms)),
    h('td', {}, d.set_aside ? (canRevoke ? h('a', { href: '#/anomalies' }, t('kiosks.set_aside', { n: d.set_aside })) : t('kiosks.set_aside', { n: d.set_aside })) : '—',
      warnings.length ? h('ul', { class: 'warnings' }, warnings.map((w) => h('li', {}, w))) : null),
    h('td', {}, !d.revoked && canRevoke ? h('button', { type: 'button', class: 'danger', on: { click: (e) => busy(e.currentTarget, () => onRevoke(d)) } }, t('kiosks.revoke')) : null));
}

// The installation sheet: printed alone (print stylesheet), A4.
function installationSheet(code, siteName) {
  const qr = importSvg(code.qr_svg);
  return h('article', { class: 'install-sheet', dataset: { code: code.code } },
    h('h2', {}, t('enroll.sheet_title', { site: siteName(code.site_id) })),
    h('div', { class: 'sheet-grid' },
      h('dl', { class: 'sheet-facts' },
        h('dt', {}, t('enroll.hub')), h('dd', { class: 'mono' }, code.hub_url || location.origin),
        h('dt', {}, t('enroll.code')), h('dd', { class: 'mono big' }, code.code),
        h('dt', {}, t('enroll.expires')), h('dd', {}, dateTime(code.expires_at)),
        h('dt', {}, t('enroll.pins')), h('dd', { class: 'mono small' }, (code.hub_pins || []).map((p) => h('span', { class: 'block' }, p)))),
      h('div', { class: 'qr' }, qr || h('p', { class: 'small muted' }, t('enroll.no_qr')))),
    h('h3', {}, t('enroll.file_title')),
    h('p', { class: 'small' }, t('enroll.file_hint')),
    code.enroll_file ? h('pre', { class: 'enroll-file' }, code.enroll_file) : h('p', { class: 'small muted' }, t('enroll.no_file')),
    h('h3', {}, t('enroll.steps_title')),
    h('ol', {}, [1, 2, 3, 4].map((i) => h('li', {}, t(`enroll.step${i}`)))));
}

export default async function render(ctx) {
  const root = h('div', { 'data-view': 'kiosks' }, h('h1', {}, t('kiosks.title')));
  let sites = [];
  try { sites = (await api.adminSites()).sites || []; } catch { /* names fall back to ids */ }
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id;
  const listBox = h('div');
  const coord = ctx.can(['coordinator']);

  async function revoke(d) {
    if (!await confirmDialog({ title: t('kiosks.revoke_title', { name: d.name || d.id }), text: t('kiosks.revoke_text'), confirm: t('kiosks.revoke') })) return;
    await api.revokeDevice(d.id);
    announce(t('kiosks.revoked_done'));
    load();
  }

  async function load() {
    try {
      const list = (await api.devices()).devices || [];
      clear(listBox, list.length ? h('div', { class: 'table-wrap' }, h('table', {},
        h('caption', { class: 'sr-only' }, t('kiosks.title')),
        h('thead', {}, h('tr', {}, ['name', 'site', 'health', 'last_seen', 'version', 'outbox', 'offset', 'set_aside_col'].map((c) => h('th', { scope: 'col' }, t(`kiosks.col.${c}`))),
          h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))))),
        h('tbody', {}, list.map((d) => deviceRow(d, siteName, revoke, coord))))) : emptyRow(t('kiosks.none')));
      labelCells(listBox);
    } catch (error) {
      if (error.status !== 401) clear(listBox, errorState(error, load));
    }
  }

  root.append(section(t('kiosks.list_title'), listBox));
  if (coord) {
    const siteSelect = select([['', t('enroll.choose_site')], ...sites.map((x) => [x.id, x.name])], '', { name: 'site_id' });
    const result = h('div', { class: 'enroll-result' });
    root.append(section(t('enroll.title'),
      h('p', { class: 'hint' }, t('enroll.lead')),
      form({ class: 'inline-form' }, [field(t('enroll.site'), siteSelect, 'site_id'), h('button', { type: 'submit', class: 'primary' }, t('enroll.create'))], async () => {
        if (!siteSelect.value) throw { field: 'site_id', message: t('enroll.site_missing') };
        const code = await api.enrollmentCode(siteSelect.value);
        clear(result, installationSheet(code, siteName),
          h('button', { type: 'button', class: 'primary no-print', on: { click: () => window.print() } }, t('enroll.print')));
        result.querySelector('h2').setAttribute('tabindex', '-1');
        result.querySelector('h2').focus();
      }),
      result));
  }
  await load();
  return root;
}
