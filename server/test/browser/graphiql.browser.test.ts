import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleForFile } from '../for-file.js';
import { createOrgWithOwner } from '../harness.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';

/** GraphiQL at GET /graphql: Settle's own bundle (admin/graphiql.html), run by a signed-in person in Chromium. */
const s = settleForFile({ worker: false });
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('GraphiQL at GET /graphql', () => {
  it('answers a browser with the page, whose scripts and styles Settle serves itself', async () => {
    const res = await fetch(`${s.url}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    // An inline icon (a data: URI) is fetched from nowhere; everything else must come from Settle itself.
    const assets = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((a) => !a.startsWith('data:'));
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/admin\/assets\//);
      const served = await fetch(`${s.url}${asset}`);
      expect(served.status, asset).toBe(200);
      expect(served.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /text\/css/ : /javascript/);
    }
    // API clients still get the API on the same URL.
    const api = await fetch(`${s.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('runs an operation as the signed-in person (the session cookie), loading nothing from elsewhere', async () => {
    const o = await createOrgWithOwner(s, 'GraphiQL Org');
    const { context, page } = await newSession(browser, s.url, o.token);
    const host = new URL(s.url).host;
    const elsewhere: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.protocol !== 'data:' && url.host !== host) elsewhere.push(r.url());
    });
    await page.goto(`/graphql?query=${encodeURIComponent('{ me { kind organization { name } } }')}`);
    // GraphiQL can drop the answer to a run started while its result editor is still being set up (a click
    // right after the page loads): run again until the answer shows, as a person would click again.
    await expect
      .poll(
        async () => {
          await page.locator('.graphiql-execute-button').click();
          await page.waitForTimeout(500);
          return page.locator('.result-window').innerText();
        },
        { timeout: 30_000 },
      )
      .toContain('GraphiQL Org');
    // The schema came too (introspection, for the docs and completion).
    await page.getByRole('button', { name: /documentation explorer/i }).click();
    await expect
      .poll(() => page.locator('.graphiql-doc-explorer').innerText(), { timeout: 30_000 })
      .toContain('Mutation');
    await screenshot(page, 'graphiql');
    expect(elsewhere).toEqual([]);
    await context.close();
  });
});
