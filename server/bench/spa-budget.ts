import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import type { Container } from '../src/app/container.js';
import { billingFixture, type BillingFixture } from '../test/fixtures.js';
import { ensureBuilt, REPO_ROOT } from '../test/browser/build-web.js';
import { launchChromium, newSession } from '../test/browser/browser-harness.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';

/**
 * What the portal and admin budgets (issue #5, #17) measure the same way: the JavaScript a browser loads
 * before an SPA's first screen, and how soon a page of it paints.
 */

/**
 * The gzip size of the entry module in `<app>/dist/index.html` plus every chunk it modulepreloads (lazy
 * route chunks excluded), printed against the budget.
 */
export function initialJs(app: 'portal' | 'admin', budgetBytes: number): { gzipBytes: number; rawBytes: number } {
  const distDir = path.join(REPO_ROOT, app, 'dist');
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) urls.add(m[1]!);
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const url of urls) {
    // Built URLs carry the /<app>/ base; files live under dist/.
    const buf = fs.readFileSync(path.join(distDir, url.replace(new RegExp(`^/${app}/`), '').replace(/^\//, '')));
    rawBytes += buf.length;
    gzipBytes += gzipSync(buf, { level: 9 }).length;
  }
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    `${app} initial JS: ${kb(gzipBytes)} KB gzip (${kb(rawBytes)} KB raw, ${urls.size} files); budget ${kb(budgetBytes)} KB: ${gzipBytes <= budgetBytes ? 'within' : 'OVER'}`,
  );
  return { gzipBytes, rawBytes };
}

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

/**
 * First contentful paint of `pagePath` in headless Chromium, signed in by `token`, cold cache per run (a new
 * context each time; one warm-up run first for Chromium's start and the server's JIT), and when the first
 * element with data-testid `readyTestId` appeared (the page really there, not just its shell). Prints
 * p50 and max of both against the budget.
 */
export async function firstPaints(opts: {
  label: string;
  browser: Browser;
  baseUrl: string;
  token: string;
  pagePath: string;
  readyTestId: string;
  runs: number;
  budgetMs: number;
}): Promise<{ fcpP50: number; fcpMax: number; readyP50: number }> {
  const fcps: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i <= opts.runs; i++) {
    const { context, page } = await newSession(opts.browser, opts.baseUrl, opts.token);
    await page.addInitScript((testId) => {
      new MutationObserver((_m, obs) => {
        if (document.querySelector(`[data-testid="${testId}"]`)) {
          (window as unknown as { __readyAt: number }).__readyAt = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, opts.readyTestId);
    await page.goto(opts.pagePath);
    await page.getByTestId(opts.readyTestId).first().waitFor();
    const m = await page.evaluate(() => ({
      fcp: performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
      ready: (window as unknown as { __readyAt: number }).__readyAt,
    }));
    await context.close();
    if (i === 0) continue;
    fcps.push(m.fcp);
    ready.push(m.ready);
  }
  // Paint times are CPU-bound: say how busy the machine was, so a slow figure can be read in context.
  console.log(`machine load average (1 min): ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
  const fcpP50 = pct(fcps, 50);
  const fcpMax = Math.max(...fcps);
  console.log(
    `${opts.label} FCP (headless Chromium, localhost, cold cache, ${opts.runs} runs): p50 ${fmt(fcpP50)} ms, max ${fmt(fcpMax)} ms; budget ${opts.budgetMs} ms: ${fcpMax <= opts.budgetMs ? 'within' : 'OVER'}`,
  );
  const readyP50 = pct(ready, 50);
  console.log(`${opts.label} rendered: p50 ${fmt(readyP50)} ms, max ${fmt(Math.max(...ready))} ms`);
  return { fcpP50, fcpMax, readyP50 };
}

/**
 * The budgets: initial JS (issue #5: portal 250 KB, admin 400 KB gzip) and first contentful paint of the
 * invoice list, 1 s for both (the portal's since #5, the admin's since #17). Runs: PORTAL_FCP_RUNS and
 * ADMIN_FCP_RUNS, 7 by default.
 */
const BUDGETS = {
  portal: { jsBudgetBytes: 250 * 1024, fcpBudgetMs: 1000, runs: Number(process.env.PORTAL_FCP_RUNS ?? 7) },
  admin: { jsBudgetBytes: 400 * 1024, fcpBudgetMs: 1000, runs: Number(process.env.ADMIN_FCP_RUNS ?? 7) },
};

/** Budgets of one SPA: in an org with one client and 25 sent invoices, `signIn` gives the session to measure with. */
export async function runSpaBudget(
  app: 'portal' | 'admin',
  signIn: (c: Container, orgId: string, f: BillingFixture) => Promise<string>,
): Promise<void> {
  const opts = { app, ...BUDGETS[app] };
  section(
    `${opts.app === 'portal' ? 'Portal' : 'Admin'} budget: initial JS and first contentful paint of the invoice list`,
  );
  ensureBuilt(opts.app);
  initialJs(opts.app, opts.jsBudgetBytes);
  const db = await benchDatabase(opts.app);
  const settle = await benchSettle(db.url);
  const browser = await launchChromium();
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: `Bench ${opts.app}`, slug: `bench-${opts.app}-${Date.now()}` });
    const f = await billingFixture(c, org.id, { clientName: 'Bench Client' });
    for (let i = 0; i < 25; i++) await f.sentInvoice(30 + i);
    await firstPaints({
      label: `${opts.app} invoice list`,
      browser,
      baseUrl: settle.url,
      token: await signIn(c, org.id, f),
      pagePath: `/${opts.app}/invoices`,
      readyTestId: 'invoice-row',
      runs: opts.runs,
      budgetMs: opts.fcpBudgetMs,
    });
  } finally {
    await browser.close();
    await settle.stop();
    await db.cleanup();
  }
}

/** Runs a bench file on its own (`tsx bench/x.bench.ts`) when it is the entry point. */
export function runWhenMain(url: string, run: () => Promise<void>): void {
  if (url !== `file://${process.argv[1]}`) return;
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
