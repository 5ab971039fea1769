// The public side of the hub, as a visitor and a data re-user meet it: the open-data
// feed (GBFS 3.0's shape, checked against the spec's JSON schema where it applies),
// its CSV files, the page « Où travailler maintenant ? » in Chromium and its embed in
// a page of another origin; and no personal data anywhere, with members of the demo
// network signed up and checked in at real kiosks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire, Module } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { startHub, NETWORK_FILE } from './support/hub.mjs';
import { launchBrowser } from './support/browser.mjs';

const require = createRequire(import.meta.url);
// Debian's node-ajv (JSON Schema draft-07, as GBFS's schemas are): nothing downloaded.
// Debian puts node modules in /usr/share/nodejs, which only Debian's own node searches:
// ajv finds its dependencies there once NODE_PATH names it.
function debianAjv() {
  const debian = '/usr/share/nodejs';
  if (!(process.env.NODE_PATH || '').split(':').includes(debian)) {
    process.env.NODE_PATH = [debian, process.env.NODE_PATH].filter(Boolean).join(':');
    Module._initPaths();
  }
  try { return require(`${debian}/ajv`); } catch { return null; }
}

// ---- GBFS 3.0 (MobilityData/gbfs-json-schema, folder v3.0: gbfs.json and
// station_status.json, station_information.json), the parts that apply ----
// Every file: the envelope as the spec writes it (last_updated RFC 3339, ttl ≥ 0,
// version "3.0", data; nothing else at the top).
const envelope = (data) => ({
  $schema: 'http://json-schema.org/draft-07/schema',
  type: 'object',
  properties: {
    last_updated: { type: 'string', format: 'date-time' },
    ttl: { type: 'integer', minimum: 0 },
    version: { type: 'string', const: '3.0' },
    data,
  },
  additionalProperties: false,
  required: ['last_updated', 'ttl', 'version', 'data'],
});
// The licence, as GBFS's system_information gives it (license_url, attribution_organization_name).
const licence = {
  license_id: { type: 'string', const: 'etalab-2.0' },
  license_url: { type: 'string', format: 'uri' },
  attribution_organization_name: { type: 'string', minLength: 1 },
};
// gbfs.json: the spec's feeds array. Its enum of feed names and its "contains
// system_information / station_status" rules are left out: our feeds (sites, status,
// communes) are not bike-share feed types, and their names say so.
const GBFS_SCHEMA = envelope({
  type: 'object',
  properties: {
    ...licence,
    feeds: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } }, required: ['name', 'url'] },
    },
  },
  required: ['feeds', 'license_id', 'license_url'],
});
// status.json: station_status's typing (ids as strings, counts as integers ≥ 0,
// booleans, last_reported RFC 3339), with null where the hub has no figure yet.
const STATUS_SCHEMA = envelope({
  type: 'object',
  properties: {
    ...licence,
    sites: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          site_id: { type: 'string', minLength: 1 },
          is_open: { type: 'boolean' },
          num_places_available: { type: ['integer', 'null'], minimum: 0 },
          num_places_in_service: { type: 'integer', minimum: 0 },
          last_reported: { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }] },
        },
        required: ['site_id', 'is_open', 'num_places_available', 'num_places_in_service', 'last_reported'],
        additionalProperties: false,
      },
    },
  },
  required: ['sites', 'license_id', 'license_url'],
});
// sites.json: station_information's lat/lon (WGS84 degrees), name, address and
// capacity (our places), plus what a coworking site has.
const SITES_SCHEMA = envelope({
  type: 'object',
  properties: {
    ...licence,
    sites: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          site_id: { type: 'string', minLength: 1 },
          name: { type: 'string', minLength: 1 },
          kind: { enum: ['mini-cowork', 'tiers-lieu', 'corpoworking'] },
          commune: { type: 'string', minLength: 1 },
          insee: { type: 'string', pattern: '^([0-9]{5}|2[AB][0-9]{3})$' },
          address: { type: 'string' },
          lat: { type: 'number', minimum: -90, maximum: 90 },
          lon: { type: 'number', minimum: -180, maximum: 180 },
          places: { type: 'integer', minimum: 0 },
          opening_hours: { type: 'string', minLength: 1 },
        },
        required: ['site_id', 'name', 'kind', 'commune', 'address', 'lat', 'lon', 'places', 'opening_hours'],
        additionalProperties: false,
      },
    },
  },
  required: ['sites', 'license_id', 'license_url'],
});

// ---- The data: members with every kind of detail, checked in at real kiosks ----
const MEMBERS = [
  { site: 'fleurie-boulangerie', firstName: 'Philomène', email: 'philomene.rivoire@exemple.fr', phone: '+33 6 12 34 56 78' },
  { site: 'beaujeu-tiers-lieu', firstName: 'Anatole', email: 'anatole.b@exemple.fr', phone: '07 98 76 54 32' },
  { site: 'beaujeu-tiers-lieu', firstName: 'Bérénice', email: 'berenice@exemple.org', phone: '0611223344' },
];
const MESSAGE = { from: 'Zéphyrin Mollard', contact: 'zephyrin.m@exemple.fr', text: 'La prise près de la fenêtre ne marche plus' };

let hub;
let browser;
const secrets = [];

async function get(path, headers = {}) {
  const r = await hub.request('GET', path, { headers });
  return r;
}

// The feed is rebuilt at most once a second after a change: wait for the kiosks' news.
async function statusWhen(predicate, what) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const r = await get('/public/v1/status.json');
    if (r.status === 200 && predicate(r.json)) return r.json;
    if (Date.now() > deadline) throw new Error(`status.json never showed ${what}: ${r.text}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

before(async () => {
  hub = await startHub();
  browser = await launchBrowser();
  const kiosks = {};
  for (const m of MEMBERS) {
    kiosks[m.site] ||= await hub.enrollKiosk(m.site);
    const r = await kiosks[m.site].signUp(m.firstName, m.email, m.phone);
    assert.ok(r.ok, `${m.firstName} signed up and checked in at ${m.site}: ${JSON.stringify(r)}`);
    secrets.push(m.firstName, m.email, m.phone, m.phone.replace(/\s/g, ''), r.code, `${r.code.slice(0, 3)}-${r.code.slice(3)}`, r.member_id);
  }
  const sent = await kiosks['fleurie-boulangerie'].message(MESSAGE.from, MESSAGE.contact, MESSAGE.text);
  assert.ok(sent.ok, `a message to the animator: ${JSON.stringify(sent)}`);
  secrets.push(MESSAGE.from, 'Zéphyrin', MESSAGE.contact, MESSAGE.text);
  // The animators' contact details are in the network file, for the kiosks only.
  for (const site of JSON.parse(readFileSync(NETWORK_FILE, 'utf8')).sites) {
    secrets.push(site.animator.name, site.animator.phone, site.animator.email);
  }
  await statusWhen((s) => s.data.sites.find((x) => x.site_id === 'beaujeu-tiers-lieu').num_places_available === 6, 'Beaujeu\'s two check-ins');
});

after(async () => {
  await browser?.close().catch(() => {});
  await hub?.stop();
});

const FEED_FILES = ['gbfs.json', 'sites.json', 'status.json', 'communes.json', 'sites.csv', 'status.csv'];

test('the feed follows GBFS 3.0 where it applies (JSON schema, Debian\'s ajv)', async (t) => {
  const Ajv = debianAjv();
  if (!Ajv) { t.skip('node-ajv is not installed (scripts/setup installs it)'); return; }
  const ajv = new Ajv({ allErrors: true, format: 'full' });
  for (const [file, schema] of [['gbfs.json', GBFS_SCHEMA], ['sites.json', SITES_SCHEMA], ['status.json', STATUS_SCHEMA]]) {
    const r = await get(`/public/v1/${file}`);
    assert.equal(r.status, 200, `${file}: ${r.text}`);
    const valid = ajv.validate(schema, r.json);
    assert.ok(valid, `${file} against GBFS 3.0's schema: ${ajv.errorsText(ajv.errors, { separator: '\n' })}`);
  }
  // The schema check can fail: a file with GBFS 2.3's integer last_updated is refused.
  const old = (await get('/public/v1/status.json')).json;
  old.last_updated = 1798534800;
  assert.equal(ajv.validate(STATUS_SCHEMA, old), false, 'an integer last_updated is not GBFS 3.0');

  const index = (await get('/public/v1/gbfs.json')).json;
  for (const feed of index.data.feeds) {
    const path = new URL(feed.url).pathname;
    assert.equal((await get(path)).status, 200, `gbfs.json lists ${feed.url}, which answers`);
  }
  const sites = (await get('/public/v1/sites.json')).json.data.sites;
  const network = JSON.parse(readFileSync(NETWORK_FILE, 'utf8'));
  assert.equal(sites.length, network.sites.length, 'every site of the network is in sites.json');
  assert.ok(sites.every((s) => /^69\d{3}$/.test(s.insee)), 'every demo site has its commune\'s INSEE code');
});

test('opening hours are valid OpenStreetMap opening_hours (KDE\'s KOpeningHours, Debian\'s python3-kopeninghours)', async (t) => {
  const sites = (await get('/public/v1/sites.json')).json.data.sites;
  const check = `
import json, sys
import PyKOpeningHours.PyKOpeningHours as K
out = {}
for expression in json.load(sys.stdin):
    o = K.OpeningHours(); o.setExpression(expression)
    out[expression] = [str(o.error()), o.normalizedExpression()]
print(json.dumps(out))`;
  let results;
  try {
    results = JSON.parse(execFileSync('/usr/bin/python3', ['-c', check], { input: JSON.stringify(sites.map((s) => s.opening_hours)) }));
  } catch (error) {
    if (/No module named 'PyKOpeningHours'|ENOENT/.test(String(error.stderr || error.message))) { t.skip('python3-kopeninghours is not installed (scripts/setup installs it)'); return; }
    throw error;
  }
  for (const s of sites) {
    const [error, normalized] = results[s.opening_hours];
    assert.equal(error, 'NoError', `${s.site_id}: « ${s.opening_hours} » is not valid opening_hours`);
    assert.equal(normalized, s.opening_hours, `${s.site_id}: written as OSM tools normalize it`);
  }
  // The demo's split days and its Christmas exceptions are in there.
  const bar = sites.find((s) => s.site_id === 'villie-morgon-bar');
  assert.match(bar.opening_hours, /^Tu-Fr 07:00-12:30,15:00-19:00; Sa 07:00-12:30/);
});

test('every feed file: CORS open, ETag and 304, Cache-Control matching ttl, no cookie', async () => {
  const ttl = (await get('/public/v1/status.json')).json.ttl;
  for (const file of FEED_FILES) {
    const r = await get(`/public/v1/${file}`, { Origin: 'https://www.mairie-beaujeu.example' });
    assert.equal(r.status, 200, file);
    assert.equal(r.headers['access-control-allow-origin'], '*', `${file}: CORS`);
    assert.equal(r.headers['cache-control'], `public, max-age=${ttl}`, `${file}: max-age is the ttl`);
    assert.equal(r.headers['set-cookie'], undefined, `${file}: no cookie`);
    assert.match(r.headers.etag, /^"[0-9a-f]{32}"$/, `${file}: ETag`);
    const again = await get(`/public/v1/${file}`, { 'If-None-Match': r.headers.etag });
    assert.equal(again.status, 304, `${file}: 304 when unchanged`);
  }
});

test('the CSV files are UTF-8 tables with a header, one line per site', async () => {
  const network = JSON.parse(readFileSync(NETWORK_FILE, 'utf8'));
  for (const [file, header] of [['sites.csv', 'site_id,name,kind,commune,insee,address,lat,lon,places,opening_hours'],
    ['status.csv', 'site_id,is_open,num_places_available,num_places_in_service,last_reported']]) {
    const r = await get(`/public/v1/${file}`);
    assert.match(r.headers['content-type'], /^text\/csv; charset=utf-8/);
    const lines = r.text.split('\r\n');
    assert.equal(lines.pop(), '', `${file} ends with a line break`);
    assert.equal(lines[0], header, `${file}: its header, no byte-order mark`);
    assert.equal(lines.length, network.sites.length + 1, `${file}: one line per site`);
  }
  const sites = (await get('/public/v1/sites.csv')).text;
  assert.ok(sites.includes(',Villié-Morgon,69267,'), 'accents read right in UTF-8');
  const fleurie = (await get('/public/v1/status.csv')).text.split('\r\n').find((l) => l.startsWith('fleurie-boulangerie,'));
  assert.match(fleurie, /^fleurie-boulangerie,(true|false),1,2,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, 'Philomène\'s check-in counted');
});

// Every answer of the public side and every page the visitor sees: none holds a
// member's first name, e-mail, phone, code or id, a message, or an animator's details.
test('no personal data in any public answer or page', async () => {
  const answers = {};
  for (const file of FEED_FILES) answers[`/public/v1/${file}`] = (await get(`/public/v1/${file}`)).text;
  for (const path of ['/public/', '/public/embed', '/public/public.js', '/public/public.css', '/public/i18n/fr.json', '/public/i18n/en.json']) {
    const r = await get(path);
    assert.equal(r.status, 200, path);
    answers[path] = r.text;
  }
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
  const page = await context.newPage();
  const hosts = new Set();
  page.on('request', (req) => hosts.add(new URL(req.url()).origin));
  for (const commune of ['Beaujeu', 'Fleurie', 'Lancié']) {
    for (const path of ['/public/', '/public/embed']) {
      await page.goto(`${hub.url}${path}?commune=${encodeURIComponent(commune)}`);
      await page.waitForSelector('#sites li');
      answers[`${path}?commune=${commune} (drawn)`] = await page.content();
      answers[`${path}?commune=${commune} (text)`] = await page.innerText('body');
    }
  }
  assert.deepEqual([...hosts], [hub.url], 'the page loads nothing from another origin');
  assert.deepEqual(await context.cookies(), [], 'no cookie');
  assert.equal(await page.evaluate(() => localStorage.length + sessionStorage.length), 0, 'nothing stored in the browser');
  await context.close();

  assert.ok(secrets.length >= 30, `the data to look for: ${secrets.length} items`);
  for (const [where, text] of Object.entries(answers)) {
    for (const secret of secrets) {
      assert.ok(!text.includes(secret), `${where} contains « ${secret} »`);
    }
  }
});

// ---- The page ----

function expectedOrder(communes, sites, commune) {
  const minutes = communes.data.communes.find((c) => c.name === commune).travel_minutes;
  return [...sites.data.sites].sort((a, b) => minutes[a.site_id] - minutes[b.site_id] || a.name.localeCompare(b.name, 'fr')).map((s) => s.site_id);
}

test('the page: pick a commune, the sites come nearest first with open or closed, free places and their age', async () => {
  const [sites, communes, status] = await Promise.all(['sites.json', 'communes.json', 'status.json'].map(async (f) => (await get(`/public/v1/${f}`)).json));
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  try {
    await page.goto(`${hub.url}/public/`);
    await page.waitForSelector('#sites li');
    assert.equal(await page.title(), 'Où travailler maintenant\u202f?', 'French typography: a narrow no-break space before ?');
    await page.selectOption('#commune', 'Fleurie');
    assert.match(page.url(), /\?commune=Fleurie$/, 'the choice is in the address, not in the browser');
    let order = await page.$$eval('#sites li', (lis) => lis.map((li) => li.dataset.siteId));
    assert.deepEqual(order, expectedOrder(communes, sites, 'Fleurie'), 'from Fleurie, nearest first');
    assert.equal(order[0], 'fleurie-boulangerie');
    const fleurie = page.locator('#sites li[data-site-id="fleurie-boulangerie"]');
    assert.equal(await fleurie.locator('.travel').innerText(), 'Dans votre commune');
    assert.equal(await fleurie.locator('.free').innerText(), '1 place libre sur 2', 'Philomène sits at one of the two places');
    assert.match(await fleurie.locator('.age').innerText(), /^Mis à jour (à l’instant|il y a \d+ min)$/);
    const open = status.data.sites.find((s) => s.site_id === 'fleurie-boulangerie').is_open;
    assert.equal(await fleurie.locator('.badge').innerText(), open ? 'Ouvert' : 'Fermé', 'open or closed as status.json says');
    const beaujeu = page.locator('#sites li[data-site-id="beaujeu-tiers-lieu"]');
    assert.equal(await beaujeu.locator('.free').innerText(), '6 places libres sur 8');
    // A site whose kiosk never synced says so rather than showing all places free.
    assert.equal(await page.locator('#sites li[data-site-id="taponas-epicerie"] .free').innerText(), 'Places libres\u202f: pas encore de chiffre');

    // A commune without a site: the estimate from its position.
    await page.selectOption('#commune', 'Lancié');
    order = await page.$$eval('#sites li', (lis) => lis.map((li) => li.dataset.siteId));
    assert.deepEqual(order, expectedOrder(communes, sites, 'Lancié'), 'from Lancié, nearest first');
    assert.match(await page.locator('#sites li .travel').first().innerText(), /^≈ \d+ min de route$/);

    // In English, the commune kept.
    await page.click('#lang-switch');
    await page.waitForSelector('#sites li');
    assert.equal(await page.locator('h1').innerText(), 'Where to work right now?');
    assert.equal(await page.inputValue('#commune'), 'Lancié');
    assert.equal(await page.locator('#sites li[data-site-id="fleurie-boulangerie"] .free').innerText(), '1 free seat of 2');
    assert.deepEqual(errors, [], 'no error in the browser');
  } finally {
    await context.close();
  }
});

test('the embed works inside an iframe of another origin; the full page refuses to be framed', async () => {
  // A commune's website: another origin (http, another port of 127.0.0.1).
  const site = http.createServer((req, res) => {
    const src = req.url === '/full' ? `${hub.url}/public/?commune=Beaujeu` : `${hub.url}/public/embed?commune=Beaujeu`;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>Mairie</title><h1>Mairie de Beaujeu</h1>
<iframe src="${src}" title="Où travailler maintenant ?" width="360" height="600" style="border:0"></iframe>`);
  });
  await new Promise((r) => site.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${site.address().port}`;
  const context = await browser.newContext({ ignoreHTTPSErrors: true, locale: 'fr-FR' });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/embed`);
    const frame = page.frameLocator('iframe');
    await frame.locator('#sites li').first().waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#commune').inputValue(), 'Beaujeu');
    assert.equal(await frame.locator('#sites li').first().getAttribute('data-site-id'), 'beaujeu-tiers-lieu');
    assert.equal(await frame.locator('#sites li[data-site-id="beaujeu-tiers-lieu"] .free').innerText(), '6 places libres sur 8');
    assert.equal(await frame.locator('#open-full').getAttribute('target'), '_blank');

    await page.goto(`${origin}/full`);
    await page.waitForTimeout(1500);
    const framed = page.frames().find((f) => f !== page.mainFrame());
    const drawn = framed ? await framed.$$eval('#sites li', (lis) => lis.length).catch(() => 0) : 0;
    assert.equal(drawn, 0, 'the full page is not drawn inside another site\'s frame (X-Frame-Options DENY)');
  } finally {
    await context.close();
    site.close();
  }
});
