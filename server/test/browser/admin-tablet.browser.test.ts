import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture, payByCheck, type BillingFixture, type OrgWithOwner } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import {
  TABLET_LANDSCAPE,
  TABLET_PORTRAIT,
  cutOff,
  horizontalOverflow,
  launchChromium,
  newSession,
  screenshot,
} from './browser-harness.js';

/**
 * The admin app on a tablet (issue #17): at 768 and 1024 px nothing is wider than the screen (tables
 * scroll in their own box), no status badge is cut off, the menu opens from a burger where the sidebar
 * does not fit, and the invoice list and dashboard follow changes made elsewhere without a reload.
 */
let s: TestSettle;
let browser: Browser;
let owner: OrgWithOwner;
let fx: BillingFixture;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestSettle({ worker: false }), launchChromium()]);
  owner = await createOrgWithOwner(s, 'Northwind Managed IT Services International');
  fx = await billingFixture(s.container, owner.org.id, { clientName: 'Contoso Pharmaceuticals Holdings Ltd' });
  const c = s.container;
  const org = owner.org.id;
  // One invoice in every status a person sees, the longest labels included.
  ids.partial = (await fx.sentInvoice(120)).id;
  await payByCheck(c, org, ids.partial, 5000);
  ids.paid = (await fx.sentInvoice(30)).id;
  await payByCheck(c, org, ids.paid, 5000);
  ids.void = (await fx.sentInvoice(30)).id;
  await c.invoices.void(org, SYSTEM_ACTOR, ids.void);
  ids.uncollectible = (await fx.sentInvoice(45)).id;
  await c.invoices.markUncollectible(org, SYSTEM_ACTOR, ids.uncollectible);
  const late = await c.invoices.createDraft(org, SYSTEM_ACTOR, {
    clientId: fx.client.id,
    issueDate: '2026-09-01',
    dueDate: '2026-09-15',
    lines: [
      {
        kind: 'MANUAL',
        description: 'Audit',
        serviceId: null,
        quantity: '1',
        unitPrice: 9000,
        discount: 0,
        taxRateBps: 0,
      },
    ],
  });
  ids.overdue = (await c.invoices.send(org, SYSTEM_ACTOR, late.id)).id;
  ids.open = (await fx.sentInvoice(60)).id;
  ids.draft = (await fx.draftInvoice(15)).id;
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/** The screens staff use most, each with something that says it has loaded. */
const PAGES: Array<[name: string, path: () => string, ready: (p: Page) => Promise<unknown>]> = [
  ['dashboard', () => '/admin/', (p) => p.getByTestId('invoice-status').first().waitFor()],
  ['invoices', () => '/admin/invoices', (p) => p.getByTestId('invoice-row').first().waitFor()],
  ['invoice', () => `/admin/invoices/${ids.partial}`, (p) => p.getByTestId('invoice-status').first().waitFor()],
  ['invoice-void', () => `/admin/invoices/${ids.void}`, (p) => p.getByTestId('invoice-status').first().waitFor()],
  ['generate', () => '/admin/invoices/generate', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['clients', () => '/admin/clients', (p) => p.getByText('Contoso Pharmaceuticals Holdings Ltd').first().waitFor()],
  ['time', () => '/admin/time', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['exceptions', () => '/admin/exceptions', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['integrations', () => '/admin/integrations', (p) => p.getByRole('heading', { level: 1 }).waitFor()],
  ['emails', () => '/admin/emails', (p) => p.locator('main table .mantine-Badge-root').first().waitFor()],
];

/** Nothing wider than the screen outside a scroll box, and every badge whole (the email outbox's showed "OUT…"). */
async function checkTabletPage(page: Page, name: string, width: number) {
  await page.waitForLoadState('networkidle');
  const file = await screenshot(page, `tablet-${width}-${name}`);
  const overflow = await horizontalOverflow(page);
  expect(overflow.width).toBe(width);
  expect(overflow.wide, `${name} at ${width}: elements wider than the viewport (${file})`).toEqual([]);
  expect(overflow.scrollWidth, `${name} at ${width}: document scroll width`).toBeLessThanOrEqual(width);
  expect(await cutOff(page, '.mantine-Badge-root'), `${name} at ${width}: cut-off badges (${file})`).toEqual([]);
}

describe('admin app on a tablet', () => {
  for (const [device, width] of [
    [TABLET_PORTRAIT, 768],
    [TABLET_LANDSCAPE, 1024],
  ] as const) {
    it(`fits ${width} px: no page wider than the screen, every status badge whole`, async () => {
      const { context, page } = await newSession(browser, s.url, owner.token, device);
      try {
        for (const [name, path, ready] of PAGES) {
          await page.goto(path());
          await ready(page);
          await checkTabletPage(page, name, width);
        }
        // Every status shows somewhere, so each label was measured.
        await page.goto('/admin/invoices');
        await page.getByTestId('invoice-row').first().waitFor();
        const shown = await page
          .getByTestId('invoice-status')
          .evaluateAll((b) => b.map((e) => e.getAttribute('data-status')));
        expect(new Set(shown)).toEqual(
          new Set(['DRAFT', 'SENT', 'PARTIALLY_PAID', 'PAID', 'VOID', 'UNCOLLECTIBLE', 'OVERDUE']),
        );
      } finally {
        await context.close();
      }
    });
  }

  it('at 768 px the menu opens from a burger and takes you to another screen', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token, TABLET_PORTRAIT);
    try {
      await page.goto('/admin/');
      await page.getByTestId('invoice-status').first().waitFor();
      const invoicesLink = page.getByRole('link', { name: 'Invoices', exact: true });
      await expect.poll(() => invoicesLink.isVisible()).toBe(false); // the sidebar gives the page its width
      await page.getByRole('button', { name: 'Menu' }).tap();
      await expect.poll(() => invoicesLink.isVisible()).toBe(true);
      // The menu slides in: measure it once it has arrived, not half way across the screen.
      const menu = page.getByRole('navigation').first();
      await expect.poll(async () => (await menu.boundingBox())?.x).toBe(0);
      await checkTabletPage(page, 'menu-open', 768);
      await invoicesLink.tap();
      await page.getByTestId('invoice-row').first().waitFor();
      expect(new URL(page.url()).pathname).toBe('/admin/invoices');
      await expect.poll(() => invoicesLink.isVisible()).toBe(false); // the menu closes on the way
    } finally {
      await context.close();
    }
  });

  it('the invoice list and the dashboard follow a payment and a new invoice made elsewhere, without a reload', async () => {
    const { context, page: list } = await newSession(browser, s.url, owner.token, TABLET_PORTRAIT);
    const dashboard = await context.newPage();
    try {
      await list.goto('/admin/invoices');
      const row = list.getByTestId('invoice-row').filter({ has: list.locator(`a[href$="/invoices/${ids.open}"]`) });
      const badge = row.getByTestId('invoice-status');
      await expect.poll(() => badge.getAttribute('data-status')).toBe('SENT');
      await dashboard.goto('/admin/');
      const collected = dashboard.getByTestId('collected-USD');
      const before = await collected.textContent();
      for (const p of [list, dashboard]) await p.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
      const rows = await list.getByTestId('invoice-row').count();

      // Another session (an API token) records the payment in full, then drafts a new invoice.
      const pay = await s.gql(
        `mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { invoice { status } } }`,
        { input: { invoiceId: ids.open, amount: 10000, method: 'CHECK', reference: 'chk 77' } },
        owner.apiToken,
      );
      expect(pay.errors).toBeUndefined();
      expect(pay.data.recordPayment.invoice.status).toBe('PAID');
      await expect.poll(() => badge.getAttribute('data-status'), { timeout: 15_000 }).toBe('PAID');
      await expect.poll(() => row.locator('td').last().textContent()).toMatch(/^\D*0\.00$/);
      await expect.poll(() => collected.textContent(), { timeout: 15_000 }).not.toBe(before);

      const created = await s.gql(
        `mutation($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
        {
          input: {
            clientId: fx.client.id,
            lines: [{ kind: 'MANUAL', description: 'Rack install', quantity: '1', unitPrice: 4200 }],
          },
        },
        owner.apiToken,
      );
      expect(created.errors).toBeUndefined();
      await expect.poll(() => list.getByTestId('invoice-row').count(), { timeout: 15_000 }).toBe(rows + 1);
      await list.locator(`a[href$="/invoices/${created.data.createInvoice.id}"]`).waitFor();
      for (const p of [list, dashboard])
        expect(await p.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
      await checkTabletPage(list, 'invoices-live', 768);
    } finally {
      await context.close();
    }
  });
});
