// One site (data-view="site"): state and actions, 4-week preview, places, configuration,
// shopkeeper PIN, kiosks, today's visits, announcements.
import * as api from '../api.js';
import { h, clear } from '../dom.js';
import { t } from '../i18n.js';
import { ago, time, shortDate, longDate, clock, offset } from '../format.js';
import {
  errorState, healthBadge, stateBadge, section, field, input, select, form, busy, confirmDialog, announce, emptyRow, labelCells,
} from '../ui.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const KINDS = ['mini-cowork', 'tiers-lieu', 'corpoworking'];
// "09:00-12:00,14:00-18:00"; empty or "fermé" = closed (as the hub's parseDayRanges).
const RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;
const CLOSED = /^(|ferm[ée]|closed)$/i;

// One line per range: « 6 h 30 – 13 h » then « 15 h 30 – 19 h », never cut after a comma.
function rangesText(ranges) {
  if (!ranges || !ranges.length) return t('site.closed_day');
  return ranges.map(([a, b]) => h('span', { class: 'block' }, `${clock(a)} – ${clock(b)}`));
}

// « aujourd’hui à 13 h », « ven. 4 déc. à 6 h 30 »
function whenText(ms) {
  const day = shortDate(ms);
  return day === shortDate(Date.now()) ? t('site.when_today', { time: time(ms) }) : t('site.when_day', { day, time: time(ms) });
}

// The hub checks again; this catches what it would refuse, beside the field.
function checkRanges(text, path) {
  const v = text.trim();
  if (CLOSED.test(v)) return '';
  let end = -1;
  for (const item of v.split(',').map((r) => r.trim())) {
    const m = item.match(RANGE);
    if (!m || Number(m[1]) > 24 || Number(m[3]) > 24) throw { field: path, message: t('site.hours_invalid') };
    const from = Number(m[1]) * 60 + Number(m[2]);
    const to = Number(m[3]) * 60 + Number(m[4]);
    if (Number(m[2]) > 59 || Number(m[4]) > 59 || to > 1440 || from >= to || from < end) throw { field: path, message: t('site.hours_order') };
    end = to;
  }
  return v.replace(/\s+/g, '');
}

function stateSection(ctx, data, reload) {
  const st = data.state || {};
  const reason = input({ name: 'reason', maxlength: 120 });
  const canAct = ctx.acts(data.site.id);
  const forced = st.override && st.override !== 'none';
  // The button of the state in force is pressed (and does nothing more).
  const act = (value, label) => h('button', { type: 'button', class: value === 'none' ? '' : 'primary', dataset: { override: value },
    'aria-pressed': String((st.override || 'none') === value), disabled: (st.override || 'none') === value,
    on: { click: (e) => busy(e.currentTarget, async () => {
      await api.setOverride(data.site.id, value, reason.value.trim());
      announce(t('site.override_done'));
      reload();
    }, e.currentTarget.form) } }, label);
  return section(t('site.state_title'),
    h('p', { class: 'badges' }, stateBadge(st.value), ' ', healthBadge(data.health && data.health.level)),
    forced ? h('p', {}, t(`site.override.${st.override}`), st.reason ? ` — ${st.reason}` : '') : null,
    // Under an override the opening hours do not decide: the next change is the coordinator's.
    forced ? h('p', { class: 'small' }, t('site.override_until'))
      : st.next_change ? h('p', { class: 'small' }, t(st.value === 'closed' ? 'site.opens_at' : 'site.closes_at', { when: whenText(st.next_change) })) : null,
    canAct ? form({ class: 'inline-form' }, [
      field(t('site.reason'), reason, 'reason', t('site.reason_hint')),
      h('div', { class: 'buttons' }, act('closed', t('site.close_now')), act('full', t('site.mark_full')), act('none', t('site.back_to_hours'))),
    ], async () => {}) : null);
}

function previewSection(data) {
  const days = data.preview || [];
  return section(t('site.preview_title'),
    days.length ? h('ol', { class: 'preview' }, days.map((d) => h('li', { class: d.ranges && d.ranges.length ? '' : 'closed' },
      h('span', { class: 'day' }, shortDate(d.date)),
      h('span', {}, rangesText(d.ranges)),
      d.reason ? h('span', { class: 'small muted' }, d.reason) : null))) : emptyRow(t('site.no_preview')));
}

function placesSection(ctx, data, reload) {
  const places = data.places || [];
  const coord = ctx.can(['coordinator']);
  const staff = ctx.acts(data.site.id);
  const row = (place) => {
    const label = input({ name: 'label', value: place.label, maxlength: 60, readonly: !coord });
    const why = input({ name: 'reason', value: place.out_of_service_reason || '', maxlength: 120 });
    return h('li', { class: 'place', dataset: { placeId: place.id } },
      form({ class: 'inline-form' }, [
        field(t('site.place_label', { id: place.id.split('/').pop() }), label, 'label'),
        h('p', { class: 'small' }, place.occupied ? t('site.place_taken') : place.in_service ? t('site.place_free') : t('site.place_out')),
        coord ? h('button', { type: 'submit' }, t('site.rename')) : null,
      ], async () => {
        if (!label.value.trim()) throw { field: 'label', message: t('site.label_missing') };
        await api.savePlace(data.site.id, place.id, label.value.trim());
        announce(t('common.saved'));
        reload();
      }),
      staff ? form({ class: 'inline-form' }, [
        field(t('site.service_reason'), why, 'reason'),
        h('button', { type: 'submit' }, place.in_service ? t('site.take_out') : t('site.put_back')),
      ], async () => {
        await api.setPlaceService(data.site.id, place.id, !place.in_service, why.value.trim());
        announce(t('common.saved'));
        reload();
      }) : null);
  };
  const content = [h('ul', { class: 'places' }, places.map(row))];
  if (coord) {
    const taken = new Set(places.map((p) => p.id.split('/').pop()));
    let n = places.length + 1;
    while (taken.has(`place-${n}`)) n += 1;
    const next = `place-${n}`;
    const label = input({ name: 'label', maxlength: 60 });
    content.push(form({ class: 'inline-form' }, [
      field(t('site.new_place'), label, 'label'),
      h('button', { type: 'submit' }, t('site.add_place')),
    ], async () => {
      if (!label.value.trim()) throw { field: 'label', message: t('site.label_missing') };
      await api.savePlace(data.site.id, next, label.value.trim());
      announce(t('common.saved'));
      reload();
    }));
  }
  return section(t('site.places_title', { n: places.length }), content);
}

function configSection(ctx, data, reload) {
  const site = data.site;
  const coord = ctx.can(['coordinator']);
  const hours = site.hours || { weekly: {}, exceptions: [] };
  const f = {
    name: input({ value: site.name, maxlength: 120, required: true }),
    kind: select(KINDS.map((k) => [k, t(`kind.${k}`)]), site.kind),
    commune: input({ value: site.commune, maxlength: 120, required: true }),
    address: input({ value: site.address || '', maxlength: 120 }),
    lat: input({ value: String(site.lat ?? ''), inputmode: 'decimal' }),
    lon: input({ value: String(site.lon ?? ''), inputmode: 'decimal' }),
    aname: input({ value: (site.animator && site.animator.name) || '', maxlength: 60 }),
    aphone: input({ type: 'tel', value: (site.animator && site.animator.phone) || '', maxlength: 60 }),
    aemail: input({ type: 'email', value: (site.animator && site.animator.email) || '', maxlength: 120 }),
    apresence: input({ value: (site.animator && site.animator.presence) || '', maxlength: 120 }),
  };
  const weekly = {};
  for (const day of DAYS) weekly[day] = input({ value: (hours.weekly && hours.weekly[day]) || '', placeholder: t('site.closed_day') });
  const exceptionList = h('ol', { class: 'exceptions' });
  const addException = (e) => {
    const index = exceptionList.children.length;
    const path = `hours.exceptions[${index}]`;
    const li = h('li', { class: 'exception' },
      field(t('site.exception_date'), input({ type: 'date', value: e.date || '', name: 'date' }), `${path}.date`),
      field(t('site.exception_hours'), input({ value: e.hours || '', name: 'hours', placeholder: t('site.closed_day') }), `${path}.hours`),
      field(t('site.exception_reason'), input({ value: e.reason || '', name: 'reason', maxlength: 120 }), `${path}.reason`),
      coord ? h('button', { type: 'button', class: 'link', on: { click: () => li.remove() } }, t('site.exception_remove')) : null);
    exceptionList.append(li);
  };
  (hours.exceptions || []).forEach(addException);

  const el = form({ class: 'config' }, [
    h('fieldset', { disabled: !coord },
      h('legend', {}, t('site.identity')),
      h('div', { class: 'grid2' },
        field(t('site.name'), f.name, 'name'), field(t('site.kind'), f.kind, 'kind'),
        field(t('site.commune'), f.commune, 'commune'), field(t('site.address'), f.address, 'address'),
        field(t('site.lat'), f.lat, 'lat'), field(t('site.lon'), f.lon, 'lon'))),
    h('fieldset', { disabled: !coord },
      h('legend', {}, t('site.weekly')),
      h('p', { class: 'hint' }, t('site.weekly_hint')),
      h('div', { class: 'grid2' }, DAYS.map((day) => field(t(`day.${day}`), weekly[day], `hours.weekly.${day}`)))),
    h('fieldset', { disabled: !coord },
      h('legend', {}, t('site.exceptions')),
      exceptionList,
      coord ? h('button', { type: 'button', on: { click: () => addException({}) } }, t('site.exception_add')) : null),
    h('fieldset', { disabled: !coord },
      h('legend', {}, t('site.animator')),
      h('div', { class: 'grid2' },
        field(t('site.animator_name'), f.aname, 'animator.name'), field(t('site.animator_phone'), f.aphone, 'animator.phone'),
        field(t('site.animator_email'), f.aemail, 'animator.email'), field(t('site.animator_presence'), f.apresence, 'animator.presence'))),
    coord ? h('button', { type: 'submit', class: 'primary' }, t('site.save')) : null,
  ], async () => {
    const num = (el2, path) => {
      const v = Number(el2.value.replace(',', '.').trim());
      if (!el2.value.trim() || !Number.isFinite(v)) throw { field: path, message: t('site.number_invalid') };
      return v;
    };
    if (!f.name.value.trim()) throw { field: 'name', message: t('site.name_missing') };
    if (!f.commune.value.trim()) throw { field: 'commune', message: t('site.commune_missing') };
    const lat = num(f.lat, 'lat');
    const lon = num(f.lon, 'lon');
    if (lat < -90 || lat > 90) throw { field: 'lat', message: t('site.lat_range') };
    if (lon < -180 || lon > 180) throw { field: 'lon', message: t('site.lon_range') };
    const week = {};
    for (const day of DAYS) {
      const v = checkRanges(weekly[day].value, `hours.weekly.${day}`);
      if (v) week[day] = v;
    }
    const exceptions = [...exceptionList.children].map((li, i) => {
      const [date, hrs, reason] = li.querySelectorAll('input');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date.value)) throw { field: `hours.exceptions[${i}].date`, message: t('site.date_missing') };
      return { date: date.value, hours: checkRanges(hrs.value, `hours.exceptions[${i}].hours`), reason: reason.value.trim() };
    });
    const config = {
      ...site,
      name: f.name.value.trim(), kind: f.kind.value, commune: f.commune.value.trim(), address: f.address.value.trim(), lat, lon,
      hours: { weekly: week, exceptions },
      animator: { ...(site.animator || {}), name: f.aname.value.trim(), phone: f.aphone.value.trim(), email: f.aemail.value.trim(), presence: f.apresence.value.trim() },
    };
    await api.saveSite(site.id, config);
    announce(t('common.saved'));
    reload();
  });
  return section(t('site.config_title'), el);
}

function pinSection(data) {
  const pin = input({ type: 'password', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, name: 'pin' });
  return section(t('site.pin_title'),
    h('p', { class: 'hint' }, t('site.pin_hint')),
    form({ class: 'inline-form' }, [field(t('site.pin'), pin, 'pin'), h('button', { type: 'submit' }, t('site.pin_reset'))], async () => {
      if (!/^\d{6,12}$/.test(pin.value)) throw { field: 'pin', message: t('site.pin_invalid') };
      if (!await confirmDialog({ title: t('site.pin_confirm_title'), text: t('site.pin_confirm_text', { site: data.site.name }), confirm: t('site.pin_reset'), danger: false })) return;
      await api.resetShopkeeperPin(data.site.id, pin.value);
      pin.value = '';
      announce(t('site.pin_done'));
    }));
}

function kiosksSection(ctx, data) {
  const kiosks = data.kiosks || [];
  return section(t('site.kiosks_title', { n: kiosks.length }),
    kiosks.length ? h('ul', { class: 'rows' }, kiosks.map((k) => h('li', { dataset: { deviceId: k.id } },
      h('strong', {}, k.name || k.id), ' ', healthBadge(k.health && k.health.level ? k.health.level : k.health),
      // The site page's kiosks carry no clock offset (the kiosks page has it): said only when given.
      h('span', { class: 'small muted' }, [` ${t('kiosks.seen', { ago: ago(k.last_seen) })}`, k.app_version ? ` · ${k.app_version}` : '',
        k.clock_offset_ms !== undefined && k.clock_offset_ms !== null ? ` · ${t('kiosks.offset')} ${offset(k.clock_offset_ms)}` : ''].join('')))))
      : emptyRow(t('site.no_kiosk')),
    ctx.can(['coordinator', 'animator']) ? h('p', {}, h('a', { href: '#/kiosks' }, t('site.to_kiosks'))) : null);
}

function visitsSection(ctx, data, reload) {
  const visits = data.visits_today || [];
  const placeLabel = (id) => ((data.places || []).find((p) => p.id === id) || {}).label || id;
  return labelCells(section(t('site.visits_title', { n: visits.length }),
    visits.length ? h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('site.visitor')), h('th', { scope: 'col' }, t('site.place')),
        h('th', { scope: 'col' }, t('site.arrived')), h('th', { scope: 'col' }, t('site.left')), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))))),
      h('tbody', {}, visits.map((v) => h('tr', { dataset: { visitId: v.id } },
        h('td', {}, v.first_name || t('site.anonymous')), h('td', {}, placeLabel(v.place_id)),
        h('td', {}, time(v.started_at)), h('td', {}, v.ended_at ? time(v.ended_at) : t('site.still_here')),
        h('td', {}, !v.ended_at && ctx.can(['coordinator']) ? h('button', { type: 'button', on: { click: (e) => busy(e.currentTarget, async () => {
          if (!await confirmDialog({ title: t('site.checkout_title'), text: t('site.checkout_text'), confirm: t('site.checkout') })) return;
          await api.checkOutVisit(v.id);
          reload();
        }) } }, t('site.checkout')) : null))))))
      : emptyRow(t('site.no_visit'))));
}

function announcementsSection(ctx, data) {
  const list = data.announcements || [];
  return section(t('site.announcements_title', { n: list.length }),
    list.length ? h('ul', { class: 'rows' }, list.map((a) => h('li', {},
      h('p', {}, a.text), h('p', { class: 'small muted' }, t('ann.period', { from: longDate(a.valid_from), until: longDate(a.valid_until) })))))
      : emptyRow(t('site.no_announcement')),
    ctx.can(['coordinator', 'animator']) ? h('p', {}, h('a', { href: '#/announcements' }, t('site.to_announcements'))) : null);
}

export default async function render(ctx) {
  const root = h('div', { 'data-view': 'site' });
  const id = ctx.params[0];
  const load = async () => {
    let data;
    try {
      data = await api.site(id);
    } catch (error) {
      clear(root, h('h1', {}, t('site.title_unknown')), errorState(error, load), h('p', {}, h('a', { href: '#/overview' }, t('site.back'))));
      return;
    }
    const site = data.site || {};
    const reload = () => { if (ctx.isCurrent()) load(); };
    clear(root,
      h('p', { class: 'crumbs' }, h('a', { href: '#/overview' }, t('site.back'))),
      h('h1', { dataset: { siteId: site.id } }, site.name),
      h('p', { class: 'lead' }, `${site.commune} · ${t(`kind.${site.kind}`)}${site.address ? ` · ${site.address}` : ''}`),
      h('div', { class: 'columns' },
        h('div', {}, stateSection(ctx, data, reload), previewSection(data), placesSection(ctx, data, reload),
          data.visits_today ? visitsSection(ctx, data, reload) : null),
        h('div', {}, configSection(ctx, data, reload), ctx.can(['coordinator']) ? pinSection(data) : null,
          kiosksSection(ctx, data), announcementsSection(ctx, data))));
  };
  await load();
  return root;
}
