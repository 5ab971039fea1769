// What the coordinator does in the console reaches real kiosks: hours, a closure, a
// new kiosk enrolled from the console's code, a member exported then forgotten. Each
// test works on a site of its own, so that they stay independent on the shared hub.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startHub, COORDINATOR } from './support/hub.mjs';
import { launchBrowser, openConsole, catalogue, mainText } from './support/browser.mjs';

let hub;
let browser;

before(async () => {
  hub = await startHub();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await hub?.stop();
});

async function coordinatorConsole() {
  const c = await openConsole(browser, hub);
  await c.login(COORDINATOR);
  return c;
}

// The console's confirmation dialog (ui.js confirmDialog): its confirming button.
async function confirm(page) {
  await page.locator('dialog[open] button[value="yes"]').click();
}

test('hours changed in the console are the kiosk\'s after its next sync', { timeout: 90_000 }, async () => {
  const site = 'quincie-epicerie';
  const kiosk = await hub.enrollKiosk(site);
  const before = await kiosk.view();
  assert.notEqual(before.site.hours.weekly.sat, '09:15-12:45', 'precondition: the kiosk has the network file\'s Saturday hours');
  const c = await coordinatorConsole();
  try {
    const view = await c.show(`sites/${site}`, 'site');
    const saturday = view.locator('[data-field="hours.weekly.sat"]');
    await saturday.fill('09:15-12:45');
    await view.locator('form:has([data-field="hours.weekly.sat"]) button[type="submit"]').click();
    // Saved: the hub has it (the console reloads the site from the hub).
    await c.page.waitForFunction(() => document.querySelector('[data-field="hours.weekly.sat"]')?.value === '09:15-12:45'
      && !document.querySelector('form:has([data-field="hours.weekly.sat"]) button[aria-busy]'));
    assert.deepEqual(await c.viewErrors(), [], `saving the hours showed an error: ${(await mainText(c.page)).slice(0, 300)}`);
    const s = await hub.login(COORDINATOR);
    const sites = (await hub.apiOk(s, 'GET', '/api/v1/admin/sites')).sites;
    assert.equal(sites.find((x) => x.id === site).hours.weekly.sat, '09:15-12:45', 'the hub stored the new Saturday hours');

    const sync = await kiosk.sync();
    assert.ok(sync.ok, `the kiosk synced: ${JSON.stringify(sync)}`);
    const after = await kiosk.view();
    assert.equal(after.site.hours.weekly.sat, '09:15-12:45', 'the kiosk shows the Saturday hours set in the console');
    assert.equal(after.site.hours.weekly.mon, before.site.hours.weekly.mon, 'the other days are unchanged on the kiosk');
    c.assertClean('changing the hours');
  } finally {
    await c.close();
  }
});

test('a site closed from the console is closed on its kiosk after its next sync', { timeout: 90_000 }, async () => {
  const site = 'cercie-cafe';
  const kiosk = await hub.enrollKiosk(site);
  assert.equal((await kiosk.view()).override, 'none', 'precondition: the kiosk follows its hours');
  const c = await coordinatorConsole();
  try {
    const view = await c.show(`sites/${site}`, 'site');
    await view.locator('input[name="reason"]').first().fill('Inventaire annuel');
    await view.locator('button[data-override="closed"]').click();
    await c.page.waitForFunction(() => document.querySelector('main [data-view="site"] [data-state="closed"]'), null, { timeout: 10_000 })
      .catch(async () => { throw new Error(`after « Fermer maintenant », the site page does not show the site closed: ${(await mainText(c.page)).slice(0, 400)}`); });

    const sync = await kiosk.sync();
    assert.ok(sync.ok, `the kiosk synced: ${JSON.stringify(sync)}`);
    const v = await kiosk.view();
    assert.equal(v.override, 'closed', 'the kiosk holds the closure made in the console');
    assert.equal(v.open, false, 'the kiosk does not take check-ins');
    assert.equal(v.reason, 'Inventaire annuel', 'the kiosk shows the reason given in the console');
    await c.page.waitForFunction(() => /Inventaire annuel/.test(document.querySelector('main').innerText), null, { timeout: 10_000 })
      .catch(() => { throw new Error('the site page does not show the reason of the closure'); });

    // The overview shows it too.
    const overview = await c.show('overview');
    assert.equal(await overview.locator(`[data-site-id="${site}"][data-state="closed"]`).count() > 0, true, 'the overview shows the site closed');
    c.assertClean('closing a site');
  } finally {
    await c.close();
  }
});

test('a kiosk enrolls with the code and pin the console shows', { timeout: 90_000 }, async () => {
  const site = 'lantignie-bar';
  const c = await coordinatorConsole();
  try {
    const view = await c.show('kiosks');
    const rowsBefore = await view.locator('tr[data-device-id]').count();
    await view.locator('select[name="site_id"]').selectOption(site);
    await view.locator('form:has(select[name="site_id"]) button[type="submit"]').click();
    const sheet = view.locator('.install-sheet[data-code]');
    await sheet.waitFor({ timeout: 10_000 })
      .catch(async () => { throw new Error(`no installation sheet after « Créer un code d’enrôlement »: ${(await mainText(c.page)).slice(0, 400)}`); });
    const code = await sheet.getAttribute('data-code');
    if (!await sheet.locator('.enroll-file').count()) {
      throw new Error(`the installation sheet has no cowork-enroll.txt (.enroll-file): POST /api/v1/admin/enrollment-codes gave no enroll_file; the sheet says: ${(await sheet.innerText()).slice(0, 300)}`);
    }
    // The exact content of cowork-enroll.txt, as printed on the sheet.
    const file = await sheet.locator('.enroll-file').innerText();
    const fields = Object.fromEntries(file.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    assert.equal(fields.code, code, 'cowork-enroll.txt carries the code shown');
    assert.match(fields.pin || '', /^sha256\/\/[A-Za-z0-9+/=]+/, 'cowork-enroll.txt carries the hub\'s pin');
    assert.ok(fields.pin.split(/[;,]/).includes(hub.pin), `the pin shown (${fields.pin}) is the hub's (${hub.pin})`);
    const pinsShown = await sheet.innerText();
    assert.ok(pinsShown.includes(hub.pin), 'the sheet shows the hub\'s pin');
    assert.ok(await sheet.locator('.qr svg').count(), 'the sheet has the QR code');
    assert.ok((fields.url || '').startsWith('https://'), `cowork-enroll.txt carries the hub's address (${fields.url})`);

    // The installer's command, with what was read on the page (on 127.0.0.1: this hub).
    const kiosk = await hub.enrollKiosk(site, { code, pin: fields.pin });
    const v = await kiosk.view();
    assert.equal(v.site.id, site, 'the kiosk enrolled for the site chosen in the console');

    await c.show('overview');
    const list = await c.show('kiosks');
    assert.equal(await list.locator('tr[data-device-id]').count(), rowsBefore + 1, 'the new kiosk is listed in the console');
    c.assertClean('enrolling a kiosk');
  } finally {
    await c.close();
  }
});

test('a member exported then deleted in the console is forgotten by the kiosk after its next sync', { timeout: 90_000 }, async () => {
  const site = 'chiroubles-multiservice';
  const kiosk = await hub.enrollKiosk(site);
  const signUp = await kiosk.signUp('Eulalie');
  assert.ok(signUp.ok, `the member signed up at the kiosk and it synced: ${JSON.stringify(signUp)}`);
  assert.ok((await kiosk.view()).members.some((m) => m.id === signUp.member_id), 'precondition: the kiosk knows the member');
  const t = await catalogue(hub);
  const c = await coordinatorConsole();
  try {
    const view = await c.show('members');
    await view.locator('input[name="query"]').fill('Eula');
    await view.locator('form:has(input[name="query"]) button[type="submit"]').click();
    const row = view.locator(`tr[data-member-id="${signUp.member_id}"]`);
    await row.waitFor({ timeout: 10_000 })
      .catch(async () => { throw new Error(`searching « Eula » does not list the member: ${(await mainText(c.page)).slice(0, 400)}`); });
    await row.locator('a').first().click();
    const member = await c.show(`members/${signUp.member_id}`, 'member');
    assert.match(await member.locator('h1').innerText(), /Eulalie/, 'the member page names the member');

    // Export (JSON): a download with the member's data.
    const [download] = await Promise.all([
      c.page.waitForEvent('download', { timeout: 10_000 }),
      member.locator('a[href*="/export"][href*="format=json"]').click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.match(JSON.stringify(exported), /Eulalie/, 'the export holds the member\'s first name');
    // The code as the kiosk printed it (its dash for reading aloud aside).
    assert.ok(JSON.stringify(exported).replace(/-/g, '').includes(signUp.code.replace(/-/g, '')), 'the export holds the member\'s code');
    assert.ok(JSON.stringify(exported).includes(signUp.member_id), 'the export holds the member\'s id');

    // Delete, confirmed.
    await member.getByRole('button', { name: t('member.delete'), exact: true }).click();
    await confirm(c.page);
    await c.page.waitForFunction(() => location.hash === '#/members', null, { timeout: 10_000 })
      .catch(async () => { throw new Error(`after deleting, the console did not go back to the members: ${(await mainText(c.page)).slice(0, 300)}`); });
    const s = await hub.login(COORDINATOR);
    const found = await hub.apiOk(s, 'POST', '/api/v1/admin/members/search', { query: 'Eulalie' });
    assert.deepEqual(found.members, [], 'the hub no longer finds the member');

    const sync = await kiosk.sync();
    assert.ok(sync.ok, `the kiosk synced: ${JSON.stringify(sync)}`);
    const v = await kiosk.view();
    assert.equal(v.members.some((m) => m.id === signUp.member_id || m.first_name === 'Eulalie'), false, 'the kiosk forgot the member');
    c.assertClean('exporting and deleting a member');
  } finally {
    await c.close();
  }
});
