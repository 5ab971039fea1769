// Screenshots of every view of the console, in French, at 1280×800 and 390 px wide (a
// phone), into docs/screenshots/console/ — run by scripts/screenshots-console, which
// builds the hub, the kiosk and the probe first. A real hub with the demo network and a
// demo state worth looking at: kiosks that synced, check-ins, a message to an animator,
// announcements, a site closed for the afternoon, animator and elected accounts.
//   node tests/browser/screenshots.mjs [OUT_DIR]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hub, startHub, useFakeClock, COORDINATOR, ANIMATOR, ELECTED, SOURCE_DIR } from './support/hub.mjs';
import { launchBrowser, openConsole } from './support/browser.mjs';

const out = resolve(process.argv[2] || join(SOURCE_DIR, 'docs/screenshots/console'));
mkdirSync(out, { recursive: true });

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
  const visitors = { 'fleurie-boulangerie': ['Margaux'], 'belleville-tiers-lieu': ['Karim', 'Élodie', 'Mathis'], 'villie-morgon-bar': ['Inès'], 'lybertec-corpoworking': ['Thibault', 'Maëlle'] };
  for (const [site, names] of Object.entries(visitors)) {
    for (const name of names) await step(`check-in of ${name}`, async () => { if (kiosks[site]) await kiosks[site].signUp(name); });
  }
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

// The Chiffres view needs a whole past month of visits: a hub of its own, started again
// at the end of each weekday of the month before the demo moment's (libfaketime), where
// the kiosks record that day's visits of members from the CCSB's communes; then the view
// and its printed report (first page, pdftoppm) at the demo moment.
const FIGURE_SITES = {
  'belleville-tiers-lieu': ['Belleville-en-Beaujolais', 'Taponas', 'Saint-Georges-de-Reneins', 'Dracé', 'Charentay', 'Hors du territoire', 'Belleville-en-Beaujolais', 'Saint-Lager'],
  'beaujeu-tiers-lieu': ['Beaujeu', 'Lantignié', 'Les Ardillats', 'Deux-Grosnes', 'Marchampt', 'Beaujeu', 'Saint-Didier-sur-Beaujeu'],
  'fleurie-boulangerie': ['Fleurie', 'Chiroubles', 'Fleurie', 'Chénas', 'Vauxrenard', 'Émeringes'],
  'villie-morgon-bar': ['Villié-Morgon', 'Régnié-Durette', 'Villié-Morgon', 'Lancié', 'Corcelles-en-Beaujolais'],
  'lybertec-corpoworking': ['Belleville-en-Beaujolais', 'Hors du territoire', 'Cercié', 'Odenas', 'Quincié-en-Beaujolais', 'Juliénas'],
};
const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon', 'Théo', 'Inès', 'Jules', 'Zoé', 'Nathan', 'Élise', 'Louis', 'Clara', 'Gabriel', 'Jade', 'Raphaël', 'Lou', 'Arthur', 'Anaïs', 'Paul', 'Maëlys', 'Tom', 'Romane', 'Noé', 'Lina', 'Sacha', 'Éva', 'Adam', 'Agathe', 'Victor', 'Alice'];

function parisTime(year, month, day, hour, minute) {
  // Paris is UTC+1 in November-March and UTC+2 from April to October (close enough for a demo).
  const offset = month >= 4 && month <= 10 ? 2 : 1;
  return Date.UTC(year, month - 1, day, hour - offset, minute);
}

async function figuresShots(sizes) {
  const moment = new Date(demoMoment);
  const year = moment.getUTCMonth() === 0 ? moment.getUTCFullYear() - 1 : moment.getUTCFullYear();
  const month = moment.getUTCMonth() === 0 ? 12 : moment.getUTCMonth();  // 1-12, the month before
  const days = [];
  for (let d = 1; d <= 31; d += 1) {
    const at = new Date(Date.UTC(year, month - 1, d));
    if (at.getUTCMonth() !== month - 1) break;
    if (at.getUTCDay() >= 1 && at.getUTCDay() <= 5) days.push(d);
  }
  const hub = new Hub(mkdtempSync(join(tmpdir(), 'cowork-figures-')));
  const port = 20000 + Math.floor(Math.random() * 30000);
  const at = (ms) => { useFakeClock(ms - Date.now()); };
  try {
    // The network configured the day before the month starts.
    at(parisTime(year, month, 1, 8, 0) - 86400000);
    await hub.start({ port });
    await hub.addUser(COORDINATOR);
    const kiosks = {};
    const members = {};
    let n = 0;
    for (const [site, communes] of Object.entries(FIGURE_SITES)) {
      kiosks[site] = await hub.enrollKiosk(site);
      members[site] = [];
      for (const commune of communes) {
        const r = await kiosks[site].signUp(FIRST_NAMES[n % FIRST_NAMES.length], commune);
        members[site].push(r.member_id);
        n += 1;
      }
    }
    await hub.stop({ keepData: true });
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (const day of days) {
      at(parisTime(year, month, day, 18, 30));
      await hub.start({ port });
      for (const [site, ids] of Object.entries(members)) {
        const visitors = [...ids.filter(() => random() < 0.6), ...(random() < 0.5 ? ['-'] : [])];
        for (const id of visitors) {
          const startedAgo = 60 + Math.floor(random() * 8) * 60;  // between 09:30 and 17:30
          await kiosks[site].pastVisit(id, startedAgo, Math.min(startedAgo - 30, 60 + Math.floor(random() * 4) * 60));
        }
      }
      await hub.stop({ keepData: true });
    }
    useFakeClock(demoMoment - Date.now());
    await hub.start({ port });
    for (const size of sizes) {
      const c = await openConsole(browser, hub, { viewport: size.viewport });
      if (clockOffset) await c.context.clock.setFixedTime(Date.now() + clockOffset);
      await c.login(COORDINATOR);
      await c.show('figures');  // the browser's clock is the demo moment's: its last month is the one filled
      await c.page.waitForSelector('main [data-view="figures"] .key-figures', { timeout: 20_000 });
      await c.page.waitForTimeout(250);
      await c.page.screenshot({ path: join(out, `16-figures-${size.suffix}.png`), fullPage: false, animations: 'disabled', caret: 'hide' });
      if (size.suffix === '1280x800') {
        await c.page.emulateMedia({ media: 'print' });
        const pdf = await c.page.pdf({ format: 'A4', printBackground: true });
        const dir = mkdtempSync(join(tmpdir(), 'figures-report-'));
        try {
          writeFileSync(join(dir, 'rapport.pdf'), pdf);
          execFileSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-r', '80', '-singlefile', join(dir, 'rapport.pdf'), join(out, '17-figures-report-a4')]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
      const errors = c.errors({ allowHttp: [{ status: 404 }] });
      if (errors.length) console.warn(`screenshots (figures, ${size.suffix}): the browser saw errors:\n  ${errors.join('\n  ')}`);
      await c.close();
    }
  } finally {
    await hub.stop();
    useFakeClock(demoMoment - Date.now());
  }
}

let browser;
try {
  browser = await launchBrowser();
  if (clockOffset) {
    try { await figuresShots(SIZES); } catch (error) { console.warn(`screenshots: the figures failed: ${error.stack}`); }
  } else {
    console.warn('screenshots: no libfaketime, no past month of visits: the figures are not shot');
  }
} catch (error) {
  await browser?.close();
  throw error;
}
const hub = await startHub();
try {
  await demoState(hub);
  for (const size of SIZES) {
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
const files = readdirSync(out).filter((f) => f.endsWith('.png'));
const bytes = files.reduce((n, f) => n + statSync(join(out, f)).size, 0);
console.log(`screenshots: ${files.length} PNG files in ${out} (${Math.round(bytes / 1024)} KB)`);
