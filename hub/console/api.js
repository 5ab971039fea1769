// THE one API client of the console (docs/console-api.md): it alone builds URLs,
// sends the CSRF token, and turns every refusal into an ApiError {status, message, field}.
import { t, typo } from './i18n.js';

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field || '';
    this.retryAfterS = 0;  // a 429's Retry-After, when the hub said it
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
  // The hub's messages are French with plain spaces: shown with the console's typography.
  const message = (data && typeof data.error === 'string' && typo(data.error)) || t('error.status', { status: res.status });
  const error = new ApiError(res.status, message, data && typeof data.field === 'string' ? data.field : '');
  // A 429's wait in whole seconds (the hub sends no date form), for the view to say.
  const retryAfter = Number.parseInt(res.headers.get('Retry-After') || '', 10);
  if (res.status === 429 && retryAfter > 0) error.retryAfterS = retryAfter;
  if (res.status === 401 && !quiet401) {
    csrfToken = '';
    rememberSignedIn(false);
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

// Whether this browser had a session when last seen (the cookie itself is out of the
// page's reach): only then is the first page's data asked for before the session answers,
// so a signed-out visitor's browser asks nothing it will be refused.
const SIGNED_IN_HINT = 'cowork.console.signed-in';
function rememberSignedIn(yes) {
  try {
    if (yes) localStorage.setItem(SIGNED_IN_HINT, '1'); else localStorage.removeItem(SIGNED_IN_HINT);
  } catch { /* private browsing: no hint, no early request */ }
}
export function wasSignedIn() {
  try { return localStorage.getItem(SIGNED_IN_HINT) === '1'; } catch { return false; }
}

// A session answer {user, csrf_token, idle_timeout_s} (login, GET /session, an accepted invitation).
function takeSession(data) {
  rememberSignedIn(true);
  csrfToken = data.csrf_token || '';
  if (!data.user || !data.user.role) throw new ApiError(0, t('error.no_user'), '');
  return { user: { site_ids: [], ...data.user }, idleTimeout: data.idle_timeout_s || 1800 };
}

// ---- session and accounts
export async function session() {
  try {
    return takeSession(await get('/api/v1/session', { quiet401: true }));
  } catch (error) {
    if (error.status === 401) rememberSignedIn(false);
    throw error;
  }
}
export async function login(email, password) {
  return takeSession(await call('POST', '/api/v1/login', { email, password }, { quiet401: true }));
}
export async function logout() {
  try { await post('/api/v1/logout'); } finally { csrfToken = ''; rememberSignedIn(false); }
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
// The overview, asked for at boot beside the session when it is the first page, so that
// opening the console waits for one round trip to the hub, not two. Taken once, fresh.
let earlyOverview = null;
export function askOverviewEarly() {
  const promise = get('/api/v1/console/overview', { quiet401: true });
  promise.catch(() => {});  // not signed in: the login page comes, this is dropped
  earlyOverview = { promise, at: Date.now() };
}
export function overview() {
  const early = earlyOverview;
  earlyOverview = null;
  if (early && Date.now() - early.at < 5000) return early.promise.catch(() => get('/api/v1/console/overview'));
  return get('/api/v1/console/overview');
}
export const site = (id) => get(`/api/v1/console/sites/${enc(id)}`);
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

// ---- figures (a whole month "2026-05", quarter "2026-T2" or year "2026")
export const figures = (period) => get(`/api/v1/admin/figures${query({ period })}`);
// A download link (CSV of one table, or the .xlsx workbook of all).
export const figuresUrl = (period, format, table) => `/api/v1/admin/figures${query({ period, format, table })}`;

// ---- animators' hours
export const animators = () => get('/api/v1/admin/animators');
export const setAnimator = (memberId, site_ids) => put(`/api/v1/admin/animators/${enc(memberId)}`, { site_ids });
export const animationSessions = (month) => get(`/api/v1/admin/animation-sessions${query({ month })}`);
export const correctAnimation = (id, started_at, ended_at) =>
  post(`/api/v1/admin/animation-sessions/${enc(id)}/correction`, { started_at, ended_at });
// A download (a link the browser follows with its cookie).
export const animationHoursCsvUrl = (month) => `/api/v1/admin/animation-hours.csv${query({ month })}`;
export const linkAccountToMember = (userId, member_id) => put(`/api/v1/admin/users/${enc(userId)}/member`, { member_id });

// ---- audit log
export const audit = (filters) => get(`/api/v1/admin/audit${query(filters)}`);
