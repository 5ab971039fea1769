// The console's benchmark (run by scripts/bench-console, which prepares the hub): the
// overview API's answer time and size, and the console's first load in Chromium on
// loopback (bytes of every file, time to the overview drawn). Prints figures with their
// targets; not a pass/fail test.
//   node bench/console/bench.mjs --url https://127.0.0.1:PORT --ca CERT --email E --password P --sites 50
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';

// playwright-core as the browser tests installed it (tests/browser, scripts/setup).
const { chromium } = createRequire(new URL('../../tests/browser/package.json', import.meta.url))('playwright-core');

const { values: o } = parseArgs({
  options: {
    url: { type: 'string' }, ca: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' },
    sites: { type: 'string', default: '50' }, requests: { type: 'string', default: '200' }, loads: { type: 'string', default: '5' },
    // A round-trip time added by Chromium to every request (ms), as on a rural link:
    // loopback answers at once, so only this shows how many requests wait on each other.
    latency: { type: 'string', default: '0' },
    chromium: { type: 'string', default: process.env.COWORK_CHROMIUM || '/usr/bin/chromium' },
  },
});
const url = new URL(o.url);
const ca = readFileSync(o.ca);
const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca });
const siteCount = Number(o.sites);

function request(method, path, { body, cookie, csrf } = {}) {
  return new Promise((resolvePromise, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Accept: 'application/json' };
    if (data) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = Buffer.byteLength(data); }
    if (cookie) headers.Cookie = cookie;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const started = process.hrtime.bigint();
    const req = https.request({ host: url.hostname, port: url.port, method, path, headers, agent, servername: 'localhost' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const buffer = Buffer.concat(chunks);
        resolvePromise({ status: res.statusCode, headers: res.headers, bytes: buffer.length, text: buffer.toString('utf8'), ms });
      });
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
const median = (values) => quantile([...values].sort((a, b) => a - b), 0.5);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
// A figure against its target: "12.3 ms (target < 20 ms, 0.62 of it)".
function figure(label, value, target, unit, format = (v) => v.toFixed(1)) {
  const ratio = value / target;
  console.log(`${label.padEnd(44)} ${`${format(value)} ${unit}`.padStart(12)}   target < ${target} ${unit}   ratio ${ratio.toFixed(2)} ${ratio <= 1 ? 'met' : 'NOT met'}`);
}

const login = await request('POST', '/api/v1/login', { body: { email: o.email, password: o.password } });
if (login.status !== 200) throw new Error(`login: ${login.status} ${login.text}`);
const cookie = [].concat(login.headers['set-cookie'] || []).map((c) => c.split(';')[0]).find((c) => c.startsWith('cowork_session='));
const session = JSON.parse(login.text);

console.log(`== the overview API (GET /api/v1/console/overview), ${o.requests} requests one after another on one keep-alive connection`);
const first = await request('GET', '/api/v1/console/overview', { cookie });
if (first.status !== 200) {
  console.log(`   not measured: the hub answered ${first.status} (${first.text.slice(0, 120)}): the route comes with the console-views branch`);
} else {
  const sites = (JSON.parse(first.text).sites || []).length;
  if (sites !== siteCount) console.log(`   (warning: the overview lists ${sites} sites, ${siteCount} expected)`);
  for (let i = 0; i < 10; i += 1) await request('GET', '/api/v1/console/overview', { cookie }); // warm-up
  const times = [];
  let bytes = 0;
  for (let i = 0; i < Number(o.requests); i += 1) {
    const r = await request('GET', '/api/v1/console/overview', { cookie });
    if (r.status !== 200) throw new Error(`overview: ${r.status}`);
    times.push(r.ms);
    bytes = r.bytes;
  }
  times.sort((a, b) => a - b);
  figure('overview API answer time, median', quantile(times, 0.5), 20, 'ms');
  figure('overview API answer time, p95', quantile(times, 0.95), 20, 'ms');
  console.log(`${'overview API answer size'.padEnd(44)} ${kb(bytes).padStart(12)}   (${sites} sites; ${(bytes / Math.max(sites, 1)).toFixed(0)} bytes a site${first.headers['content-encoding'] ? `, ${first.headers['content-encoding']}` : ', not compressed'})`);
}

console.log(`\n== the console's first load in Chromium on loopback${Number(o.latency) ? ` with ${o.latency} ms of added latency` : ''} (empty cache, signed in), ${o.loads} loads`);
const home = await request('GET', '/');
if (home.status !== 200) {
  console.log(`   not measured: GET / answered ${home.status}: this hub serves no console (hub/console/, console-ui branch)`);
  process.exit(0);
}
const browser = await chromium.launch({
  executablePath: o.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const loads = [];
try {
  for (let i = 0; i < Number(o.loads); i += 1) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 }, locale: 'fr-FR' });
    // The session of the API login, as the login page would have left it (the cookie, and
    // api.js's note that this browser is signed in).
    await context.addCookies([{ name: 'cowork_session', value: cookie.split('=').slice(1).join('='), domain: url.hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (Number(o.latency)) await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: Number(o.latency), downloadThroughput: -1, uploadThroughput: -1 });
    const requests = new Map();
    cdp.on('Network.responseReceived', (e) => { requests.set(e.requestId, { url: e.response.url, type: e.type, bytes: 0 }); });
    cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
    // Drawn: every site of the network has its row, at the next frame. Watched from inside
    // the page from its first byte, so that neither Playwright's round trips nor its wait
    // for the load event count in the figure.
    await page.addInitScript((n) => {
      localStorage.setItem('cowork.console.signed-in', '1');
      const seen = new MutationObserver(() => {
        const ids = new Set([...document.querySelectorAll('main [data-view="overview"] [data-site-id]')].map((e) => e.getAttribute('data-site-id')));
        if (ids.size < n) return;
        seen.disconnect();
        requestAnimationFrame(() => { window.benchOverviewDrawnAt = performance.now(); });
      });
      seen.observe(document, { childList: true, subtree: true });
    }, siteCount);
    await page.goto(`${o.url}/#/overview`, { waitUntil: 'commit' });
    const drawnMs = await page.waitForFunction(() => window.benchOverviewDrawnAt ?? null, null, { timeout: 30_000 }).then((h) => h.jsonValue());
    await page.waitForTimeout(300); // late requests (fonts, the map) counted too
    // When each file was asked for and arrived (ms from navigation start): the chain.
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const entries = performance.getEntriesByType('resource').map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }));
      return { entries, domContentLoaded: nav ? nav.domContentLoadedEventEnd : null, responseEnd: nav ? nav.responseEnd : null };
    });
    const list = [...requests.values()];
    loads.push({ drawnMs, bytes: list.reduce((n, r) => n + r.bytes, 0), list, timing });
    await context.close();
  }
} finally {
  await browser.close();
}
const last = loads[loads.length - 1];
const byType = {};
for (const r of last.list) {
  const path = r.url.slice(o.url.length);
  const kind = path.startsWith('/api/') ? 'API answers' : 'files (HTML, JS, CSS, catalogue)';
  byType[kind] = (byType[kind] || 0) + r.bytes;
}
const fileBytes = byType['files (HTML, JS, CSS, catalogue)'] || 0;
figure('bytes transferred, every file of the console', fileBytes / 1024, 150, 'KB');
console.log(`${'bytes transferred, API answers'.padEnd(44)} ${kb(byType['API answers'] || 0).padStart(12)}   (${last.list.length} requests in all)`);
figure('time to the overview drawn, median', median(loads.map((l) => l.drawnMs)), 500, 'ms');
console.log(`${'   each load'.padEnd(44)} ${loads.map((l) => l.drawnMs.toFixed(0)).join(', ')} ms (from navigation start to the frame after the last of ${siteCount} site rows)`);
console.log(`\n   requests of the last load (bytes on the wire; asked at → arrived at, ms from navigation start; page ${last.timing.responseEnd?.toFixed(0)} ms, DOMContentLoaded ${last.timing.domContentLoaded?.toFixed(0)} ms, overview drawn ${last.drawnMs.toFixed(0)} ms):`);
for (const r of last.list) {
  const path = r.url.slice(o.url.length);
  const t = last.timing.entries.find((e) => e.name === path.split('?')[0]);
  console.log(`   ${String(r.bytes).padStart(8)} B  ${t ? `${t.start.toFixed(0).padStart(4)} → ${t.end.toFixed(0).padStart(4)} ms` : '             '}  ${path}`);
}
