import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../test/browser/build-web.js';
import { newSession } from '../test/browser/browser-harness.js';
import { fmt } from './bench-env.js';

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
