// Boot, hash router, session and navigation of the console.
import * as api from './api.js';
import { h, clear } from './dom.js';
import { t, loadLang, currentLang } from './i18n.js';
import { errorState } from './ui.js';

const ALL = ['coordinator', 'animator', 'elected'];
const STAFF = ['coordinator', 'animator'];
const COORD = ['coordinator'];

// Route → view module (views/NAME.js); `nav` routes are in the menu, for their roles.
const ROUTES = [
  { re: /^login$/, view: 'login', open: true },
  { re: /^invitation\/([A-Za-z0-9_.~-]+)$/, view: 'invitation', open: true },
  { re: /^overview$/, view: 'overview', roles: ALL, nav: 'nav.overview' },
  { re: /^sites\/([a-z0-9-]+)$/, view: 'site', roles: ALL },
  { re: /^announcements$/, view: 'announcements', roles: STAFF, nav: 'nav.announcements' },
  { re: /^kiosks$/, view: 'kiosks', roles: STAFF, nav: 'nav.kiosks' },
  { re: /^messages$/, view: 'messages', roles: STAFF, nav: 'nav.messages' },
  { re: /^anomalies$/, view: 'anomalies', roles: COORD, nav: 'nav.anomalies' },
  { re: /^members$/, view: 'members', roles: COORD, nav: 'nav.members' },
  { re: /^members\/([A-Za-z0-9-]+)$/, view: 'member', roles: COORD },
  { re: /^register$/, view: 'register', roles: COORD },
  { re: /^figures$/, view: 'figures', roles: ['coordinator', 'elected'], nav: 'nav.figures' },
  { re: /^animation$/, view: 'animation', roles: STAFF, nav: 'nav.animators' },
  { re: /^audit$/, view: 'audit', roles: COORD, nav: 'nav.audit' },
  { re: /^accounts$/, view: 'accounts', roles: COORD, nav: 'nav.accounts' },
  { re: /^account$/, view: 'account', roles: ALL, nav: 'nav.account' },
];

const state = { user: null, idleTimeout: 1800, loginReason: '', returnTo: '', cleanups: [], lastInput: Date.now(), renderId: 0 };
const main = document.getElementById('main');

// The hub refuses an animator every other site's page (403): the console does not ask.
function mayOpen({ route, params }) {
  if (!route.roles.includes(state.user.role)) return false;
  if (route.view === 'site' && state.user.role === 'animator') return (state.user.site_ids || []).includes(params[0]);
  return true;
}

function routeOf(hash) {
  // A query after the path (#/figures?period=2025) is the view's own to read.
  const path = hash.replace(/^#\/?/, '').split('?')[0];
  for (const route of ROUTES) {
    const m = path.match(route.re);
    if (m) return { route, params: m.slice(1) };
  }
  return null;
}

export function go(path) {
  if (location.hash === `#/${path}`) render(); else location.hash = `#/${path}`;
}

// A user who has touched nothing for the idle timeout is away: polling stops, so the
// hub's idle timeout ends the session as it would without the console open.
export function userActive() { return Date.now() - state.lastInput < (state.idleTimeout - 60) * 1000; }
for (const type of ['keydown', 'pointerdown', 'wheel']) {
  document.addEventListener(type, () => { state.lastInput = Date.now(); }, { passive: true, capture: true });
}

function runCleanups() {
  state.cleanups.splice(0).forEach((fn) => { try { fn(); } catch { /* a view's leftovers */ } });
}

function renderChrome() {
  const top = document.getElementById('top');
  const nav = document.getElementById('nav');
  const current = routeOf(location.hash);
  top.hidden = false;  // signed out too: the language button stays one click away
  document.getElementById('menu-toggle').hidden = !state.user;
  nav.hidden = !state.user;
  document.getElementById('who').hidden = !state.user;
  document.getElementById('lang').textContent = t('lang.switch');
  document.getElementById('lang').setAttribute('lang', currentLang() === 'fr' ? 'en' : 'fr');
  document.getElementById('menu-toggle').textContent = t('nav.menu');
  document.querySelector('.skip').textContent = t('nav.skip');
  document.querySelector('.brand').textContent = t('app.brand');
  if (!state.user) { clear(nav); return; }
  document.getElementById('who').textContent = `${state.user.email} · ${t(`role.${state.user.role}`)}`;
  const items = ROUTES.filter((r) => r.nav && r.roles.includes(state.user.role)).map((r) => {
    const href = `#/${r.re.source.replace(/^\^|\$$/g, '')}`;
    const here = current && (current.route === r || (r.view === 'overview' && current.route.view === 'site') ||
      (r.view === 'members' && ['member', 'register'].includes(current.route.view)));
    return h('li', {}, h('a', { href, 'aria-current': here ? 'page' : null }, t(r.nav)));
  });
  clear(nav, h('ul', {}, items));
}

async function render() {
  const renderId = ++state.renderId;
  runCleanups();
  let found = routeOf(location.hash);
  if (!found) { location.replace(state.user ? '#/overview' : '#/login'); return; }
  if (!found.route.open && !state.user) {
    state.returnTo = location.hash;
    location.replace('#/login');
    return;
  }
  if (found.route.view === 'login' && state.user) { location.replace('#/overview'); return; }
  if (!found.route.open && !mayOpen(found)) {
    found = null;
  }
  document.getElementById('menu-toggle').setAttribute('aria-expanded', 'false');
  document.getElementById('nav').classList.remove('open');
  renderChrome();
  if (!found) {
    clear(main, h('div', { 'data-view': 'forbidden' }, h('h1', {}, t('forbidden.title')), h('p', {}, t('forbidden.text'))));
    return;
  }
  const ctx = {
    user: state.user,
    params: found.params,
    reason: state.loginReason,
    go,
    onLeave: (fn) => state.cleanups.push(fn),
    userActive,
    signedIn,
    signOut,
    isCurrent: () => renderId === state.renderId,
    can: (roles) => !!state.user && roles.includes(state.user.role),
    // May change things at this site: a coordinator anywhere, an animator at their sites.
    acts: (siteId) => !!state.user && (state.user.role === 'coordinator' ||
      (state.user.role === 'animator' && (state.user.site_ids || []).includes(siteId))),
  };
  let view;
  try {
    const module = await import(`./views/${found.route.view}.js`);
    view = await module.default(ctx);
  } catch (error) {
    view = h('div', { 'data-view': found.route.view }, errorState(error, () => render()));
  }
  if (renderId !== state.renderId) return;
  clear(main, view);
  const heading = main.querySelector('h1');
  document.title = `${heading ? heading.textContent : ''} — ${t('app.title')}`;
  if (document.activeElement === document.body || !main.contains(document.activeElement)) main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

// After login or invitation: the session, then where the user was going.
function signedIn(sessionInfo) {
  state.user = sessionInfo.user;
  state.idleTimeout = sessionInfo.idleTimeout;
  state.loginReason = '';
  state.lastInput = Date.now();
  const target = state.returnTo && !/^#\/(login|invitation)/.test(state.returnTo) ? state.returnTo : '#/overview';
  state.returnTo = '';
  if (location.hash === target) render(); else location.hash = target;
}

async function signOut() {
  try { await api.logout(); } catch { /* the session is gone either way */ }
  state.user = null;
  state.loginReason = 'signed-out';
  location.hash = '#/login';
}

api.onSessionLost((reason) => {
  if (!state.user) return;
  state.user = null;
  state.loginReason = reason;
  const current = routeOf(location.hash);
  state.returnTo = current && !current.route.open ? location.hash : '';
  if (location.hash === '#/login') render(); else location.hash = '#/login';
});

// Away longer than the idle timeout: ask the hub, which answers 401 and brings the login page.
setInterval(() => {
  if (state.user && !userActive() && Date.now() - state.lastInput > state.idleTimeout * 1000) {
    api.session().then((info) => { state.user = info.user; }).catch(() => {
      state.user = null;
      state.loginReason = 'expired';
      location.hash = '#/login';
    });
  }
}, 30000);

async function boot() {
  const hash = location.hash;
  // The catalogue and the session at the same time: the first view waits for both.
  const asked = /^#\/(invitation|login)/.test(hash) ? null : api.session().catch(() => null);
  if (asked && api.wasSignedIn() && /^(#\/?)?(overview)?$/.test(hash)) api.askOverviewEarly();
  await loadLang();
  document.getElementById('lang').addEventListener('click', async () => {
    await loadLang(currentLang() === 'fr' ? 'en' : 'fr');
    render();
  });
  document.getElementById('menu-toggle').addEventListener('click', (event) => {
    const nav = document.getElementById('nav');
    const open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    event.currentTarget.setAttribute('aria-expanded', String(open));
  });
  document.querySelector('.skip').addEventListener('click', (event) => { event.preventDefault(); main.focus(); });
  if (asked) {
    const info = await asked;
    state.user = info ? info.user : null;
    if (info) state.idleTimeout = info.idleTimeout;
    else if (routeOf(hash)) state.returnTo = hash;
  }
  window.addEventListener('hashchange', () => { if (location.hash.startsWith('#/')) render(); });
  render();
}

boot().catch((error) => clear(main, errorState(error, () => location.reload())));
