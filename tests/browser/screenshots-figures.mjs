// Screenshots of the console's figures (« Chiffres ») for a whole year of a 50-site
// network, and the first pages of its printed report, into docs/screenshots/console/ —
// run by scripts/screenshots-figures, which writes the year first (bench/figures, the
// same year the figures benchmark times). The hub runs on a copy of that year's data,
// its clock moved back to mid-January 2026 (libfaketime) so that 2025 is the last
// whole year and its member links are still there, as a coordinator would see it
// then.
//   node tests/browser/screenshots-figures.mjs --data YEAR_DIR [OUT_DIR]
import { cpSync, mkdirSync, mkdtempSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Hub, useFakeClock, COORDINATOR, SOURCE_DIR } from './support/hub.mjs';
import { launchBrowser, openConsole } from './support/browser.mjs';

const args = process.argv.slice(2);
const dataAt = args.indexOf('--data');
if (dataAt < 0 || !args[dataAt + 1]) {
  console.error('usage: node tests/browser/screenshots-figures.mjs --data YEAR_DIR [OUT_DIR]');
  process.exit(2);
}
const yearDir = resolve(args[dataAt + 1]);
const outArg = args.filter((a, i) => i !== dataAt && i !== dataAt + 1)[0];
const out = resolve(outArg || join(SOURCE_DIR, 'docs/screenshots/console'));
mkdirSync(out, { recursive: true });

// Thursday 15 January 2026, 10:30 in Paris (09:30 UTC).
const moment = Date.UTC(2026, 0, 15, 9, 30);
if (!useFakeClock(moment - Date.now())) {
  console.error('screenshots-figures: libfaketime is missing (apt-get install faketime)');
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), 'cowork-figures-shots-'));
const hub = new Hub(work, { networkFile: join(yearDir, 'network.json') });
cpSync(yearDir, hub.dataDir, { recursive: true, filter: (src) => !src.endsWith('network.json') });
let browser;
try {
  await hub.start();
  await hub.addUser(COORDINATOR);
  browser = await launchBrowser();
  for (const [suffix, viewport] of [['1280x800', { width: 1280, height: 800 }], ['390', { width: 390, height: 844 }]]) {
    const c = await openConsole(browser, hub, { viewport });
    await c.context.clock.setFixedTime(moment);
    await c.login(COORDINATOR);
    await c.show('figures?period=2025', 'figures');
    await c.page.waitForSelector('main [data-view="figures"] .key-figures', { timeout: 60_000 });
    await c.page.evaluate(() => document.activeElement && document.activeElement.blur && document.activeElement.blur());
    // The year's key figures and occupancy; then the busiest times and the communes' map.
    await c.page.screenshot({ path: join(out, `18-figures-${suffix}.png`), animations: 'disabled', caret: 'hide' });
    for (const [file, selector] of [['19-figures-busiest', 'svg.chart.heat'], ['20-figures-communes', 'svg.chart.map']]) {
      const found = await c.page.locator(`main ${selector}`).first();
      if (await found.count()) {
        await found.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await c.page.screenshot({ path: join(out, `${file}-${suffix}.png`), animations: 'disabled', caret: 'hide' });
      } else {
        console.warn(`screenshots-figures: no ${selector} on the page`);
      }
    }
    if (suffix === '1280x800') await reportPages(c.page);
    const errors = c.errors({ allowHttp: [] });
    if (errors.length) console.warn(`screenshots-figures (${suffix}): the browser saw errors:\n  ${errors.join('\n  ')}`);
    await c.close();
  }
} finally {
  await browser?.close();
  await hub.stop();
  rmSync(work, { recursive: true, force: true });
}

// The printed report (« Enregistrer en PDF »): its first pages as PNG (poppler's pdftoppm).
async function reportPages(page) {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  const dir = mkdtempSync(join(tmpdir(), 'cowork-figures-pdf-'));
  try {
    writeFileSync(join(dir, 'rapport.pdf'), pdf);
    if (process.env.KEEP_REPORT) writeFileSync(process.env.KEEP_REPORT, pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'rapport.pdf')], { encoding: 'utf8' });
    console.log(`screenshots-figures: the report is ${(info.match(/^Pages:\s+(\d+)/m) || [])[1]} A4 pages`);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '3', join(dir, 'rapport.pdf'), join(out, '21-figures-report-page')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const files = readdirSync(out).filter((f) => /^(18|19|20|21)-figures/.test(f));
console.log(`screenshots-figures: ${files.length} PNG files in ${out}: ${files.join(', ')}`);
