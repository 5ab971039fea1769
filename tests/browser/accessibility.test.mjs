// "Usable by everyone" (issue 10): the console works with the keyboard alone, every
// form control has a label, text meets WCAG AA contrast, and no view is wider than a
// 390-px phone. Checked on every view the coordinator opens, in French.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHub, COORDINATOR } from './support/hub.mjs';
import { launchBrowser, openConsole } from './support/browser.mjs';

let hub;
let browser;

const ROUTES = ['overview', 'sites/fleurie-boulangerie', 'announcements', 'kiosks', 'messages', 'anomalies',
  'members', 'register', 'audit', 'accounts', 'account'];

before(async () => {
  hub = await startHub();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await hub?.stop();
});

// Runs in the page: the form controls a person could not name (no <label>, no
// aria-label, no aria-labelledby), as short descriptions.
function unlabelledControls() {
  const controls = [...document.querySelectorAll('main input, main select, main textarea')];
  return controls
    .filter((el) => el.type !== 'hidden' && el.offsetParent !== null)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => `${el.tagName.toLowerCase()}[name=${el.name || '?'}][data-field=${el.dataset.field || '?'}]`);
}

// Runs in the page: visible text whose contrast with what lies behind it is below WCAG
// AA (4.5:1, or 3:1 for large text), as "ratio: text".
function lowContrastTexts() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) layers.push(bg);
      if (bg && bg.a >= 1) break;
    }
    return layers.reverse().reduce((under, layer) => over(layer, under), { r: 255, g: 255, b: 255, a: 1 });
  };
  const luminance = ({ r, g, b }) => {
    const lin = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0 || box.height === 0) continue;
    if (el.closest('[hidden], dialog:not([open]), .visually-hidden, .sr-only')) continue;
    if (el.closest('button:disabled, input:disabled')) continue; // WCAG exempts inactive controls
    const bg = background(el);
    const fg = over(parse(style.color), bg);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) found.push(`${ratio.toFixed(2)}: ${node.textContent.trim().slice(0, 40)}`);
  }
  return found;
}

test('the console is used with the keyboard alone: sign in, then open a section from the menu', { timeout: 60_000 }, async () => {
  const c = await openConsole(browser, hub);
  try {
    const { page } = c;
    await page.goto(`${hub.url}/`);
    await page.waitForSelector('[data-view="login"] input[name="email"]');
    // Tab from the top of the page until the e-mail field has the focus.
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.name === 'email')); i++) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'email', 'Tab reaches the e-mail field');
    await page.keyboard.type(COORDINATOR.email);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.name), 'password', 'Tab goes on to the password');
    await page.keyboard.type(COORDINATOR.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-view="overview"]');

    // Tab until the menu's link to the kiosks has the focus, then Enter.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.getAttribute('href') === '#/kiosks');
    }
    assert.ok(reached, 'the menu\'s « Kiosques » link is reached with Tab');
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : '';
    });
    assert.ok(outline, 'the focused link shows where the focus is');
    await page.keyboard.press('Enter');
    await page.waitForSelector('main [data-view="kiosks"]');
    c.assertClean('keyboard use');
  } finally {
    await c.close();
  }
});

test('every form control of every view has a label, and every text meets WCAG AA contrast', { timeout: 120_000 }, async () => {
  const c = await openConsole(browser, hub);
  try {
    await c.page.goto(`${hub.url}/`);
    await c.page.waitForSelector('[data-view="login"]');
    assert.deepEqual(await c.page.evaluate(unlabelledControls), [], 'the login page: controls without a label');
    assert.deepEqual(await c.page.evaluate(lowContrastTexts), [], 'the login page: text below AA contrast');
    await c.login(COORDINATOR);
    for (const route of ROUTES) {
      await c.show(route, route.split('/')[0] === 'sites' ? 'site' : route);
      assert.deepEqual(await c.page.evaluate(unlabelledControls), [], `#/${route}: controls without a label`);
      assert.deepEqual(await c.page.evaluate(lowContrastTexts), [], `#/${route}: text below AA contrast`);
    }
    c.assertClean('labels and contrast');
  } finally {
    await c.close();
  }
});

test('on a 390-px-wide phone no view is wider than the screen', { timeout: 120_000 }, async () => {
  const c = await openConsole(browser, hub, { viewport: { width: 390, height: 844 } });
  try {
    await c.login(COORDINATOR);
    for (const route of ROUTES) {
      await c.show(route, route.split('/')[0] === 'sites' ? 'site' : route);
      const width = await c.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `#/${route} is ${width} px wide on a 390-px screen`);
    }
    c.assertClean('the phone width');
  } finally {
    await c.close();
  }
});

// Last in this file: it locks logins from 127.0.0.1 on this file's hub for 15 minutes.
test('a locked login is told how long to wait, in French typography (a narrow no-break space before the colon, a no-break space before the unit)', { timeout: 60_000 }, async () => {
  const c = await openConsole(browser, hub);
  try {
    const { page } = c;
    await page.goto(`${hub.url}/`);
    await page.waitForSelector('[data-view="login"] input[name="email"]');
    let shown = '';
    for (let i = 0; i < 6 && !/essais/.test(shown); i++) {
      await page.fill('[data-view="login"] input[name="email"]', 'personne@ccsb.example');
      await page.fill('[data-view="login"] input[name="password"]', `pas le bon ${i}`);
      await page.click('[data-view="login"] button[type="submit"]');
      await page.waitForTimeout(300);
      shown = await page.locator('[data-view="login"]').innerText();
    }
    // The hub's Retry-After (a little under 900 s), in minutes rounded up.
    assert.match(shown, /Trop d’essais manqués\u202f: réessayez dans 1[45]\u00a0minutes\./, `the throttle's message as shown: ${shown}`);
  } finally {
    await c.close();
  }
});
