// The browser's side of the console's defences: a page of another origin posting to the
// hub with the coordinator's cookie changes nothing; markup in a site name is shown as
// text and never runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startHub, COORDINATOR } from './support/hub.mjs';
import { launchBrowser, openConsole, mainText } from './support/browser.mjs';

let hub;
let browser;
const servers = [];

before(async () => {
  hub = await startHub();
  browser = await launchBrowser();
});

after(async () => {
  for (const s of servers) s.close();
  await browser?.close().catch(() => {});
  await hub?.stop();
});

// The attacker's page: a script that posts with the user's cookies (fetch, no-cors and
// CORS), then a form that posts itself (text/plain, a body that parses as JSON).
function attackPage(target, siteId) {
  const url = `${target}/api/v1/admin/sites/${siteId}/override`;
  const body = JSON.stringify({ value: 'closed', reason: 'Fermé par un tiers' });
  const [head, tail] = [body.slice(0, -2), body.slice(-2)];
  return `<!doctype html><html><head><meta charset="utf-8"><title>Offre spéciale</title></head><body>
<form id="f" method="POST" action="${url}" enctype="text/plain">
<input type="hidden" name='${head.replace(/'/g, '&#39;')}' value='${tail}'>
</form>
<script>
(async () => {
  const attempts = [
    () => fetch(${JSON.stringify(url)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body)} }),
    () => fetch(${JSON.stringify(url)}, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: ${JSON.stringify(body)} }),
    () => fetch(${JSON.stringify(`${target}/api/v1/admin/announcements`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ site_ids: [], text: 'Annonce forgée', valid_from: '2026-12-01', valid_until: '2026-12-31' }) }),
  ];
  for (const attempt of attempts) { try { await attempt(); } catch (e) { /* refused by the browser */ } }
  document.title = 'fetches-done';
  document.getElementById('f').submit();
})();
</script></body></html>`;
}

function listen(server) {
  return new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server.address().port)));
}

async function siteState(session, siteId) {
  const sites = (await hub.apiOk(session, 'GET', '/api/v1/admin/sites')).sites;
  const site = sites.find((x) => x.id === siteId);
  return { override: site.override || 'none', name: site.name };
}

for (const scheme of ['https', 'http']) {
  const sameSite = scheme === 'https';
  test(`a forged POST from another origin (${scheme}://127.0.0.1:other port, ${sameSite ? 'same site: the cookie goes' : 'cross-site'}) changes nothing`, { timeout: 60_000 }, async () => {
    const siteId = sameSite ? 'villie-morgon-bar' : 'taponas-epicerie';
    const s = await hub.login(COORDINATOR);
    const before = await siteState(s, siteId);
    const announcementsBefore = (await hub.api(s, 'GET', '/api/v1/admin/announcements')).text;
    assert.equal(before.override, 'none', 'precondition: the site follows its hours');

    const page = attackPage(hub.url, siteId);
    const handler = (req, res) => { res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); res.end(page); };
    const server = sameSite
      ? https.createServer({ cert: readFileSync(join(hub.dataDir, 'tls/cert.pem')), key: readFileSync(join(hub.dataDir, 'tls/key.pem')) }, handler)
      : http.createServer(handler);
    servers.push(server);
    const port = await listen(server);
    const attacker = `${scheme}://127.0.0.1:${port}`;

    const c = await openConsole(browser, hub);
    try {
      await c.login(COORDINATOR);
      const forged = [];
      c.page.on('request', async (req) => {
        if (!req.url().startsWith(hub.url) || req.method() !== 'POST') return;
        const headers = await req.allHeaders().catch(() => ({}));
        forged.push({ req, url: req.url(), cookie: /cowork_session=/.test(headers.cookie || ''), origin: headers.origin });
      });
      await c.page.goto(`${attacker}/`);
      // The form's post lands on the hub's answer (a refusal) or stays: either way, wait for it.
      await c.page.waitForURL((u) => u.toString().startsWith(hub.url), { timeout: 10_000 }).catch(() => {});
      await c.page.waitForTimeout(500);
      assert.ok(forged.length >= 2, `the attacker's page did post to the hub (${forged.length} POSTs seen)`);
      if (sameSite) {
        assert.ok(forged.some((f) => f.cookie), 'precondition: from the same site, the browser sent the session cookie (SameSite=Strict does not stop this one: the hub must)');
      }
      const statuses = [];
      for (const f of forged) {
        const res = await f.req.response().catch(() => null);
        if (res) statuses.push(`${res.status()} ${f.url.slice(hub.url.length)} origin=${f.origin}`);
      }
      assert.ok(statuses.every((x) => Number(x.split(' ')[0]) >= 400), `the hub refused every forged POST it received: ${statuses.join('; ')}`);

      const after = await siteState(s, siteId);
      assert.deepEqual(after, before, 'the site is unchanged');
      assert.equal((await hub.api(s, 'GET', '/api/v1/admin/announcements')).text, announcementsBefore, 'no announcement was published');
      const audit = await hub.api(s, 'GET', `/api/v1/admin/audit?site=${siteId}`);
      if (audit.status === 200) assert.deepEqual(audit.json.entries, [], 'the audit log records no change of the site');
    } finally {
      await c.close();
    }
  });
}

test('markup in a site name is shown as text and never runs', { timeout: 60_000 }, async () => {
  const siteId = 'corcelles-boulangerie';
  const name = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
  const text = '<b>Annonce</b><svg onload="window.__xss=3"></svg>';
  const s = await hub.login(COORDINATOR);
  const listed = (await hub.apiOk(s, 'GET', '/api/v1/admin/sites')).sites.find((x) => x.id === siteId);
  // The configuration part of the listing, as the console sends it back.
  const { places, open_now: a, free_places: b, override: o, last_kiosk_sync: d, open_visits: v, ...config } = listed;
  await hub.apiOk(s, 'PUT', `/api/v1/admin/sites/${siteId}`, { ...config, name });
  await hub.apiOk(s, 'POST', '/api/v1/admin/announcements', { site_ids: [siteId], text, valid_from: '2026-12-01', valid_until: '2027-01-31' });

  const c = await openConsole(browser, hub);
  const dialogs = [];
  c.page.on('dialog', (dialog) => { dialogs.push(dialog.message()); dialog.dismiss().catch(() => {}); });
  try {
    await c.login(COORDINATOR);
    for (const [route, view] of [['overview', 'overview'], [`sites/${siteId}`, 'site'], ['announcements', 'announcements'], ['kiosks', 'kiosks']]) {
      await c.show(route, view);
      await c.page.waitForTimeout(300); // an onerror would have fired by now
      const shown = await mainText(c.page);
      if (route !== 'kiosks') assert.ok(shown.includes(name), `#/${route} shows the site name as text: ${shown.slice(0, 300)}`);
      if (route === 'announcements') assert.ok(shown.includes(text), '#/announcements shows the announcement as text');
      const injected = await c.page.evaluate(() => ({
        xss: window.__xss,
        img: document.querySelectorAll('main img[src="x"], main img[onerror]').length,
        script: [...document.querySelectorAll('main script')].length,
        svg: document.querySelectorAll('main svg[onload]').length,
      }));
      assert.deepEqual(injected, { xss: undefined, img: 0, script: 0, svg: 0 }, `#/${route}: the markup became elements or ran`);
    }
    assert.deepEqual(dialogs, [], 'no dialog opened');
    c.assertClean('markup in a site name');
  } finally {
    await c.close();
  }
});
