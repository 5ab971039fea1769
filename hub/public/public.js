// « Où travailler maintenant ? »: the network's sites from the visitor's commune,
// nearest first, open or closed, free places and how fresh that figure is. Reads
// only the open-data feed (/public/v1/), keeps nothing in the browser: the commune
// and the language live in the address (?commune=Beaujeu&lang=en), so a link or an
// embed can carry them. No cookie, no storage, no position asked.
import { translate } from '/console/i18n.js';

const FEED = '/public/v1/';
const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'fr';
const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const state = { catalogue: {}, sites: [], status: new Map(), communes: [], commune: params.get('commune') || '', ttl: 30 };

const $ = (id) => document.getElementById(id);
const t = (key, values) => translate(state.catalogue, lang, key, values);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// With no cache of its own: the feed's ETag makes an unchanged file a 304.
async function feed(name) {
  const res = await fetch(FEED + name, { cache: 'no-cache', credentials: 'omit' });
  if (!res.ok) throw new Error(`${name}: ${res.status}`);
  return res.json();
}

// "il y a 2 min", from the figure's time and the page's clock.
function age(lastReported) {
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(lastReported)) / 60000));
  if (minutes < 1) return t('public.age.now');
  if (minutes < 60) return t('public.age.minutes', { n: minutes });
  if (minutes < 48 * 60) return t('public.age.hours', { n: Math.floor(minutes / 60) });
  return t('public.age.days', { n: Math.floor(minutes / 1440) });
}

function travelMinutes(siteId) {
  const commune = state.communes.find((c) => c.name === state.commune);
  const minutes = commune ? commune.travel_minutes[siteId] : undefined;
  return typeof minutes === 'number' ? minutes : null;
}

// Nearest first from the chosen commune (the hub's travel times, as the kiosks
// sort); by name until one is chosen.
function sortedSites() {
  const byName = (a, b) => collator.compare(a.name, b.name);
  if (!state.commune) return [...state.sites].sort(byName);
  return [...state.sites].sort((a, b) => (travelMinutes(a.site_id) ?? Infinity) - (travelMinutes(b.site_id) ?? Infinity) || byName(a, b));
}

function siteItem(site) {
  const status = state.status.get(site.site_id) || {};
  const item = el('li', 'site');
  item.dataset.siteId = site.site_id;
  item.dataset.open = status.is_open ? 'true' : 'false';
  item.append(el('h2', '', site.name));
  item.append(el('p', 'where', [t(`public.kind.${site.kind}`), site.commune, site.address].filter(Boolean).join(' · ')));
  const minutes = travelMinutes(site.site_id);
  if (minutes !== null) item.append(el('p', 'travel', minutes === 0 ? t('public.travel.here') : t('public.travel', { n: minutes })));
  const now = el('p', 'now');
  now.append(el('span', `badge ${status.is_open ? 'open' : 'closed'}`, t(status.is_open ? 'public.open' : 'public.closed')));
  const free = status.num_places_available;
  const known = typeof free === 'number';
  const places = el('span', 'free', known ? t('public.free', { n: free, total: status.num_places_in_service }) : t('public.free.unknown'));
  places.dataset.free = known ? String(free) : '';
  now.append(' ', places);
  item.append(now);
  if (known && status.last_reported) {
    const when = el('p', 'age', t('public.updated', { age: age(status.last_reported) }));
    when.title = new Date(status.last_reported).toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR');
    item.append(when);
  }
  return item;
}

function drawSites() {
  $('sites').replaceChildren(...sortedSites().map(siteItem));
  $('hint').textContent = state.commune ? t('public.sorted', { commune: state.commune }) : t('public.commune.hint');
}

function drawCommunes() {
  const select = $('commune');
  const first = el('option', '', t('public.commune.choose'));
  first.value = '';
  const names = state.communes.map((c) => c.name).sort(collator.compare);
  const options = names.map((name) => {
    const option = el('option', '', name);
    option.value = name;
    return option;
  });
  select.replaceChildren(first, ...options);
  if (!names.includes(state.commune)) state.commune = '';
  select.value = state.commune;
}

// The address keeps the choice (a bookmark, a shared link), not the browser.
function remember() {
  const next = new URLSearchParams(location.search);
  if (state.commune) next.set('commune', state.commune); else next.delete('commune');
  history.replaceState(null, '', `${location.pathname}${next.toString() ? `?${next}` : ''}`);
  drawLanguageLink();
}

function drawLanguageLink() {
  const link = $('lang-switch');
  const next = new URLSearchParams(location.search);
  if (lang === 'en') next.delete('lang'); else next.set('lang', 'en');
  link.href = `${location.pathname}${next.toString() ? `?${next}` : ''}`;
  link.hreflang = lang === 'en' ? 'fr' : 'en';
  link.lang = lang === 'en' ? 'fr' : 'en';
  link.textContent = t('public.lang.switch');
}

function drawTexts() {
  document.documentElement.lang = lang;
  document.title = t('public.title');
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(node.dataset.t);
  const full = $('open-full');
  if (full) full.href = `/public/${location.search}`;
  drawLanguageLink();
}

async function refreshStatus() {
  const status = await feed('status.json');
  state.ttl = status.ttl || state.ttl;
  state.status = new Map(status.data.sites.map((s) => [s.site_id, s]));
}

function showError(error) {
  $('error').textContent = t('public.error');
  $('error').hidden = false;
  console.warn('public page:', error && error.message);
}

async function start() {
  const res = await fetch(`/public/i18n/${lang}.json`, { credentials: 'omit' });
  state.catalogue = await res.json();
  drawTexts();
  try {
    const [sites, communes] = await Promise.all([feed('sites.json'), feed('communes.json'), refreshStatus()]);
    state.sites = sites.data.sites;
    state.communes = communes.data.communes;
  } catch (error) {
    showError(error);
    return;
  } finally {
    $('public').setAttribute('aria-busy', 'false');
  }
  drawCommunes();
  drawSites();
  $('commune').addEventListener('change', (event) => {
    state.commune = event.target.value;
    remember();
    drawSites();
  });
  $('commune-form').addEventListener('submit', (event) => event.preventDefault());
  // Free places move: read them again as often as the feed says it changes.
  const again = async () => {
    try {
      await refreshStatus();
      $('error').hidden = true;
    } catch (error) {
      showError(error);
    }
    drawSites();
    setTimeout(again, state.ttl * 1000);
  };
  setTimeout(again, state.ttl * 1000);
}

start();
