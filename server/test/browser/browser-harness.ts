import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

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

/** A fresh browser context (own cookies) against a Settle at `baseURL`, optionally signed in by token. */
export async function newSession(
  browser: Browser,
  baseURL: string,
  sessionToken?: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 860 },
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
