import http from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { contractsOf } from '../../src/modules/contracts/contracts.services.js';
import { axeViolations, launchChromium, newSession, screenshot, titleAndH1s } from './browser-harness.js';

/**
 * Every admin screen for keyboard and screen-reader users (its own title, one h1, a skip link, no serious
 * or critical axe violation), a screen whose code fails to load, and how the app is delivered (a loading
 * shell in the HTML, compressed bundles).
 */
let s: TestSettle;
let browser: Browser;
let owner: Awaited<ReturnType<typeof createOrgWithOwner>>;
let invoiceId: string;
let clientId: string;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestSettle(), launchChromium()]);
  owner = await createOrgWithOwner(s, 'Admin A11y IT');
  const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Contoso Ltd' });
  await fx.submittedEntry(45, '2026-11-20');
  invoiceId = (await fx.sentInvoice(60)).id;
  clientId = fx.client.id;
  // The client's page with a contract on it: its lines table and next-invoice preview are checked too.
  await contractsOf(s.container).create(owner.org.id, SYSTEM_ACTOR, {
    clientId,
    name: 'Managed desktops',
    cycle: 'MONTHLY',
    billingTiming: 'ADVANCE',
    startDate: '2026-11-01',
    lines: [{ serviceId: fx.service.id, quantity: 3, priceSource: 'NEGOTIATED' }],
  });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const SCREENS = [
  '/',
  '/time',
  '/invoices',
  '/invoices/generate',
  'INVOICE',
  '/clients',
  'CLIENT',
  '/catalog',
  '/portal-users',
  '/api-tokens',
  '/webhook-endpoints',
  '/integrations',
  '/integrations/quickbooks/mapping',
  '/settings/payments',
  '/settings/invoices',
  '/billing',
  '/webhooks',
  '/emails',
  '/exceptions',
  '/activity',
];

/** A raw GET (no automatic decoding) with the given Accept-Encoding. */
function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('admin app: accessibility, failures and delivery', () => {
  it('every screen has its own title, one h1 and no serious or critical axe violation; a skip link comes first', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      // Keyboard: the first Tab reaches the skip link, which moves focus to the page's content.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');

      const problems: Record<string, unknown> = {};
      const titles = new Set<string>();
      for (const screen of SCREENS) {
        const url =
          screen === 'INVOICE'
            ? `/admin/invoices/${invoiceId}`
            : screen === 'CLIENT'
              ? `/admin/clients/${clientId}`
              : `/admin${screen}`;
        await page.goto(url);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        const { title, h1 } = await titleAndH1s(page);
        const axe = await axeViolations(page);
        if (h1.length !== 1 || !/ · Settle admin$/.test(title) || titles.has(title) || axe.length)
          problems[url] = { title, h1, axe };
        titles.add(title);
        await screenshot(page, `admin-a11y${screen.replace(/\//g, '-') || '-dashboard'}`);
      }
      expect(problems).toEqual({});
    } finally {
      await context.close();
    }
  });

  it('the sign-in screen passes axe and names itself', async () => {
    const { context, page } = await newSession(browser, s.url);
    try {
      await page.goto('/admin/');
      await page.locator('input[name=email]').waitFor();
      expect(await titleAndH1s(page)).toEqual({ title: 'Sign in · Settle admin', h1: ['Settle admin'] });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("neither app's sign-in page logs an error to the console (an icon is declared: no /favicon.ico 404)", async () => {
    const { context, page } = await newSession(browser, s.url);
    try {
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(`${m.text()} ${m.location().url}`)));
      for (const app of ['/admin/', '/portal/']) {
        await page.goto(app);
        await page.locator('input[name=email]').waitFor();
        await page.waitForLoadState('networkidle');
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a screen whose code fails to load shows a reload button and keeps the menu', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/');
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      const chunk = /\/admin\/assets\/ClientsPage-[^/]+\.js$/;
      let refused = 0;
      await page.route(chunk, (route) => {
        refused++;
        return route.fulfill({ status: 404, body: 'Not found' });
      });
      await page.getByRole('link', { name: 'Clients' }).click();
      await page.getByTestId('error-boundary').waitFor();
      expect(refused).toBeGreaterThan(0);
      expect(await page.getByRole('link', { name: 'Invoices', exact: true }).isVisible()).toBe(true);
      await page.mouse.move(900, 600); // off the menu: judge colours at rest, not hovered
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-chunk-failed');
      // Another screen works again without a reload; the reload button brings the failed one back.
      await page.getByRole('link', { name: 'Invoices', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
      await page.unroute(chunk);
      await page.getByRole('link', { name: 'Clients' }).click();
      await page.getByTestId('error-boundary-reload').click();
      await page.getByRole('heading', { level: 1, name: 'Clients' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('the HTML paints a loading shell before the JS; bundles go out brotli or gzip with Vary', async () => {
    const html = (await rawGet(`${s.url}/admin/invoices`, 'identity')).body.toString();
    expect(html).toContain('Loading Settle admin…');
    const entry = /<script\b[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)![1]!;
    const br = await rawGet(`${s.url}${entry}`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    const gz = await rawGet(`${s.url}${entry}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await rawGet(`${s.url}${entry}`, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
  });
});
