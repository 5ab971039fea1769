// Animators' hours in the browser: the coordinator designates a member signed up at
// a real kiosk (which hears it at its next sync), confirms a session closed at
// closing time, downloads the month's CSV and links an animator's account, who
// then sees their own hours and nothing of the coordinator's part.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHub, COORDINATOR } from './support/hub.mjs';
import { launchBrowser, openConsole, catalogue, mainText } from './support/browser.mjs';

let hub;
let browser;
const LEA = { email: 'lea.animation@ccsb.example', password: 'léa anime fleurie 2026', role: 'animator', sites: ['fleurie-boulangerie'] };

before(async () => {
  hub = await startHub({ accounts: [LEA] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await hub?.stop();
});

test('the coordinator designates, confirms, exports and links; the animator sees their own hours', { timeout: 120_000 }, async () => {
  const tr = await catalogue(hub);
  const kiosk = await hub.enrollKiosk('fleurie-boulangerie');
  const lea = await kiosk.signUp('Léa');
  assert.ok(lea.ok, `Léa signed up at the kiosk and it synced: ${JSON.stringify(lea)}`);

  let month = '';
  const c = await openConsole(browser, hub);
  try {
    await c.login(COORDINATOR);
    const view = await c.show('animation');
    assert.deepEqual(await c.viewErrors(), [], 'the animators\' page shows no error');

    // Designation: find Léa, tick her site.
    await view.locator('input[name="query"]').fill('Léa');
    await view.getByRole('button', { name: tr('animation.search_button'), exact: true }).click();
    await view.locator(`[data-member-id="${lea.member_id}"]`).getByRole('button', { name: tr('animation.designate') }).click();
    const dialog = c.page.locator('dialog');
    await dialog.getByLabel('Mini-cowork de la boulangerie').check();
    await dialog.getByRole('button', { name: tr('common.save'), exact: true }).click();
    await view.locator(`table[data-table="animators"] tr[data-member-id="${lea.member_id}"]`).waitFor();

    // The kiosk hears it at its next sync: Home offers « J'anime ».
    assert.ok((await kiosk.sync()).ok, 'the kiosk synced');
    assert.equal((await kiosk.view()).has_animators, true, 'the kiosk knows someone animates its site');

    // A session left open until closing time, as the kiosk closed it.
    const session = await kiosk.animate(lea.member_id, 200, 150, 'at_closing');
    assert.ok(session.ok, `the session reached the hub: ${JSON.stringify(session)}`);
    month = await c.page.evaluate((ms) => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', timeZone: 'Europe/Paris' })
      .format(new Date(ms)).slice(0, 7), session.started_at);
    await view.locator('input[name="month"]').fill(month);
    await view.locator('input[name="month"]').dispatchEvent('change');
    const row = view.locator(`tr[data-session-id="${session.session_id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-state'), 'to_confirm', 'a session closed at closing time waits for confirmation');
    assert.match(await row.innerText(), /2,50/, 'its hours, with a decimal comma');
    await row.getByRole('button', { name: tr('animation.confirm'), exact: true }).click();
    await dialog.getByRole('button', { name: tr('animation.confirm'), exact: true }).click();
    await view.locator(`tr[data-session-id="${session.session_id}"][data-state="reviewed"]`).waitFor();

    // The month's CSV: what the link downloads, with the byte-order mark and decimal commas.
    const href = await view.getByRole('link', { name: tr('animation.csv') }).getAttribute('href');
    const csv = await c.page.evaluate(async (url) => {
      const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
      return { bom: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes.slice(3)) };
    }, href);
    assert.deepEqual(csv.bom, [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 byte-order mark');
    assert.match(csv.text, new RegExp(`^${month};Léa;${lea.member_id};Mini-cowork de la boulangerie;2,50;1;0\\r$`, 'm'));

    // Léa's console account, linked to her member.
    await view.locator(`tr[data-member-id="${lea.member_id}"]`).getByRole('button', { name: tr('animation.link') }).click();
    await dialog.locator('select[name="user"]').selectOption({ label: LEA.email });
    await dialog.getByRole('button', { name: tr('common.save'), exact: true }).click();
    await view.locator(`tr[data-member-id="${lea.member_id}"]`).getByText(LEA.email).waitFor();
    c.assertClean('the coordinator\'s animators page');
  } finally {
    await c.close();
  }

  const a = await openConsole(browser, hub);
  try {
    await a.login(LEA);
    const nav = await a.page.$$eval('#nav a[href^="#/"]', (as) => as.map((x) => x.getAttribute('href')));
    assert.ok(nav.includes('#/animation'), 'the animator\'s menu leads to their hours');
    const own = await a.show('animation');
    assert.deepEqual(await a.viewErrors(), [], 'the animator\'s hours show no error');
    await own.locator('input[name="month"]').fill(month);
    await own.locator('input[name="month"]').dispatchEvent('change');
    await own.locator('table[data-table="totals"] tr[data-site-id="fleurie-boulangerie"]').waitFor();
    const text = await mainText(a.page);
    assert.match(text, new RegExp(tr('animation.my_title')), 'their own hours\' title');
    assert.ok(!text.includes(tr('animation.designate_section')), 'no designation for an animator');
    assert.equal(await own.locator('table[data-table="animators"]').count(), 0, 'no list of animators for an animator');
    assert.equal(await own.locator('button').filter({ hasText: tr('animation.correct') }).count(), 0, 'no correction for an animator');
    a.assertClean('the animator\'s hours');
  } finally {
    await a.close();
  }
});
