// Anomalies (data-view="anomalies"): conflicts, future stamps, set-aside events, each
// explained in plain words with what to do.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { dateTime } from '../format.js';
import { errorState, emptyRow } from '../ui.js';

const KINDS = ['conflict', 'future_stamp', 'set_aside'];

export default async function render() {
  const root = h('div', { 'data-view': 'anomalies' }, h('h1', {}, t('anom.title')), h('p', { class: 'lead' }, t('anom.lead')));
  let sites = [];
  let devices = [];
  try { sites = (await api.adminSites()).sites || []; } catch { /* ids */ }
  try { devices = (await api.devices()).devices || []; } catch { /* ids */ }
  const siteName = (id) => ((sites.find((x) => x.id === id) || {}).name) || id || '—';
  const device = (id) => devices.find((d) => d.id === id) || {};
  const box = h('div');
  const load = async () => {
    try {
      const list = (await api.anomalies()).anomalies || [];
      clear(box, list.length ? h('ul', { class: 'rows' }, list.map((a) => {
        const kind = KINDS.includes(a.kind) ? a.kind : 'other';
        const d = device(a.device_id);
        return h('li', { dataset: { kind, eventId: a.event_id } },
          h('h2', { class: 'h3' }, t(`anom.${kind}.title`)),
          h('p', { class: 'small muted' }, t('anom.where', {
            site: siteName(a.site_id || d.site_id), device: d.name || a.device_id || '—', when: dateTime(a.at),
          })),
          h('p', {}, t(`anom.${kind}.what`, { kind: a.event_kind || '—' })),
          a.reason ? h('p', {}, t('anom.reason'), ' ', h('q', {}, a.reason)) : null,
          h('p', { class: 'todo' }, h('strong', {}, t('anom.todo')), ' ', t(`anom.${kind}.todo`)),
          h('p', { class: 'small muted mono' }, t('anom.event', { id: a.event_id })));
      })) : emptyRow(t('anom.none')));
    } catch (error) {
      if (error.status !== 401) clear(box, errorState(error, load));
    }
  };
  root.append(box);
  await load();
  return root;
}
