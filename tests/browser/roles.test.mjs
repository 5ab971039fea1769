// Roles in the browser: an animator kept to their site, an elected official who never
// sees a first name. Accounts come from `cowork-hub add-user` (accounts branch).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHub, COORDINATOR, ANIMATOR, ELECTED, DEMO_SITES } from './support/hub.mjs';
import { launchBrowser, openConsole, mainText } from './support/browser.mjs';

let hub;
let browser;
// Members signed up at real kiosks: the names an elected official must never see.
const FIRST_NAMES = ['Philomène', 'Anatole', 'Bérénice'];
let membersReady = null;

before(async () => {
  hub = await startHub();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await hub?.stop();
});

// Three members at two kiosks, checked in today (made once, for the test that needs them).
function members() {
  membersReady ||= (async () => {
    const fleurie = await hub.enrollKiosk('fleurie-boulangerie');
    const belleville = await hub.enrollKiosk('belleville-tiers-lieu');
    for (const [kiosk, name] of [[fleurie, FIRST_NAMES[0]], [belleville, FIRST_NAMES[1]], [belleville, FIRST_NAMES[2]]]) {
      const r = await kiosk.signUp(name);
      assert.ok(r.ok, `${name} signed up at the kiosk of ${kiosk.siteId} and it synced: ${JSON.stringify(r)}`);
    }
    await fleurie.sync();
    await belleville.sync();
  })();
  return membersReady;
}

const COORDINATOR_ONLY = ['anomalies', 'members', 'audit', 'accounts'];

test('an animator sees their site, and neither another site\'s page nor the coordinator\'s sections', { timeout: 90_000 }, async () => {
  await hub.addUser(ANIMATOR);
  const c = await openConsole(browser, hub);
  try {
    await c.login(ANIMATOR);
    const nav = await c.page.$$eval('#nav a[href^="#/"]', (as) => as.map((a) => a.getAttribute('href')));
    for (const section of COORDINATOR_ONLY) {
      assert.ok(!nav.includes(`#/${section}`), `the animator's navigation has no link to #/${section} (it has ${nav.join(' ')})`);
    }
    const others = DEMO_SITES.filter((s) => !ANIMATOR.sites.includes(s.id));
    assert.ok(!nav.some((href) => others.some((s) => href.includes(s.id))), 'the navigation links to no other site');

    // Their own site: drawn, with no error.
    const own = await c.show(`sites/${ANIMATOR.sites[0]}`, 'site');
    assert.deepEqual(await c.viewErrors(), [], 'the animator\'s own site page shows no error');
    assert.match(await own.locator('h1').innerText(), /boulangerie/i, 'the animator\'s own site page is drawn');
    c.assertClean('the animator\'s own site');

    // The overview and its map: their site only, and no link to any other site's page.
    await c.show('overview');
    const cards = await c.page.$$eval('main [data-site-id]', (els) => els.map((e) => e.getAttribute('data-site-id')));
    assert.deepEqual(cards, ANIMATOR.sites, 'the animator\'s overview lists their sites only');
    const links = await c.page.$$eval('main a[href^="#/sites/"]', (as) => as.map((a) => a.getAttribute('href')));
    const foreign = links.filter((href) => !ANIMATOR.sites.some((id) => href === `#/sites/${id}`));
    assert.deepEqual(foreign, [], 'the animator\'s overview links to no page they may not open');

    // Another site, typed in the address bar: « Accès réservé », without asking the hub
    // (which would answer 403), and nothing of that site shown.
    const other = 'beaujeu-tiers-lieu';
    const otherName = DEMO_SITES.find((s) => s.id === other).name;
    c.reset();
    await c.show(`sites/${other}`, 'forbidden')
      .catch((error) => { throw new Error(`another site's page (#/sites/${other}) for the animator: ${error.message}`); });
    assert.ok(!(await mainText(c.page)).includes(otherName), `the refused page does not show ${otherName}`);
    c.assertClean('another site\'s page');

    // The coordinator's sections, typed in the address bar: "Accès réservé".
    for (const section of COORDINATOR_ONLY) {
      c.reset();
      await c.show(section, 'forbidden').catch((error) => { throw new Error(`#/${section} for an animator: ${error.message}`); });
      c.assertClean(`#/${section} for an animator`, { allowHttp: [{ status: 403 }] });
    }

    // And the API itself refuses what the console does not show.
    const s = await hub.login(ANIMATOR);
    const r = await hub.api(s, 'GET', `/api/v1/console/sites/${other}`);
    assert.equal(r.status, 403, `GET /api/v1/console/sites/${other} as the animator: ${r.status} ${r.text}`);
    const put = await hub.api(s, 'POST', `/api/v1/admin/sites/${other}/override`, { value: 'closed', reason: 'pas mon lieu' });
    assert.equal(put.status, 403, `closing another site as the animator: ${put.status} ${put.text}`);
  } finally {
    await c.close();
  }
});

test('an elected official never sees a member\'s first name, on any page', { timeout: 120_000 }, async () => {
  await members();
  await hub.addUser(ELECTED);
  const c = await openConsole(browser, hub);
  const bodies = [];
  c.page.on('response', async (res) => {
    if (!res.url().startsWith(`${hub.url}/api/`)) return;
    try { bodies.push({ url: res.url(), text: await res.text() }); } catch { /* no body */ }
  });
  const seen = [];
  const look = async (where) => {
    // The whole document: text, hidden parts and attributes.
    const html = await c.page.evaluate(() => document.documentElement.outerHTML + document.title);
    for (const name of FIRST_NAMES) if (html.includes(name)) seen.push(`${name} on ${where}`);
  };
  try {
    await c.login(ELECTED);
    await look('#/overview');
    const nav = await c.page.$$eval('#nav a[href^="#/"]', (as) => as.map((a) => a.getAttribute('href')));
    for (const section of ['members', 'audit', 'accounts']) {
      assert.ok(!nav.includes(`#/${section}`), `the elected official's navigation has no link to #/${section}`);
    }
    for (const href of nav) {
      await c.page.evaluate((h) => { location.hash = h; }, href);
      await c.page.waitForFunction((h) => location.hash === h && document.querySelector(`main [data-view="${h.slice(2).split('/')[0]}"]`), href);
      await c.page.waitForFunction(() => !document.querySelector('main .loading'), null, { timeout: 10_000 }).catch(() => {});
      await look(href);
    }
    for (const site of DEMO_SITES) {
      await c.show(`sites/${site.id}`, 'site');
      await look(`#/sites/${site.id}`);
    }
    // Pages the elected official has no link to, typed in the address bar.
    for (const route of ['members', 'messages', 'audit', 'announcements', 'kiosks']) {
      await c.page.evaluate((r) => { location.hash = `#/${r}`; }, route);
      await c.page.waitForFunction((r) => document.querySelector(`main [data-view="${r}"], main [data-view="forbidden"]`), route);
      await c.page.waitForTimeout(200);
      await look(`#/${route}`);
    }
    assert.deepEqual(seen, [], 'the elected official saw first names');
    // As they are, or in JSON's \u escapes.
    const escaped = (n) => n.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const leaked = bodies.filter((b) => FIRST_NAMES.some((n) => b.text.includes(n) || b.text.toLowerCase().includes(escaped(n).toLowerCase())));
    assert.deepEqual(leaked.map((b) => b.url), [], 'the hub sent first names to the elected official\'s browser');
    c.assertClean('the elected official\'s pages', { allowHttp: [{ status: 403 }] });
  } finally {
    await c.close();
  }
});

test('the coordinator, unlike the elected official, sees today\'s visitors by first name', { timeout: 60_000 }, async () => {
  // The other side of the test above: the names are there to be hidden.
  await members();
  const c = await openConsole(browser, hub);
  try {
    await c.login(COORDINATOR);
    await c.show('sites/belleville-tiers-lieu', 'site');
    const text = await mainText(c.page);
    assert.ok(text.includes('Anatole') && text.includes('Bérénice'), `the coordinator's site page lists today's visitors by name: ${text.slice(0, 300)}`);
    c.assertClean('the coordinator\'s site page');
  } finally {
    await c.close();
  }
});
