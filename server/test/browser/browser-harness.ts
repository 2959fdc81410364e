import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { forFile } from '../for-file.js';

/** Debian's Chromium (`apt-get install -y chromium`); tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-results/screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. Install Debian's: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The next answer to `operation` is lost: the request reaches Settle, the browser sees a network error. */
export async function loseNextAnswer(page: Page, operation: string): Promise<void> {
  let lost = false;
  await page.route('**/graphql', async (route) => {
    if (lost || !route.request().postData()?.includes(operation)) return route.fallback();
    lost = true;
    await route.fetch();
    await route.abort('failed');
  });
}

/** Chromium for one test file: launched before its tests, closed after them (see forFile). */
export const chromiumForFile = (): Browser => forFile(launchChromium, 'Chromium');

/** A phone held upright (390 × 844 CSS px, as an iPhone 14): mobile viewport and touch. */
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/**
 * A fresh browser context (own cookies) against a Settle at `baseURL`, optionally signed in by token;
 * a desktop window unless `device` says otherwise (`PHONE`).
 */
export async function newSession(
  browser: Browser,
  baseURL: string,
  sessionToken?: string,
  device: Partial<typeof PHONE> = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 860 },
    ...device,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  if (sessionToken)
    await context.addCookies([
      { name: 'settle_session', value: sessionToken, url: baseURL, httpOnly: true, sameSite: 'Lax' },
    ]);
  const page = await context.newPage();
  // Surface page errors in the test output: a broken bundle otherwise shows up only as a timeout.
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { context, page };
}

/**
 * Takes the page's live connection down: its graphql-ws sockets are closed at once (1012, a server
 * restart, which clients retry) until `restore()`, after which they reach the server again.
 */
export async function liveConnectionDown(page: Page): Promise<{ refused: () => number; restore: () => void }> {
  let down = true;
  let refused = 0;
  await page.routeWebSocket(/graphql/, async (ws) => {
    if (!down) return void ws.connectToServer();
    refused++;
    await ws.close({ code: 1012, reason: 'test: live connection down' });
  });
  return { refused: () => refused, restore: () => void (down = false) };
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Picks `option` in the Mantine Select labelled `label` inside `scope` (a dialog or the page). */
export async function pickOption(scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope
    .getByRole('textbox', { name: label })
    .or(scope.getByRole('combobox', { name: label }))
    .first()
    .click();
  await scope.page().getByRole('option', { name: option }).click();
}

/**
 * What sticks out of the viewport sideways: the document's scroll width beyond the viewport, and every
 * visible element whose box reaches past its left or right edge (as "tag.class#testid: left–right").
 * Elements inside a container that clips them (overflow hidden/auto) are judged by that container.
 */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; width: number; wide: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide: string[] = [];
    const clipped = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'hidden' || o === 'auto' || o === 'scroll' || o === 'clip') return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || (style.position === 'fixed' && r.bottom < 0)) continue;
      if ((r.right > width + 0.5 || r.left < -0.5) && !clipped(el)) {
        const id = el.getAttribute('data-testid');
        const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
        wide.push(
          `${el.tagName.toLowerCase()}${cls ? `.${cls}` : ''}${id ? `#${id}` : ''}: ${Math.round(r.left)}–${Math.round(r.right)}`,
        );
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, wide };
  });
}

/**
 * The rows (by test id) of the list in the page's main region once that list has loaded: it shows rows, its
 * empty state or an error, after the page's own queries however slow (a page may ask the org's time zone
 * before its list). A short poll of the row count from the page's load races those queries and sees 0 rows
 * on a busy machine. Fails with what the page says when the count is not `expected`.
 */
export async function loadedRows(page: Page, testId: string, expected: number): Promise<Locator> {
  const main = page.locator('main');
  const rows = main.getByTestId(testId);
  await rows.or(main.getByTestId('empty')).or(main.getByRole('alert')).first().waitFor();
  expect(await rows.count(), `${testId} rows on ${page.url()}: ${await main.innerText()}`).toBe(expected);
  return rows;
}

/**
 * The WCAG contrast ratio (1 to 21) of an element's text against the background it sits on (its own, or
 * the nearest ancestor's that is not transparent). axe leaves text the colour of its background unjudged
 * ("needs review"), so a badge written in its own background colour passes axe: this catches it.
 */
export async function textContrast(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!]
        .map((v) => v / 255)
        .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const text = el.querySelector('span') ?? el;
    let bg = [255, 255, 255];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] === 1)) {
        bg = c;
        break;
      }
    }
    const [hi, lo] = [luminance(rgb(getComputedStyle(text).color)), luminance(bg)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  });
}

/** A tablet: an iPad held upright (768 × 1024) or on its side (1024 × 768), touch. */
export const TABLET_PORTRAIT = { viewport: { width: 768, height: 1024 }, hasTouch: true };
export const TABLET_LANDSCAPE = { viewport: { width: 1024, height: 768 }, hasTouch: true };

/**
 * Elements matching `selector` that are cut off: their text overflows them (ellipsis or clipping), or
 * they reach past what can be seen: the viewport, or the nearest ancestor that scrolls or clips them
 * (inside a scroll container, its whole scrollable width counts: the table scrolls to show it). As
 * "text: why"; empty when every one is whole.
 */
export async function cutOff(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) => {
    const found: string[] = [];
    for (const el of els as HTMLElement[]) {
      const r = el.getBoundingClientRect();
      const name = el.textContent?.trim() ?? '';
      for (const part of [el, ...(el.querySelectorAll('*') as NodeListOf<HTMLElement>)])
        if (part.scrollWidth > part.clientWidth + 0.5 && part.clientWidth > 0)
          found.push(`${name}: text ${part.scrollWidth} px in ${part.clientWidth} px`);
      let left = 0;
      let right = document.documentElement.clientWidth;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'visible') continue;
        const box = p.getBoundingClientRect();
        const scrolls = o === 'auto' || o === 'scroll';
        left = box.left - (scrolls ? p.scrollLeft : 0);
        right = scrolls ? left + p.scrollWidth : box.right;
        break;
      }
      if (r.left < left - 0.5 || r.right > right + 0.5)
        found.push(
          `${name}: ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(left)}–${Math.round(right)}`,
        );
    }
    return found;
  });
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now, as "rule: target, target…". */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an inline script tag.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResults> } }).axe;
    type AxeResults = { violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> };
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
  return violations;
}

/** The page's document title and how many h1 elements it has (each page: its own title, one h1). */
export async function titleAndH1s(page: Page): Promise<{ title: string; h1: string[] }> {
  return { title: await page.title(), h1: await page.locator('h1').allTextContents() };
}
