// The network at a glance (data-view="overview"): every site's state, places, animator,
// kiosk health, and a schematic map; refreshed every 15 s while the page is visible.
import * as api from '../api.js';
import { h, s, clear } from '../dom.js';
import { t } from '../i18n.js';
import { ago, time } from '../format.js';
import { errorState, healthBadge, stateBadge, healthClass } from '../ui.js';

const POLL_MS = 15000;

// present is null when the site's presence is free text (« mar. 10h-12h »): the hub cannot
// tell, so the card names the animator and says nothing of where they are.
function presenceKey(present) {
  if (present === true) return 'overview.animator_here';
  if (present === false) return 'overview.animator_away';
  return 'overview.animator';
}

function siteRow(site) {
  const p = site.places || {};
  return h('li', { class: 'site-card', dataset: { siteId: site.id, state: site.state, health: site.health && site.health.level } },
    h('div', { class: 'site-head' },
      h('h3', {}, h('a', { href: `#/sites/${site.id}` }, site.name)),
      h('p', { class: 'muted' }, `${site.commune} · ${t(`kind.${site.kind}`)}`)),
    h('p', { class: 'badges' }, stateBadge(site.state), ' ', healthBadge(site.health && site.health.level)),
    site.reason ? h('p', { class: 'reason' }, site.reason) : null,
    h('dl', { class: 'figures' },
      h('div', {}, h('dt', {}, t('overview.free')), h('dd', {}, String(p.free ?? '—'))),
      h('div', {}, h('dt', {}, t('overview.taken')), h('dd', {}, String(p.taken ?? '—'))),
      h('div', {}, h('dt', {}, t('overview.out')), h('dd', {}, String(p.out_of_service ?? '—')))),
    h('p', { class: 'small' },
      site.animator && site.animator.name ? t(presenceKey(site.animator.present), { name: site.animator.name }) : t('overview.no_animator')),
    h('p', { class: 'small muted' },
      site.health && site.health.last_sync ? t('overview.last_sync', { ago: ago(site.health.last_sync) }) : t('overview.never_synced')));
}

// An equirectangular sketch of the territory from the sites' coordinates.
function map(sites) {
  const placed = sites.filter((x) => Number.isFinite(x.lat) && Number.isFinite(x.lon));
  if (!placed.length) return null;
  const W = 400;
  const H = 300;
  const pad = 30;
  const lats = placed.map((x) => x.lat);
  const lons = placed.map((x) => x.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const kx = Math.cos((midLat * Math.PI) / 180);
  const spanX = Math.max((Math.max(...lons) - Math.min(...lons)) * kx, 0.01);
  const spanY = Math.max(Math.max(...lats) - Math.min(...lats), 0.01);
  const scale = Math.min((W - 2 * pad) / spanX, (H - 2 * pad) / spanY);
  const x0 = (W - spanX * scale) / 2;
  const y0 = (H - spanY * scale) / 2;
  const px = (site) => x0 + (site.lon - Math.min(...lons)) * kx * scale;
  const py = (site) => H - y0 - (site.lat - Math.min(...lats)) * scale;
  const titleId = 'map-title';
  const labels = placeLabels(placed, px, py, W, H);
  return s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-labelledby': titleId },
    s('title', { id: titleId }, t('overview.map_title')),
    s('rect', { x: 0, y: 0, width: W, height: H, rx: 8, class: 'map-bg' }),
    placed.map((site) => {
      const level = site.health && site.health.level;
      return s('a', { href: `#/sites/${site.id}`, dataset: { mapSiteId: site.id } },
        s('title', {}, `${site.name} — ${t(`state.${site.state}`)}, ${t(`health.${level || 'unknown'}`)}`),
        s('circle', { cx: px(site).toFixed(1), cy: py(site).toFixed(1), r: site.kind === 'tiers-lieu' ? 9 : 6,
          class: `dot ${healthClass(level)} ${site.state === 'open' ? '' : 'not-open'}` }),
        labels.get(site) ? s('text', { ...labels.get(site), class: 'map-label', 'aria-hidden': 'true' }, shortCommune(site.commune)) : null);
    }));
}

// Each dot's commune where it overlaps no other label nor dot: right, left, above, below;
// none when all four are taken (the dot's tooltip and the list still name it). Widths are
// estimated (10 px text: about 5.6 px a character).
function placeLabels(sites, px, py, W, H) {
  const boxes = sites.map((x) => ({ x0: px(x) - 9, y0: py(x) - 9, x1: px(x) + 9, y1: py(x) + 9 }));
  const overlaps = (a) => boxes.some((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1);
  const labels = new Map();
  for (const site of sites) {
    const w = shortCommune(site.commune).length * 5.6;
    const x = px(site);
    const y = py(site);
    const spots = [
      { box: { x0: x + 10, y0: y - 6, x1: x + 10 + w, y1: y + 6 }, at: { x: x + 10, y: y + 3.5, 'text-anchor': 'start' } },
      { box: { x0: x - 10 - w, y0: y - 6, x1: x - 10, y1: y + 6 }, at: { x: x - 10, y: y + 3.5, 'text-anchor': 'end' } },
      { box: { x0: x - w / 2, y0: y - 22, x1: x + w / 2, y1: y - 10 }, at: { x, y: y - 12, 'text-anchor': 'middle' } },
      { box: { x0: x - w / 2, y0: y + 10, x1: x + w / 2, y1: y + 22 }, at: { x, y: y + 19, 'text-anchor': 'middle' } },
    ];
    const spot = spots.find(({ box }) => box.x0 >= 2 && box.x1 <= W - 2 && box.y0 >= 2 && box.y1 <= H - 2 && !overlaps(box));
    if (!spot) continue;
    boxes.push(spot.box);
    labels.set(site, { ...spot.at, x: spot.at.x.toFixed(1), y: spot.at.y.toFixed(1) });
  }
  return labels;
}

function shortCommune(commune) {
  return String(commune || '').split(/-(?:en|de|sur|lès|les)-/)[0];
}

function legend() {
  return h('ul', { class: 'legend' }, ['ok', 'silent', 'down', 'unknown'].map((level) => h('li', {}, healthBadge(level))));
}

export default async function render(ctx) {
  const list = h('ul', { class: 'site-list' });
  const mapBox = h('figure', { class: 'map-box', hidden: true });
  const status = h('p', { class: 'small muted', 'aria-live': 'off' });
  const summary = h('p', { class: 'lead' });
  const errorBox = h('div');
  const root = h('div', { 'data-view': 'overview' },
    h('h1', {}, t('overview.title')), summary,
    h('div', { class: 'overview-grid' },
      h('div', {}, errorBox, list),
      h('div', {}, mapBox, legend(), status)));
  let last = '';

  async function refresh() {
    let data;
    try {
      data = await api.overview();
    } catch (error) {
      if (error.status === 401) return;
      clear(errorBox, errorState(error, refresh));
      return;
    }
    clear(errorBox);
    const sites = data.sites || [];
    const text = JSON.stringify(sites);
    if (text !== last) {
      last = text;
      clear(list, sites.length ? sites.map(siteRow) : h('li', { class: 'empty' }, t('overview.no_sites')));
      const open = sites.filter((x) => x.state === 'open').length;
      const free = sites.reduce((n, x) => n + ((x.places && x.places.free) || 0), 0);
      clear(summary, t('overview.summary', { open, total: sites.length, free }));
      mapBox.hidden = !sites.length;
      clear(mapBox, map(sites), h('figcaption', { class: 'small muted' }, t('overview.map_caption')));
    }
    clear(status, t('overview.updated', { time: time(data.now || Date.now()) }));
  }

  await refresh();
  const timer = setInterval(() => {
    if (!document.hidden && ctx.userActive() && ctx.isCurrent()) refresh();
  }, POLL_MS);
  const onVisible = () => { if (!document.hidden && ctx.isCurrent()) refresh(); };
  document.addEventListener('visibilitychange', onVisible);
  ctx.onLeave(() => { clearInterval(timer); document.removeEventListener('visibilitychange', onVisible); });
  return root;
}
