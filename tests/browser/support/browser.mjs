// Debian's Chromium driven by playwright-core (no browser downloaded), and a console
// page that records every error the browser sees: console errors, uncaught exceptions,
// CSP violations, failed requests and error answers from the hub.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

export const CHROMIUM = process.env.COWORK_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // French formats in the browser's own widgets (a date input reads jj/mm/aaaa): on Linux,
  // Chromium takes its UI locale from LANGUAGE (with --lang as a hint), and needs
  // chromium-l10n for anything but en-US. The contexts say fr-FR too (openConsole).
  '--lang=fr-FR',
];
const CHROMIUM_ENV = { ...process.env, LANGUAGE: 'fr', LANG: 'fr_FR.UTF-8' };

// One Chromium per test file. playwright starts it on a fresh, temporary user-data
// directory of its own and deletes it on close; each context is a clean profile.
export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, env: CHROMIUM_ENV, headless: true, timeout: 60_000 });
}

// Answers that are the console working as designed, not errors: asking for the session
// before anyone signed in.
const EXPECTED_HTTP = [{ status: 401, url: /\/api\/v1\/session$/ }];

// A page of the console at `hub.url`, in a context of its own (cookies, storage).
//   const c = await openConsole(browser, hub); await c.login(COORDINATOR); c.assertClean();
export async function openConsole(browser, hub, { viewport = { width: 1280, height: 800 }, locale = 'fr-FR' } = {}) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, locale, timezoneId: 'Europe/Paris', acceptDownloads: true });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = { console: [], page: [], http: [], failed: [] };
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Chromium logs every 4xx/5xx answer as "Failed to load resource"; those are judged
    // from the responses below, with the URL and the allowed ones.
    if (/^Failed to load resource: the server responded with a status of/.test(text)) return;
    problems.console.push(`${text} (${msg.location().url || 'no url'}:${msg.location().lineNumber})`);
  });
  page.on('pageerror', (error) => problems.page.push(`${error.name}: ${error.message}`));
  page.on('response', (res) => {
    if (res.status() < 400 || !res.url().startsWith(hub.url)) return;
    const path = res.url().slice(hub.url.length);
    if (EXPECTED_HTTP.some((e) => e.status === res.status() && e.url.test(path.split('?')[0]))) return;
    problems.http.push({ status: res.status(), method: res.request().method(), path });
  });
  page.on('requestfailed', (req) => {
    if (req.url().startsWith(hub.url)) problems.failed.push(`${req.method()} ${req.url().slice(hub.url.length)}: ${req.failure() && req.failure().errorText}`);
  });

  const c = {
    context, page, problems,
    // Every error seen so far, as lines; `allowHttp` lists answers the test expects
    // ({status, url: RegExp} against the path), e.g. a 403 for another site's page.
    errors({ allowHttp = [] } = {}) {
      const http = problems.http.filter((r) => !allowHttp.some((a) => a.status === r.status && (!a.url || a.url.test(r.path))));
      return [
        ...problems.console.map((x) => `console error: ${x}`),
        ...problems.page.map((x) => `uncaught exception: ${x}`),
        ...problems.failed.map((x) => `request failed: ${x}`),
        ...http.map((r) => `hub answered ${r.status} to ${r.method} ${r.path}`),
      ];
    },
    assertClean(where, options) {
      const errors = c.errors(options);
      assert.deepEqual(errors, [], `${where || 'the console'}: the browser saw errors:\n  ${errors.join('\n  ')}`);
    },
    reset() { problems.console.length = 0; problems.page.length = 0; problems.http.length = 0; problems.failed.length = 0; },

    async login({ email, password }) {
      const res = await page.goto(`${hub.url}/`);
      if (!res || res.status() !== 200) throw new Error(`GET ${hub.url}/ answered ${res && res.status()}: this hub serves no console (hub/console/, branch console-ui)`);
      await page.waitForSelector('[data-view="login"] input[name="email"]', { timeout: 15_000 })
        .catch(() => { throw new Error(`no login form ([data-view="login"] input[name=email]) at ${hub.url}/: is the console (hub/console/) served by this hub?`); });
      await page.fill('[data-view="login"] input[name="email"]', email);
      await page.fill('[data-view="login"] input[name="password"]', password);
      await page.click('[data-view="login"] button[type="submit"]');
      await page.waitForSelector('[data-view="overview"]', { timeout: 15_000 })
        .catch(async () => { throw new Error(`login as ${email}: the overview did not come; the page says: ${(await mainText(page)).slice(0, 300)}`); });
      c.user = email;
    },

    // Goes to #/ROUTE and waits for its view (data-view=VIEW) drawn with its data; fails at
    // once when the console shows the login page or "Accès réservé" instead.
    async show(route, view) {
      const name = view || route.split('/')[0];
      await page.evaluate((r) => { location.hash = `#/${r}`; }, route);
      const got = await page.waitForFunction((wanted) => {
        const el = document.querySelector('main > [data-view], main [data-view]');
        const v = el && el.getAttribute('data-view');
        return v === wanted || ((v === 'login' || v === 'forbidden') && v !== wanted) ? v : null;
      }, name, { timeout: 15_000 }).then((h) => h.jsonValue()).catch(() => null);
      if (got !== name) {
        throw new Error(`#/${route}: ${got ? `the console shows [data-view="${got}"]` : `no [data-view="${name}"] within 15 s`} instead of [data-view="${name}"]; the page says: ${(await mainText(page)).slice(0, 300)}`);
      }
      await page.waitForFunction(() => !document.querySelector('main .loading'), null, { timeout: 10_000 }).catch(() => {});
      return page.locator(`main [data-view="${name}"]`);
    },

    // The error states a view shows when its data did not come (ui.js errorState).
    async viewErrors() {
      return page.$$eval('main .notice.error, main [role="alert"]:not([hidden])', (els) => els.map((e) => e.textContent.trim()).filter(Boolean));
    },

    close() { return context.close(); },
  };
  return c;
}

export async function mainText(page) {
  return page.evaluate(() => (document.querySelector('main') || document.body).innerText).catch(() => '');
}

// The console's French catalogue as the hub serves it, so tests find buttons by the
// words the console shows without copying them.
export async function catalogue(hub) {
  const r = await hub.request('GET', '/console/i18n/fr.json');
  if (r.status !== 200 || !r.json) throw new Error(`GET /console/i18n/fr.json: ${r.status}: is the console (hub/console/) served by this hub?`);
  // The console puts a narrow no-break space before ; : ! ? » (French typography).
  return (key) => {
    const text = r.json[key];
    if (text === undefined) throw new Error(`the console's catalogue has no key ${key}`);
    return text.replace(/[ \u00a0]([;:!?»])/g, '\u202f$1').replace(/«[ \u00a0]/g, '«\u202f');
  };
}
