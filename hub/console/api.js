// THE one API client of the console (docs/console-api.md): it alone builds URLs,
// sends the CSRF token, and turns every refusal into an ApiError {status, message, field}.
import { t } from './i18n.js';

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field || '';
  }
}

let csrfToken = '';
let sessionLost = () => {};

// fn(reason) is called when the hub answers 401 to a signed-in request.
export function onSessionLost(fn) { sessionLost = fn; }

const enc = encodeURIComponent;

async function call(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, t('error.network'), '');
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (res.ok) return data || {};
  const message = (data && typeof data.error === 'string' && data.error) || t('error.status', { status: res.status });
  const error = new ApiError(res.status, message, data && typeof data.field === 'string' ? data.field : '');
  if (res.status === 401 && !quiet401) {
    csrfToken = '';
    error.sessionLost = true;
    sessionLost('expired');
  }
  throw error;
}

const get = (path, opts) => call('GET', path, undefined, opts);
const post = (path, body) => call('POST', path, body === undefined ? {} : body);
const put = (path, body) => call('PUT', path, body);
const del = (path) => call('DELETE', path);

function query(params) {
  const pairs = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return pairs.length ? `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';
}

// A session answer {user, csrf_token, idle_timeout_s}. Until the accounts land, the hub's
// login answers {email} and has no GET /api/v1/session: a signed-in user is then a coordinator.
function takeSession(data, email) {
  csrfToken = data.csrf_token || '';
  const user = data.user || { id: '', email: data.email || email || '', role: 'coordinator', site_ids: [] };
  return { user, idleTimeout: data.idle_timeout_s || 1800 };
}

// ---- session and accounts
export async function session() {
  try {
    return takeSession(await get('/api/v1/session', { quiet401: true }));
  } catch (e) {
    if (e.status !== 404) throw e;
    await get('/api/v1/admin/sites', { quiet401: true });
    return takeSession({});
  }
}
export async function login(email, password) {
  return takeSession(await call('POST', '/api/v1/login', { email, password }, { quiet401: true }), email);
}
export async function logout() {
  try { await post('/api/v1/logout'); } finally { csrfToken = ''; }
}
export const logoutEverywhere = () => post('/api/v1/session/logout-everywhere');
export const changePassword = (current_password, new_password) => post('/api/v1/session/password', { current_password, new_password });
export const checkInvitation = (token) => call('POST', '/api/v1/invitations/check', { token }, { quiet401: true });
export async function acceptInvitation(token, password) {
  return takeSession(await call('POST', '/api/v1/invitations/accept', { token, password }, { quiet401: true }));
}
export const users = () => get('/api/v1/admin/users');
export const inviteUser = (email, role, site_ids) => post('/api/v1/admin/users', { email, role, site_ids });
export const updateUser = (id, role, site_ids) => put(`/api/v1/admin/users/${enc(id)}`, { role, site_ids });
export const disableUser = (id) => post(`/api/v1/admin/users/${enc(id)}/disable`);
export const enableUser = (id) => post(`/api/v1/admin/users/${enc(id)}/enable`);
export const newInvitation = (id) => post(`/api/v1/admin/users/${enc(id)}/invitation`);

// ---- network and sites
export const overview = () => withFallback(get('/api/v1/console/overview'), overviewFromAdmin);
export const site = (id) => withFallback(get(`/api/v1/console/sites/${enc(id)}`), () => siteFromAdmin(id));
export const adminSites = () => get('/api/v1/admin/sites');
export const saveSite = (id, config) => put(`/api/v1/admin/sites/${enc(id)}`, config);
export const setOverride = (id, value, reason) => post(`/api/v1/admin/sites/${enc(id)}/override`, { value, reason });
export const resetShopkeeperPin = (id, pin) => post(`/api/v1/admin/sites/${enc(id)}/shopkeeper-pin`, { pin });
export const savePlace = (siteId, placeId, label) => put(`/api/v1/admin/sites/${enc(siteId)}/places/${enc(localPlaceId(placeId))}`, { label });
export const setPlaceService = (siteId, placeId, in_service, reason) =>
  post(`/api/v1/admin/sites/${enc(siteId)}/places/${enc(localPlaceId(placeId))}/service`, { in_service, reason });
export const checkOutVisit = (id) => post(`/api/v1/admin/visits/${enc(id)}/check-out`);
// A place's id is "SITE/LOCAL"; its URL takes LOCAL.
function localPlaceId(placeId) { return String(placeId).split('/').pop(); }

// ---- announcements, kiosks, messages, anomalies
export const announcements = () => get('/api/v1/admin/announcements');
export const publishAnnouncement = (site_ids, text, valid_from, valid_until) =>
  post('/api/v1/admin/announcements', { site_ids, text, valid_from, valid_until });
export const withdrawAnnouncement = (id) => del(`/api/v1/admin/announcements/${enc(id)}`);
export const devices = () => get('/api/v1/admin/devices');
export const revokeDevice = (id) => post(`/api/v1/admin/devices/${enc(id)}/revoke`);
export const enrollmentCode = (site_id) => post('/api/v1/admin/enrollment-codes', { site_id });
export const messages = (siteId) => get(`/api/v1/admin/messages${query({ site: siteId })}`);
export const retryMessage = (id) => post(`/api/v1/admin/messages/${enc(id)}/retry`);
export const markMessageHandled = (id) => post(`/api/v1/admin/messages/${enc(id)}/handled`);
export const anomalies = () => get('/api/v1/admin/anomalies');

// ---- members and personal data
export const searchMembers = (q) => post('/api/v1/admin/members/search', { query: q });
export const member = (id) => get(`/api/v1/admin/members/${enc(id)}`);
export const saveMember = (id, fields) => put(`/api/v1/admin/members/${enc(id)}`, fields);
export const deleteMember = (id) => del(`/api/v1/admin/members/${enc(id)}`);
// A download (a link the browser follows with its cookie): no personal data in it, only the id.
export const memberExportUrl = (id, format) => `/api/v1/admin/members/${enc(id)}/export${query({ format })}`;
export const processingRegister = () => get('/api/v1/admin/processing-register');
export const settings = () => get('/api/v1/admin/settings');
export const saveSettings = (visit_link_months) => put('/api/v1/admin/settings', { visit_link_months });

// ---- audit log
export const audit = (filters) => get(`/api/v1/admin/audit${query(filters)}`);

// ---- Transitional: until the hub serves /api/v1/console/overview and /sites/{id}
// (docs/console-api.md), the same shapes are made from /api/v1/admin/sites and
// /api/v1/admin/devices. Remove with the backend's routes.
async function withFallback(promise, fallback) {
  try { return await promise; } catch (e) { if (e.status === 404 && !/lieu/.test(e.message)) return fallback(); throw e; }
}
function healthOf(lastSync, open, now) {
  if (!lastSync) return 'unknown';
  const age = now - lastSync;
  if (!open) return 'closed';
  return age < 120000 ? 'ok' : age < 900000 ? 'late' : age < 3600000 ? 'silent' : 'down';
}
function overviewSite(x, now) {
  const places = x.places || [];
  const state = x.override && x.override !== 'none' ? x.override : x.open_now ? 'open' : 'closed';
  return {
    id: x.id, name: x.name, kind: x.kind, commune: x.commune, lat: x.lat, lon: x.lon, state, reason: '',
    places: { free: x.free_places ?? 0, taken: places.filter((p) => p.occupied).length, out_of_service: places.filter((p) => !p.in_service).length, total: places.length },
    animator: { name: (x.animator && x.animator.name) || '', present: false },
    health: { level: healthOf(x.last_kiosk_sync, state !== 'closed', now), last_sync: x.last_kiosk_sync || null, kiosks: null },
  };
}
async function overviewFromAdmin() {
  const now = Date.now();
  return { now, sites: ((await adminSites()).sites || []).map((x) => overviewSite(x, now)) };
}
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
function preview(hours) {
  const days = [];
  for (let i = 0; i < 28; i += 1) {
    const d = new Date(Date.now() + i * 86400000);
    const date = d.toISOString().slice(0, 10);
    const exception = (hours.exceptions || []).find((e) => e.date === date);
    const text = exception ? exception.hours : (hours.weekly || {})[WEEK[d.getUTCDay()]] || '';
    days.push({ date, ranges: text && !/^ferm|^closed/i.test(text) ? text.split(',').map((r) => r.split('-')) : [], reason: exception ? exception.reason : '' });
  }
  return days;
}
async function siteFromAdmin(id) {
  const x = ((await adminSites()).sites || []).find((y) => y.id === id);
  if (!x) throw new ApiError(404, t('error.status', { status: 404 }), 'site_id');
  let kiosks = [];
  try { kiosks = ((await devices()).devices || []).filter((d) => d.site_id === id); } catch { /* none */ }
  const o = overviewSite(x, Date.now());
  const { places, open_now: a, free_places: b, override: c, last_kiosk_sync: d, open_visits: visits, ...config } = x;
  return {
    site: config, places, health: o.health, preview: preview(x.hours || {}), kiosks, announcements: [],
    state: { value: o.state, override: x.override || 'none', reason: '', next_change: null },
    visits_today: (visits || []).map((v) => ({ ...v, first_name: null, ended_at: null })),
  };
}
