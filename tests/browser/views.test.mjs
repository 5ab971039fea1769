// Signing in, and every view of the console drawn with its data and no error in the
// browser, for the coordinator (who sees them all). One hub and one Chromium for the file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHub, COORDINATOR, DEMO_SITES } from './support/hub.mjs';
import { launchBrowser, openConsole, catalogue, mainText } from './support/browser.mjs';

let hub;
let browser;
let c; // the coordinator's console, signed in once for the view tests


before(async () => {
  hub = await startHub();
  browser = await launchBrowser();
  // Something in the views: a kiosk that synced, a visitor, an announcement. Should one
  // of these fail, the views that show them say so; the others still run.
  try {
    const kiosk = await hub.enrollKiosk('fleurie-boulangerie');
    await kiosk.signUp('Apolline');
    const s = await hub.login(COORDINATOR);
    await hub.apiOk(s, 'POST', '/api/v1/admin/announcements', { site_ids: [], text: 'Fermeture exceptionnelle le 24 décembre à midi.', valid_from: '2026-12-01', valid_until: '2026-12-31' });
  } catch (error) {
    process.stderr.write(`views.test: the demo state is incomplete: ${error.message}\n`);
  }
});

// The coordinator's console, signed in (again, if a test before failed on the way).
async function signedIn() {
  if (!c) c = await openConsole(browser, hub);
  if (!c.user) await c.login(COORDINATOR);
  return c;
}

after(async () => {
  await c?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await hub?.stop();
});

test('a wrong password is refused beside its field, the right one opens the overview', { timeout: 60_000 }, async () => {

  const page = (c = await openConsole(browser, hub)).page;
  await page.goto(`${hub.url}/`);
  await page.waitForSelector('[data-view="login"]');
  c.assertClean('the login page');
  await page.fill('input[name="email"]', COORDINATOR.email);
  await page.fill('input[name="password"]', 'pas le bon mot de passe');
  await page.click('[data-view="login"] button[type="submit"]');
  const error = page.locator('[data-view="login"] .field-error:not([hidden]), [data-view="login"] .form-error:not([hidden])');
  await error.first().waitFor({ timeout: 10_000 });
  assert.ok((await error.first().innerText()).trim().length > 0, 'the refusal says why, in words');
  assert.equal(await page.locator('[data-view="overview"]').count(), 0, 'a wrong password must not open the console');
  c.reset(); // the 401 of the wrong password was the point

  await c.login(COORDINATOR);
  const cookies = await c.context.cookies(hub.url);
  const session = cookies.find((k) => k.name === 'cowork_session');
  assert.ok(session, 'the hub sets the cowork_session cookie');
  assert.equal(session.httpOnly, true, 'cowork_session is HttpOnly');
  assert.equal(session.secure, true, 'cowork_session is Secure');
  assert.equal(session.sameSite, 'Strict', 'cowork_session is SameSite=Strict');
  c.assertClean('signing in');
});

// [route, data-view, what it must show]
const VIEWS = [
  ['overview', 'overview', async (view) => {
    for (const site of DEMO_SITES) {
      assert.equal(await view.locator(`[data-site-id="${site.id}"]`).count() > 0, true, `the overview lists ${site.id} (${site.name})`);
    }
    // Fleurie's animator presence is free text (« mar. 10h-12h »): the hub answers
    // present: null, which is no reason to call the animator away.
    const card = await view.locator('[data-site-id="fleurie-boulangerie"]').innerText();
    assert.match(card, /Léa D\./, 'the card names the animator');
    assert.doesNotMatch(card, /absent/i, `a presence the hub cannot tell is not « absent »: ${card}`);
  }],
  ['sites/fleurie-boulangerie', 'site', async (view) => {
    assert.match(await view.locator('h1').innerText(), /boulangerie/i, 'the site page is titled with the site name');
    assert.ok(await view.locator('[data-field="hours.weekly.mon"]').count(), 'the site page has the weekly hours form');
  }],
  ['announcements', 'announcements', async (view) => {
    assert.ok(await view.locator('[data-announcement-id]').count() >= 1, 'the announcement published before is listed');
  }],
  ['kiosks', 'kiosks', async (view) => {
    assert.ok(await view.locator('[data-device-id]').count() >= 1, 'the enrolled kiosk is listed');
  }],
  ['figures', 'figures', async (view) => {
    const text = await view.innerText();
    assert.match(text, /Chiffres d(e |’)[a-zéû]+ \d{4}/, 'the figures name their whole month');
    assert.match(text, /Fréquentation et occupation/, 'the usage table is there');
    assert.match(text, /Note de méthode/, 'the methods note goes with the figures');
    assert.match(text, /«\u202f< 5\u202f»/, 'the note states the suppression rule');
    assert.match(text, /Heures d’animation par lieu/, 'the animators\' hours are a table of the figures');
    assert.ok(await view.locator('svg.chart').count() >= 2, 'the charts are inline SVG');
    const csv = await view.locator('a[href*="format=csv"]').getAttribute('href');
    assert.match(csv, /\/api\/v1\/admin\/figures\?period=\d{4}-\d{2}&format=csv&table=usage/, 'a CSV link for the usage table');
    // A period in the address (a bookmark, a link in a mail) opens the figures of that period.
    await view.page().evaluate(() => { location.hash = '#/figures?period=2025-T3'; });
    await view.page().waitForFunction(() => /3e trimestre 2025/.test(document.querySelector('main [data-view="figures"] h2.period')?.innerText || ''), null, { timeout: 15_000 });
  }],
  ['messages', 'messages'],
  ['anomalies', 'anomalies'],
  ['members', 'members'],
  ['register', 'register', async (view) => {
    const text = await view.innerText();
    assert.ok(text.length > 200, 'the processing register has content');
    // The hub's register (docs/console-api.md) read as headings and lists, not as its JSON keys.
    assert.match(text, /Communauté de Communes Saône-Beaujolais/, 'the register names the controller');
    assert.match(text, /Finalités/, 'the register lists the purposes under their French heading');
    for (const key of ['fields', 'label', 'role', 'months']) {
      assert.ok(!new RegExp(`^${key}$`, 'm').test(text), `the register shows the JSON key « ${key} »: ${text.slice(0, 300)}`);
    }
  }],
  ['audit', 'audit', async (view) => {
    assert.ok(await view.locator('[data-entry-id]').count() >= 1, 'the announcement published before is in the audit log');
  }],
  ['accounts', 'accounts', async (view) => {
    assert.ok(await view.locator(`[data-user-id]`).count() >= 1, 'the coordinator account is listed');
    // At 1280 px the table fits its column: nothing hidden behind a sideways scroll.
    const wrap = await view.locator('.table-wrap').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(wrap.scroll <= wrap.client + 1, `the accounts table scrolls sideways at 1280 px (${wrap.scroll} px in ${wrap.client} px)`);
  }],
  ['account', 'account'],
];

for (const [route, name, check] of VIEWS) {
  test(`the ${name} view (#/${route}) renders with no error`, { timeout: 60_000 }, async () => {
    await signedIn();
    c.reset();
    const view = await c.show(route, name);
    const heading = (await view.locator('h1').first().innerText().catch(() => '')).trim();
    assert.ok(heading, `#/${route} has an <h1>`);
    const shown = await c.viewErrors();
    assert.deepEqual(shown, [], `#/${route} shows an error state: ${shown.join(' | ')}`);
    if (check) await check(view);
    c.assertClean(`#/${route}`);
  });
}

test('a member\'s page names the sites of their visits, not their ids', { timeout: 60_000 }, async () => {
  await signedIn();
  c.reset();
  await c.show('members');
  await c.page.fill('main input[name="query"]', 'Apolline');
  await c.page.click('main form:has(input[name="query"]) button[type="submit"]');
  await c.page.click('main tr[data-member-id] a');
  const view = await c.show(c.page.url().split('#/')[1], 'member');
  const text = await view.innerText();
  const fleurie = DEMO_SITES.find((x) => x.id === 'fleurie-boulangerie').name;
  assert.ok(text.includes(fleurie), `the member's visit at Fleurie says « ${fleurie} »: ${text.slice(0, 400)}`);
  assert.ok(!text.includes('fleurie-boulangerie'), `the member's page shows no site id: ${text.slice(0, 400)}`);
  c.assertClean('the member\'s page');
});

test('every link of the navigation opens a view with no error', { timeout: 90_000 }, async () => {
  if (!c) { c = await openConsole(browser, hub); await c.login(COORDINATOR); }
  c.reset();
  await c.show('overview');
  const links = await c.page.$$eval('#nav a[href^="#/"]', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 8, `the coordinator's navigation has every section (found ${links.join(' ')})`);
  for (const href of links) {
    await c.page.click(`#nav a[href="${href}"]`).catch(async () => {
      // At 390 px the menu folds behind its button.
      await c.page.click('#menu-toggle');
      await c.page.click(`#nav a[href="${href}"]`);
    });
    // The view of that link (its route's first word), not the one it replaces.
    await c.page.waitForFunction((h) => location.hash === h && document.querySelector(`main [data-view="${h.slice(2).split('/')[0]}"]`), href);
    await c.page.waitForFunction(() => !document.querySelector('main .loading'), null, { timeout: 10_000 }).catch(() => {});
    assert.deepEqual(await c.viewErrors(), [], `${href} shows an error state: ${(await mainText(c.page)).slice(0, 200)}`);
  }
  c.assertClean('the navigation');
});

test('the first view\'s modules and the catalogue are asked for at once, before the session', { timeout: 60_000 }, async () => {
  // Loaded one after another (app.js → ui.js, then views/overview.js → format.js), they
  // kept the overview over its 500 ms target: index.html preloads them.
  const own = await openConsole(browser, hub);
  try {
    await own.login(COORDINATOR);
    const asked = [];
    own.page.on('request', (req) => asked.push(new URL(req.url()).pathname));
    await own.page.reload();
    await own.page.waitForSelector('main [data-view="overview"] [data-site-id]');
    const session = asked.indexOf('/api/v1/session');
    assert.ok(session > 0, `the console asks for its session on load: ${asked.join(' ')}`);
    for (const file of ['/console/ui.js', '/console/format.js', '/console/views/overview.js', '/console/i18n/fr.json']) {
      const at = asked.indexOf(file);
      assert.ok(at >= 0 && at < session, `${file} is asked for before /api/v1/session, not after it: ${asked.join(' ')}`);
    }
    own.assertClean('the first load');
  } finally {
    await own.close();
  }
});

test('opening on the overview asks for its data while the session is still on its way', { timeout: 60_000 }, async () => {
  // One round trip to the hub, not two: the overview is not kept waiting for the session.
  const own = await openConsole(browser, hub);
  try {
    await own.login(COORDINATOR);
    let sessionHeld = false;
    let overviewAskedWhileHeld = false;
    await own.page.route('**/api/v1/session', async (route) => {
      sessionHeld = true;
      await new Promise((resolve) => setTimeout(resolve, 400));
      sessionHeld = false;
      await route.continue();
    });
    own.page.on('request', (req) => {
      if (new URL(req.url()).pathname === '/api/v1/console/overview' && sessionHeld) overviewAskedWhileHeld = true;
    });
    await own.page.reload();
    await own.page.waitForSelector('main [data-view="overview"] [data-site-id]');
    assert.ok(overviewAskedWhileHeld, 'the overview is asked for before the session answers');
    const overviews = [];
    own.page.on('request', (req) => { if (new URL(req.url()).pathname === '/api/v1/console/overview') overviews.push(req); });
    await own.page.goto(`${hub.url}/#/kiosks`);
    await own.page.waitForSelector('main [data-view="kiosks"]');
    await own.page.goto(`${hub.url}/#/overview`);
    await own.page.waitForSelector('main [data-view="overview"] [data-site-id]');
    assert.equal(overviews.length, 1, 'coming back to the overview asks the hub again (the early answer is used once)');
    own.assertClean('the first load');
  } finally {
    await own.close();
  }
});

test('signing out returns to the login page, and the session is gone', { timeout: 60_000 }, async () => {
  const own = await openConsole(browser, hub);
  try {
    await own.login(COORDINATOR);
    await own.show('account');
    await own.page.getByRole('button', { name: (await catalogue(hub))('account.signout'), exact: true }).click();
    await own.page.waitForSelector('[data-view="login"]');
    await own.page.evaluate(() => { location.hash = '#/overview'; });
    await own.page.waitForSelector('[data-view="login"]');
    assert.equal(await own.page.locator('[data-view="overview"]').count(), 0, 'after signing out, the overview asks to sign in again');
    own.assertClean('signing out', { allowHttp: [{ status: 401 }] });
  } finally {
    await own.close();
  }
});

test('the figures print as the A4 report for the Commission des maires', { timeout: 60_000 }, async () => {
  const c = await signedIn();
  await c.show('figures');
  await c.page.emulateMedia({ media: 'print' });
  const shown = await c.page.evaluate(() => ({
    picker: getComputedStyle(document.querySelector('[data-view="figures"] form')).display,
    nav: getComputedStyle(document.getElementById('nav')).display,
    methods: document.querySelector('[data-view="figures"] .methods').innerText,
  }));
  assert.equal(shown.picker, 'none', 'the period picker is not printed');
  assert.equal(shown.nav, 'none', 'the navigation is not printed');
  assert.match(shown.methods, /Note de méthode[\s\S]*périodes civiles entières/, 'the methods note is printed');
  // Printed, the tables are tables (not the phone's cards), their cells wrap between words
  // only, and each fits its page: A4 portrait less 2 × 15 mm is 680 CSS px wide; tables of
  // more than 6 columns take a landscape page (297 mm less 2 × 12 mm: 1,032 px).
  const size = c.page.viewportSize();
  const tablesAt = async (width) => {
    await c.page.setViewportSize({ width, height: 900 });
    return c.page.$$eval('[data-view="figures"] .figure-table', (sections) => sections.map((section) => {
      const table = section.querySelector('table');
      const rowHead = getComputedStyle(table.querySelector('tbody th, thead th'));
      return {
        id: table.dataset.table,
        wide: section.classList.contains('wide'),
        columns: table.querySelectorAll('thead th').length,
        page: getComputedStyle(section).page,
        display: getComputedStyle(table).display,
        wraps: `${rowHead.overflowWrap} ${rowHead.wordBreak}`,
        width: table.scrollWidth,
      };
    }));
  };
  const portrait = await tablesAt(680);
  const landscape = await tablesAt(1032);
  await c.page.setViewportSize(size);
  assert.ok(portrait.length >= 5, `the figures' tables are printed (${portrait.length})`);
  for (const [i, table] of portrait.entries()) {
    assert.equal(table.display, 'table', `the table ${table.id} prints as a table`);
    assert.equal(table.wraps, 'normal normal', `the table ${table.id}'s cells wrap between words only`);
    assert.equal(table.wide, table.columns > 6, `the table ${table.id} (${table.columns} columns) is wide only past 6 columns`);
    assert.equal(table.page, table.wide ? 'wide' : 'auto', `the table ${table.id} takes ${table.wide ? 'a landscape' : 'a portrait'} page`);
    const width = table.wide ? landscape[i].width : table.width;
    const room = table.wide ? 1032 : 680;
    assert.ok(width <= room, `the table ${table.id} fits its page's width (${width} px for ${room})`);
  }
  const pdf = await c.page.pdf({ format: 'A4', printBackground: true });
  // The PDF read back as a reader would (poppler-utils, installed by scripts/setup).
  const dir = mkdtempSync(join(tmpdir(), 'figures-pdf-'));
  try {
    const file = join(dir, 'rapport.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number((info.match(/^Pages:\s+(\d+)/m) || [])[1]);
    assert.ok(pages >= 2 && pages <= 12, `the report is a few A4 pages (${pages})`);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' })
      .match(/^Page\s+\d+ size:\s+[\d.]+ x [\d.]+ pts/gm).map((line) => line.match(/([\d.]+) x ([\d.]+)/).slice(1).map(Number));
    assert.deepEqual([...new Set(sizes.map(([w, hh]) => `${Math.floor(w)}×${Math.floor(hh)}`))].sort(), ['595×842', '842×595'],
      'the pages are A4, portrait and, for the wide tables, landscape');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    assert.match(text, /Chiffres du réseau/, 'the report\'s title is in the PDF\'s text');
    assert.match(text, /Chiffres d(e |’)\S+ \d{4}/, 'so is the period it covers');
    // The test hub's network is configured now: the last ended month has no site yet, so the
    // names read back are the communes' of the map (accents included), not the sites'.
    assert.match(text, /Saint-Étienne-la-Varenne/, 'a commune\'s name from the map is in the PDF\'s text');
    assert.match(text, /Fréquentation et occupation/, 'so is the usage table\'s title');
    assert.match(text, /Note de méthode/, 'the methods note has its heading');
    assert.match(text, /périodes civiles entières/, 'and its text');
    assert.match(text, /affiché « < 5 »/, 'the suppression rule is printed with its guillemets');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await c.page.emulateMedia({ media: 'screen' });
  c.assertClean('the figures report');
});
