import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { connectedOrg, startStripeWorld, type StripeWorld } from '../../src/modules/stripe/stripe-test-kit.js';
import { launchChromium, newSession } from './browser-harness.js';

/** What a browser test file against Settle and the Stripe emulator works with (set before its tests). */
export interface StripeBrowserFile {
  w: StripeWorld;
  browser: Browser;
  /** One org connected to the emulator, named for the file. */
  org: Awaited<ReturnType<typeof connectedOrg>>;
  /** A Chromium context signed in with `token`. */
  session(token: string): ReturnType<typeof newSession>;
}

/** Starts Settle with the Stripe emulator, Chromium and a connected org before the file's tests; closes them after. */
export function stripeBrowserFile(orgName: string): StripeBrowserFile {
  const f = { session: (token: string) => newSession(f.browser, f.w.settle.url, token) } as StripeBrowserFile;
  beforeAll(async () => {
    [f.w, f.browser] = await Promise.all([startStripeWorld(), launchChromium()]);
    f.org = await connectedOrg(f.w, orgName);
  });
  afterAll(async () => {
    await f.browser?.close();
    await f.w?.close();
  });
  return f;
}
