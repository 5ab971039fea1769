// A real cowork-hub for the browser tests: built binaries (paths from the environment
// ctest sets), a fresh data directory holding the demo network and accounts, served on
// 127.0.0.1 on a port the system picks, stopped with every child at the end.
//
//   const hub = await startHub();          // coordinator account included
//   const s = await hub.login(COORDINATOR); await hub.api(s, 'GET', '/api/v1/admin/sites');
//   const kiosk = await hub.enrollKiosk('fleurie-boulangerie'); await kiosk.sync(); await kiosk.view();
//   await hub.stop();
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import https from 'node:https';

const here = dirname(fileURLToPath(import.meta.url));
export const SOURCE_DIR = resolve(here, '../../..');
export const NETWORK_FILE = join(SOURCE_DIR, 'assets/demo/ccsb-network.json');

// The built binaries. ctest gives their paths; by hand, build/release is the default.
const build = process.env.COWORK_BUILD_DIR || join(SOURCE_DIR, 'build/release');
export const BINARIES = {
  hub: process.env.COWORK_HUB_BINARY || join(build, 'hub/cowork-hub'),
  kiosk: process.env.COWORK_KIOSK_BINARY || join(build, 'kiosk/cowork-kiosk'),
  probe: process.env.COWORK_KIOSK_PROBE || join(build, 'tests/sync/console_kiosk_probe'),
};

export const COORDINATOR = { email: 'coordination@ccsb.example', password: 'un mot de passe solide', role: 'coordinator' };
export const ANIMATOR = { email: 'animation.fleurie@ccsb.example', password: 'animation fleurie 2026', role: 'animator', sites: ['fleurie-boulangerie'] };
export const ELECTED = { email: 'elu.finances@ccsb.example', password: 'élu des finances 2026', role: 'elected' };

// The demo network's sites (id → name), read from the file the hub imports.
export const DEMO_SITES = JSON.parse(readFileSync(NETWORK_FILE, 'utf8')).sites.map((s) => ({ id: s.id, name: s.name }));

// The environment of every hub, kiosk and probe this process starts (useFakeClock).
let childEnv = process.env;
const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

// Runs the hub, the kiosks and the probe with their clock moved by offsetMs (libfaketime,
// Debian's package faketime), e.g. into opening hours for screenshots taken at night.
// Into the past only: the hub's certificate must already be valid for node's own checks.
// Returns false, changing nothing, when libfaketime is not installed.
export function useFakeClock(offsetMs) {
  if (!existsSync(LIBFAKETIME)) return false;
  if (offsetMs > 0) throw new Error('useFakeClock: the clock can only be moved back');
  childEnv = { ...process.env, LD_PRELOAD: LIBFAKETIME, FAKETIME: `-${Math.round(-offsetMs / 1000)}`, DONT_FAKE_MONOTONIC: '1' };
  return true;
}

const children = new Set();
// Whatever ends this process (a failed assertion, a timeout), no hub stays behind.
process.on('exit', () => { for (const child of children) { try { child.kill('SIGKILL'); } catch { /* gone */ } } });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => { for (const child of children) { try { child.kill('SIGKILL'); } catch { /* gone */ } } process.exit(130); });
}

// Runs a command to its end: {code, stdout, stderr}; never throws on a non-zero exit.
export function run(file, args, { input, timeout = 60_000, env } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(file, args, { timeout, env: env || childEnv, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      children.delete(child);
      if (error && typeof error.code !== 'number') {
        if (error.code === 'ENOENT') { reject(new Error(`${file} is missing: build it first (see tests/browser/README.md)`)); return; }
        if (error.killed) { reject(new Error(`${file} ${args.join(' ')}: still running after ${timeout} ms\n${stderr}`)); return; }
      }
      resolvePromise({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    children.add(child);
    child.stdin.on('error', () => {}); // a command that exits before reading its input
    if (input !== undefined) child.stdin.end(input); else child.stdin.end();
  });
}

async function mustRun(what, file, args, options) {
  const r = await run(file, args, options);
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${file} ${args.join(' ')}\n${r.stderr}${r.stdout}`);
  return r;
}

// An HTTPS request to the hub (its self-signed certificate as the only CA).
function request(hub, method, path, { body, headers = {}, rawBody } = {}) {
  return new Promise((resolvePromise, reject) => {
    const data = rawBody !== undefined ? rawBody : body !== undefined ? JSON.stringify(body) : undefined;
    const h = { Accept: 'application/json', ...headers };
    if (body !== undefined && !h['Content-Type']) h['Content-Type'] = 'application/json';
    if (data !== undefined) h['Content-Length'] = Buffer.byteLength(data);
    const req = https.request({ host: '127.0.0.1', port: hub.port, method, path, headers: h, ca: hub.certPem, servername: 'localhost', agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = text ? JSON.parse(text) : null; } catch { json = null; }
        resolvePromise({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no answer in 15 s`)));
    if (data !== undefined) req.write(data);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Hub {
  // networkFile: the network imported at each start (the demo network's by default).
  constructor(dir, { networkFile = NETWORK_FILE } = {}) {
    this.dir = dir;
    this.networkFile = networkFile;
    this.dataDir = join(dir, 'hub');
    this.logFile = join(dir, 'hub.log');
    this.log = '';
    this.kiosks = [];
  }

  get url() { return `https://127.0.0.1:${this.port}`; }

  // The hub's own CLI on its data directory (works while it serves: SQLite, WAL).
  cli(args, options) { return run(BINARIES.hub, args, options); }

  // add-user (accounts branch) for any role; add-coordinator when add-user is not there yet.
  async addUser({ email, password, role, sites = [] }) {
    const args = ['add-user', '--data', this.dataDir, '--role', role, '--email', email];
    for (const s of sites) args.push('--site', s);
    const r = await this.cli(args, { input: `${password}\n` });
    if (r.code === 0) return;
    if (role === 'coordinator') {
      await mustRun('cowork-hub add-coordinator', BINARIES.hub, ['add-coordinator', '--data', this.dataDir, '--email', email], { input: `${password}\n` });
      return;
    }
    throw new Error(`cowork-hub add-user --role ${role} failed (exit ${r.code}; the accounts branch gives this command): ${r.stderr}${r.stdout}`);
  }

  // port: 0 for any; a fixed one lets kiosks enrolled before a restart find the hub again.
  async start({ port = 0 } = {}) {
    this.port = undefined;
    this.exitStatus = undefined;
    this.log = '';
    await mustRun('cowork-hub import-network', BINARIES.hub, ['import-network', '--data', this.dataDir, this.networkFile]);
    const args = ['serve', '--data', this.dataDir, '--listen', `127.0.0.1:${port}`, '--threads', '8'];
    // setpriv --pdeathsig: the hub dies with this process even if it is killed outright.
    const wrap = existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', ['--pdeathsig', 'KILL', '--', BINARIES.hub, ...args]] : [BINARIES.hub, args];
    if (!existsSync(BINARIES.hub)) throw new Error(`${BINARIES.hub} is missing: build the cowork-hub target first`);
    this.child = spawn(wrap[0], wrap[1], { stdio: ['ignore', 'ignore', 'pipe'], env: childEnv });
    children.add(this.child);
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', (text) => { this.log += text; });
    this.exited = new Promise((r) => this.child.on('exit', (code, signal) => { children.delete(this.child); this.exitStatus = signal || code; r(); }));
    const deadline = Date.now() + 20_000;
    while (!this.port) {
      const m = this.log.match(/event=listening address=127\.0\.0\.1:(\d+)/);
      if (m) this.port = Number(m[1]);
      else if (this.exitStatus !== undefined) throw new Error(`cowork-hub serve stopped (${this.exitStatus}) before listening:\n${this.log}`);
      else if (Date.now() > deadline) throw new Error(`cowork-hub serve did not listen within 20 s:\n${this.log}`);
      else await sleep(50);
    }
    this.certPem = readFileSync(join(this.dataDir, 'tls/cert.pem'));
    for (;;) {
      try {
        const r = await request(this, 'GET', '/healthz');
        if (r.status === 200) break;
      } catch { /* not yet */ }
      if (Date.now() > deadline) throw new Error(`cowork-hub: /healthz did not answer 200 within 20 s:\n${this.log}`);
      await sleep(50);
    }
    this.pin = (await mustRun('cowork-hub pin', BINARIES.hub, ['pin', '--data', this.dataDir])).stdout.trim();
    return this;
  }

  // keepData: the hub stops and its data stays, to start again (with another clock).
  async stop({ keepData = false } = {}) {
    if (this.child && this.exitStatus === undefined) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => { try { this.child.kill('SIGKILL'); } catch { /* gone */ } }, 5000);
      await this.exited;
      clearTimeout(timer);
    }
    if (keepData) return;
    if (!process.env.COWORK_KEEP_TEST_DIRS) rmSync(this.dir, { recursive: true, force: true });
    else process.stderr.write(`browser tests: hub data kept in ${this.dir}\n`);
  }

  request(method, path, options) { return request(this, method, path, options); }

  // A signed-in API session, as curl does it in scripts/demo: {cookie, csrf, user}.
  async login({ email, password }) {
    const r = await request(this, 'POST', '/api/v1/login', { body: { email, password } });
    if (r.status !== 200) throw new Error(`POST /api/v1/login as ${email}: ${r.status} ${r.text}`);
    const cookie = [].concat(r.headers['set-cookie'] || []).map((c) => c.split(';')[0]).find((c) => c.startsWith('cowork_session='));
    if (!cookie) throw new Error(`POST /api/v1/login as ${email}: no cowork_session cookie`);
    return { cookie, csrf: (r.json && r.json.csrf_token) || '', user: r.json && r.json.user };
  }

  // An API call with a session: JSON in, {status, json, text} out.
  api(session, method, path, body) {
    const headers = { Cookie: session.cookie };
    if (method !== 'GET') headers['X-CSRF-Token'] = session.csrf;
    return request(this, method, path, { body, headers });
  }

  // The same, failing with the hub's answer unless it is 2xx.
  async apiOk(session, method, path, body) {
    const r = await this.api(session, method, path, body);
    if (r.status < 200 || r.status > 299) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
    return r.json;
  }

  async enrollmentCode(siteId) {
    const r = await mustRun('cowork-hub enroll-code', BINARIES.hub, ['enroll-code', '--data', this.dataDir, '--site', siteId]);
    return r.stdout.trim().split('\n').pop().trim();
  }

  // A real kiosk's data directory, enrolled by cowork-kiosk --enroll, then driven by the probe.
  // Like a kiosk starting, it syncs once at once (the site, its places, the network).
  async enrollKiosk(siteId, { code, pin, url, sync = true } = {}) {
    const kiosk = new Kiosk(join(this.dir, `kiosk-${siteId}-${this.kiosks.length + 1}`), siteId);
    await kiosk.enroll(url || this.url, code || await this.enrollmentCode(siteId), pin || this.pin);
    this.kiosks.push(kiosk);
    if (sync) {
      const r = await kiosk.sync();
      if (!r.ok) throw new Error(`the kiosk of ${siteId}, just enrolled, did not sync: ${JSON.stringify(r)}`);
    }
    return kiosk;
  }
}

export class Kiosk {
  constructor(dir, siteId) { this.dir = dir; this.siteId = siteId; }

  async enroll(url, code, pin) {
    if (!existsSync(BINARIES.kiosk)) throw new Error(`${BINARIES.kiosk} is missing: build the cowork-kiosk target (COWORK_KIOSK=ON)`);
    const r = await run(BINARIES.kiosk, ['--data', this.dir, '--enroll', url, code, '--pin', pin], { timeout: 30_000 });
    if (r.code !== 0) throw new Error(`cowork-kiosk --enroll ${url} ${code} failed (exit ${r.code}):\n${r.stderr}${r.stdout}`);
    this.enrollOutput = r.stdout + r.stderr;
    return this;
  }

  async probe(...args) {
    if (!existsSync(BINARIES.probe)) throw new Error(`${BINARIES.probe} is missing: build the console_kiosk_probe target`);
    const r = await run(BINARIES.probe, [args[0], this.dir, ...args.slice(1)], { timeout: 30_000 });
    let json = null;
    try { json = JSON.parse(r.stdout.trim().split('\n').pop()); } catch { json = null; }
    if (r.code !== 0 || !json) throw new Error(`console_kiosk_probe ${args[0]} (${this.siteId}) failed (exit ${r.code}): ${r.stdout}${r.stderr}`);
    return json;
  }

  sync() { return this.probe('sync'); }
  view() { return this.probe('view'); }
  signUp(firstName, email, phone) { return email ? this.probe('sign-up', firstName, email, phone) : this.probe('sign-up', firstName); }
  // A member who gave their commune of residence (the figures' communes).
  signUpFrom(firstName, commune) { return this.probe('sign-up', firstName, commune); }
  // A visit that started some minutes ago and is over (memberId '-': anonymous).
  pastVisit(memberId, startedMinutesAgo, minutes) { return this.probe('visit', memberId, String(startedMinutesAgo), String(minutes)); }
  message(fromName, contact, text) { return this.probe('message', fromName, contact, text); }
  animate(memberId, minutesAgo, minutes, how) { return this.probe('animate', memberId, String(minutesAgo), String(minutes), how); }
}

// A fresh hub with the demo network and the given accounts (the coordinator's always).
export async function startHub({ accounts = [] } = {}) {
  const hub = new Hub(mkdtempSync(join(tmpdir(), 'cowork-browser-')));
  try {
    await hub.start();
    for (const account of [COORDINATOR, ...accounts]) await hub.addUser(account);
  } catch (error) {
    await hub.stop();
    throw error;
  }
  return hub;
}
