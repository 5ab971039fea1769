// Screenshots of every view of the console, in French, at 1280×800 and 390 px wide (a
// phone), into docs/screenshots/console/, and of the public page « Où travailler
// maintenant ? » and its embed into docs/screenshots/public/ — run by
// scripts/screenshots-console, which builds the hub, the kiosk and the probe first. A real hub with the demo network and a
// demo state worth looking at: kiosks that synced, check-ins, a message to an animator,
// announcements, a site closed for the afternoon, animator and elected accounts.
//   node tests/browser/screenshots.mjs [OUT_DIR] [--public-only]
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startHub, useFakeClock, COORDINATOR, ANIMATOR, ELECTED, SOURCE_DIR } from './support/hub.mjs';
import { launchBrowser, openConsole } from './support/browser.mjs';

const publicOnly = process.argv.includes('--public-only');
const outArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
const out = resolve(outArg || join(SOURCE_DIR, 'docs/screenshots/console'));
const publicOut = resolve(out, '../public');
mkdirSync(out, { recursive: true });
mkdirSync(publicOut, { recursive: true });

const SIZES = [
  { suffix: '1280x800', viewport: { width: 1280, height: 800 } },
  { suffix: '390', viewport: { width: 390, height: 844 } },
];

// [file name, route, data-view, what to do on the page before the shot]
const SHOTS = [
  ['01-login', null, 'login'],
  ['02-overview', 'overview', 'overview'],
  ['03-site', 'sites/fleurie-boulangerie', 'site'],
  ['04-site-closed', 'sites/cercie-cafe', 'site'],
  ['05-announcements', 'announcements', 'announcements'],
  ['06-kiosks', 'kiosks', 'kiosks'],
  ['07-kiosk-enrollment', 'kiosks', 'kiosks', async (page) => {
    await page.selectOption('main select[name="site_id"]', 'quincie-epicerie');
    await page.click('main form:has(select[name="site_id"]) button[type="submit"]');
    await page.waitForSelector('main .install-sheet', { timeout: 10_000 });
    await page.locator('main .install-sheet').scrollIntoViewIfNeeded();
  }],
  ['08-messages', 'messages', 'messages'],
  ['09-anomalies', 'anomalies', 'anomalies'],
  ['10-members', 'members', 'members', async (page) => {
    await page.fill('main input[name="query"]', 'Ma');
    await page.click('main form:has(input[name="query"]) button[type="submit"]');
    await page.waitForSelector('main tr[data-member-id]', { timeout: 10_000 });
  }],
  ['11-member', 'members', 'members', async (page) => {
    await page.fill('main input[name="query"]', 'Margaux');
    await page.click('main form:has(input[name="query"]) button[type="submit"]');
    await page.click('main tr[data-member-id] a');
    await page.waitForSelector('main [data-view="member"]', { timeout: 10_000 });
  }],
  ['12-register', 'register', 'register'],
  ['13-audit', 'audit', 'audit'],
  ['14-accounts', 'accounts', 'accounts'],
  ['15-account', 'account', 'account'],
  ['16-animation', 'animation', 'animation'],
  ['17-animation-correct', 'animation', 'animation', async (page) => {
    await page.click('main tr[data-state="by_animator"] td.buttons button');
    await page.waitForSelector('dialog[open] input[name="ended_at"]', { timeout: 10_000 });
  }],
];

// The demo moment: the last Thursday at 10:30, Paris time, when the sites are open (the
// script usually runs at night, when every site is closed). The hub, kiosks and probe run
// with their clock moved back to it (libfaketime), the browser with its clock set to it;
// without libfaketime, the real time, with a warning.
const PARIS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' });
function parisMinutes(ms) {
  const parts = PARIS.formatToParts(new Date(ms));
  const get = (type) => parts.find((x) => x.type === type).value;
  return { weekday: get('weekday'), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}
function lastThursdayMorning(now) {
  for (let t = Math.floor(now / 60000) * 60000; t > now - 8 * 86400000; t -= 60000) {
    const p = parisMinutes(t);
    if (p.weekday === 'Thu' && p.minutes === 10 * 60 + 30) return t;
  }
  throw new Error('no Thursday in the last 8 days');
}
let clockOffset = 0;
const demoMoment = lastThursdayMorning(Date.now());
if (useFakeClock(demoMoment - Date.now())) clockOffset = demoMoment - Date.now();
else console.warn('screenshots: libfaketime is missing (apt-get install faketime): taken at the real time, sites may all be closed');

async function demoState(hub) {
  const step = async (what, fn) => {
    try { await fn(); } catch (error) { console.warn(`screenshots: ${what} failed, the views will show less: ${error.message.split('\n')[0]}`); }
  };
  for (const account of [ANIMATOR, ELECTED]) await step(`account ${account.email}`, () => hub.addUser(account));
  const s = await hub.login(COORDINATOR);
  const kiosks = {};
  for (const site of ['fleurie-boulangerie', 'belleville-tiers-lieu', 'villie-morgon-bar', 'beaujeu-tiers-lieu', 'lybertec-corpoworking']) {
    await step(`kiosk ${site}`, async () => { kiosks[site] = await hub.enrollKiosk(site); });
  }
  const signedUp = {};
  const visitors = { 'fleurie-boulangerie': ['Margaux'], 'belleville-tiers-lieu': ['Karim', 'Élodie', 'Mathis'], 'villie-morgon-bar': ['Inès'], 'lybertec-corpoworking': ['Thibault', 'Maëlle'] };
  for (const [site, names] of Object.entries(visitors)) {
    for (const name of names) {
      await step(`check-in of ${name}`, async () => { if (kiosks[site]) signedUp[name] = await kiosks[site].signUp(name); });
    }
  }
  // Margaux animates the bakery: a session she ended, one closing time ended; the
  // animator's account is hers.
  await step('an animator', async () => {
    const margaux = signedUp.Margaux.member_id;
    await hub.apiOk(s, 'PUT', `/api/v1/admin/animators/${margaux}`, { site_ids: ['fleurie-boulangerie', 'villie-morgon-bar'] });
    await kiosks['fleurie-boulangerie'].animate(margaux, 60 * 24 * 2 + 60, 150, 'by_animator');
    await kiosks['fleurie-boulangerie'].animate(margaux, 60 * 24, 150, 'at_closing');
    const users = (await hub.apiOk(s, 'GET', '/api/v1/admin/users')).users;
    const account = users.find((u) => u.email === ANIMATOR.email);
    await hub.apiOk(s, 'PUT', `/api/v1/admin/users/${account.id}/member`, { member_id: margaux });
  });
  await step('a message', async () => {
    await kiosks['fleurie-boulangerie'].message('Margaux', '06 12 34 56 78', 'La prise près de la fenêtre ne fonctionne plus. Pouvez-vous passer cette semaine ?');
  });
  await step('announcements', async () => {
    await hub.apiOk(s, 'POST', '/api/v1/admin/announcements', { site_ids: [], text: 'Atelier « Télétravail et droit » jeudi 10 décembre à 18 h au tiers-lieu de Belleville.', valid_from: '2026-12-01', valid_until: '2026-12-10' });
    await hub.apiOk(s, 'POST', '/api/v1/admin/announcements', { site_ids: ['fleurie-boulangerie'], text: 'La boulangerie ferme à midi le 24 décembre.', valid_from: '2026-12-15', valid_until: '2026-12-24' });
  });
  await step('a closure', () => hub.apiOk(s, 'POST', '/api/v1/admin/sites/cercie-cafe/override', { value: 'closed', reason: 'Inventaire' }));
  for (const k of Object.values(kiosks)) await step(`sync ${k.siteId}`, () => k.sync());
}

// The public page from Fleurie on a phone and a desktop, and its embed in a commune's page.
async function publicShots(browser, hub) {
  const shots = [
    ['public-390', { width: 390, height: 844 }, '/public/?commune=Fleurie'],
    ['public-1280x800', { width: 1280, height: 800 }, '/public/?commune=Lanci%C3%A9'],
    ['public-embed-360', { width: 360, height: 600 }, '/public/embed?commune=Beaujeu'],
  ];
  for (const [file, viewport, path] of shots) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    if (clockOffset) await context.clock.setFixedTime(Date.now() + clockOffset);
    const page = await context.newPage();
    try {
      await page.goto(`${hub.url}${path}`);
      await page.waitForSelector('#sites li');
      await page.screenshot({ path: join(publicOut, `${file}.png`), animations: 'disabled', caret: 'hide' });
    } catch (error) {
      console.warn(`screenshots: ${file} failed: ${error.message.split('\n')[0]}`);
    }
    await context.close();
  }
}

const hub = await startHub();
let browser;
try {
  await demoState(hub);
  browser = await launchBrowser();
  await publicShots(browser, hub);
  for (const size of publicOnly ? [] : SIZES) {
    const c = await openConsole(browser, hub, { viewport: size.viewport });
    if (clockOffset) await c.context.clock.setFixedTime(Date.now() + clockOffset);
    const { page } = c;
    for (const [file, route, view, act] of SHOTS) {
      try {
        if (!route) {
          await page.goto(`${hub.url}/`);
          await page.waitForSelector('[data-view="login"]');
        } else {
          if (!c.user) await c.login(COORDINATOR);
          await c.show(route, view);
          if (act) await act(page);
          await page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
        }
        await page.waitForTimeout(250);
        if (!act) await page.evaluate(() => window.scrollTo(0, 0));
        const path = join(out, `${file}-${size.suffix}.png`);
        await page.screenshot({ path, fullPage: false, animations: 'disabled', caret: 'hide' });
      } catch (error) {
        console.warn(`screenshots: ${file} at ${size.suffix} failed: ${error.message.split('\n')[0]}`);
      }
    }
    const errors = c.errors({ allowHttp: [{ status: 404 }] });
    if (errors.length) console.warn(`screenshots (${size.suffix}): the browser saw errors:\n  ${errors.join('\n  ')}`);
    await c.close();
  }
} finally {
  await browser?.close();
  await hub.stop();
}
for (const folder of publicOnly ? [publicOut] : [out, publicOut]) {
  const files = readdirSync(folder).filter((f) => f.endsWith('.png'));
  const bytes = files.reduce((n, f) => n + statSync(join(folder, f)).size, 0);
  console.log(`screenshots: ${files.length} PNG files in ${folder} (${Math.round(bytes / 1024)} KB)`);
}
