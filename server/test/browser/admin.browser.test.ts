import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeEmulator, type StripeEmulator } from '@settle/stripe-emulator';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { PaymentMethod, PaymentSource } from '../../src/modules/payments/payment.entity.js';
import { launchChromium, liveConnectionDown, newSession, screenshot } from './browser-harness.js';

/**
 * The admin SPA end to end in Chromium against a real Settle and the Stripe emulator: sign in, connect
 * Stripe by keys, approve submitted time, generate a draft, send it to email + Stripe, and watch the open
 * invoice page turn PAID by subscription (no reload) when the client pays on the emulator's Checkout page.
 */
let emu: StripeEmulator;
let s: TestSettle;
let browser: Browser;
let owner: Awaited<ReturnType<typeof createOrgWithOwner>>;
let entryNote: string;

beforeAll(async () => {
  emu = await createStripeEmulator({ port: 0, rateLimitPerSecond: 0, retryScheduleMs: [300, 1000] });
  [s, browser] = await Promise.all([startTestSettle({ env: { STRIPE_API_URL: emu.url } }), launchChromium()]);
  owner = await createOrgWithOwner(s, 'Admin Browser IT');
  const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Contoso Ltd' });
  entryNote = 'Switch replacement on site';
  const entry = await s.container.timeEntries.log(owner.org.id, SYSTEM_ACTOR, {
    ticketId: fx.ticket.id,
    serviceId: fx.service.id,
    technicianId: fx.tech.id,
    workDate: '2026-11-05',
    minutes: 90,
    note: entryNote,
  });
  await s.container.timeEntries.submit(owner.org.id, SYSTEM_ACTOR, [entry.id]);
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
  await emu?.close();
});

async function signIn(page: Page) {
  await page.goto('/admin/');
  await page.locator('input[name=email]').fill(owner.owner.email);
  await page.locator('input[name=password]').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

describe('admin SPA in Chromium', () => {
  it('connects Stripe, approves time, generates and sends an invoice, and sees it turn PAID live', async () => {
    const { context, page } = await newSession(browser, s.url);
    try {
      await signIn(page);
      await screenshot(page, 'admin-dashboard');

      // Integrations: connect the emulator's account by keys; the webhook registers itself.
      await page.getByRole('link', { name: 'Integrations' }).click();
      const key = `sk_test_${owner.org.id.replace(/-/g, '')}`;
      await page.locator('input[name=stripeSecretKey]').fill(key);
      await page.locator('input[name=stripePublishableKey]').fill(key.replace('sk_', 'pk_'));
      await page.getByRole('button', { name: 'Connect with keys' }).click();
      await page.getByTestId('stripe-webhook-url').waitFor();
      expect(await page.getByTestId('stripe-webhook').textContent()).toContain('registered automatically');
      await page.getByRole('button', { name: 'Test connection' }).click();
      await expect.poll(() => page.getByTestId('stripe-test-result').textContent()).toContain('the key works');
      // Keys and the signing secret as the API masks them (sk_test_…1a2B), not with a second "…" after.
      const stripeCard = (await page.locator('main').textContent()) ?? '';
      expect(stripeCard).toContain(`sk_test_…${key.slice(-4)}`);
      expect(stripeCard).toContain(`pk_test_…${key.slice(-4)}`);
      expect(stripeCard).toMatch(/secret whsec_…[\w-]{4}(?!…)/);
      expect(stripeCard).not.toContain('……');
      await screenshot(page, 'admin-integrations-stripe-connected');

      // Time: approve the submitted entry.
      await page.getByRole('link', { name: 'Time approval' }).click();
      await page.getByTestId('time-entry-row').filter({ hasText: entryNote }).waitFor();
      await screenshot(page, 'admin-time-submitted');
      await page.getByRole('checkbox', { name: `Select entry ${entryNote}` }).check();
      await page.getByRole('button', { name: 'Approve', exact: true }).click();
      await page.getByTestId('empty').waitFor();
      const approved = await s.gql<{ timeEntries: { nodes: Array<{ status: string }> } }>(
        '{ timeEntries(status: APPROVED) {nodes{ status }} }',
        {},
        owner.token,
      );
      expect(approved.data.timeEntries.nodes).toHaveLength(1);

      // Generation wizard: period → preview → drafts.
      await page.getByRole('link', { name: 'Generate invoices' }).click();
      await page.getByLabel('Period start').fill('2026-11-01');
      await page.getByLabel('Period end').fill('2026-11-30');
      await page.getByRole('button', { name: 'Preview billable time' }).click();
      await expect.poll(() => page.getByTestId('preview-row').textContent()).toContain('Contoso Ltd');
      expect(await page.getByTestId('preview-row').textContent()).toContain('1h 30m');
      await screenshot(page, 'admin-generate-preview');
      await page.getByRole('button', { name: 'Generate drafts' }).click();
      await page.getByTestId('generated-invoice').waitFor();
      await screenshot(page, 'admin-generate-done');
      await page.getByTestId('generated-invoice').getByRole('link').click();

      // Invoice detail: send by email and Stripe.
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('DRAFT');
      const invoiceId = page.url().split('/').pop()!;
      await page.getByRole('button', { name: 'Send…' }).click();
      const dialog = page.getByRole('dialog');
      const stripeBox = dialog.getByRole('checkbox', { name: /Stripe \(pay link/ });
      await stripeBox.check();
      await screenshot(page, 'admin-send-dialog');
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => status.getAttribute('data-status')).toBe('SENT');
      await page.getByTestId('copy-pay-link').waitFor();
      await screenshot(page, 'admin-invoice-sent');

      // The client pays on the emulator's Checkout page in another browser context.
      const inv = await s.gql<{ invoice: { payUrl: string | null; total: number } }>(
        'query($id: ID!) { invoice(id: $id) { payUrl total } }',
        { id: invoiceId },
        owner.token,
      );
      expect(inv.data.invoice.payUrl).toBeTruthy();
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
      const client = await newSession(browser, s.url);
      try {
        await client.page.goto(inv.data.invoice.payUrl!);
        await client.page.locator('#card_number').fill('4242 4242 4242 4242');
        await client.page.locator('#card_expiry').fill('12 / 34');
        await client.page.locator('#card_cvc').fill('123');
        await client.page.locator('#email').fill('ap@client.test');
        await client.page.locator('#name').fill('Contoso AP');
        await client.page.locator('#submit').click();
        await client.page.waitForURL((u) => !u.toString().startsWith(emu.url), { timeout: 15_000 });
      } finally {
        await client.context.close();
      }

      // The admin's open page flips by subscription: same window (marker intact), no reload.
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 20_000 }).toBe('PAID');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
      await page.getByTestId('payment-row').filter({ hasText: 'STRIPE' }).waitFor();
      expect(await page.getByTestId('balance-due').textContent()).toBe('$0.00');
      await expect.poll(() => page.getByTestId('invoice-timeline').textContent()).toContain('Payment recorded');
      await screenshot(page, 'admin-invoice-paid-live');
    } finally {
      await context.close();
    }
  });

  // A payment recorded while the page's live connection was down (here: refused until the payment is in)
  // is never pushed; the subscription starts with the invoice as it is, so the page catches up on reconnect.
  it('shows a payment made while its live connection was down, without a reload', async () => {
    const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Offline Co' });
    const invoice = await fx.sentInvoice(30);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      const live = await liveConnectionDown(page);
      await page.goto(`/admin/invoices/${invoice.id}`);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('SENT');
      await expect.poll(live.refused).toBeGreaterThan(0);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 9));
      await s.container.settlement.settle(owner.org.id, SYSTEM_ACTOR, {
        invoiceId: invoice.id,
        amount: invoice.balanceDue,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
        reference: 'chk 501',
      });
      live.restore();
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('PAID');
      await page.getByTestId('payment-row').filter({ hasText: 'chk 501' }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(9);
    } finally {
      await context.close();
    }
  });

  it('filters the invoice list by issue date', async () => {
    const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Dated Co' });
    const invoice = await fx.sentInvoice(30);
    const nextDay = new Date(Date.parse(`${invoice.issueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/invoices');
      await page.getByLabel('Search').fill(invoice.number);
      const row = page.getByTestId('invoice-row').filter({ hasText: invoice.number });
      await row.waitFor();
      // Dates are typed into <input type=date> as yyyy-mm-dd; the list asks the API for `issued: { from, to }`.
      await page.getByLabel('Issued from').fill(invoice.issueDate);
      await page.getByLabel('Issued to').fill(invoice.issueDate);
      await row.waitFor();
      await page.getByLabel('Issued from').fill(nextDay);
      await page.getByLabel('Issued to').fill('');
      await page.getByText('No invoices match these filters.').waitFor();
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('records a check that arrives for an invoice written off as uncollectible', async () => {
    const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Late Payer Co' });
    const sent = await fx.sentInvoice(30);
    const invoice = await s.container.invoices.markUncollectible(owner.org.id, SYSTEM_ACTOR, sent.id);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto(`/admin/invoices/${invoice.id}`);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('UNCOLLECTIBLE');
      await page.getByRole('button', { name: 'Record payment' }).click();
      const dialog = page.getByRole('dialog');
      const methods = dialog.getByLabel('Method');
      await methods.click();
      // Only what can be recorded by hand is offered: card and bank debits come from their provider.
      // In words, as the payments list and the client's portal name them (not the API's CHECK, ACH…).
      expect(await page.getByRole('option').allTextContents()).toEqual([
        'Check',
        'Bank transfer (ACH)',
        'Wire transfer',
        'Cash',
        'Other',
      ]);
      await page.keyboard.press('Escape');
      await dialog.getByLabel('Reference').fill('chk 777');
      await dialog.getByRole('button', { name: 'Record payment' }).click();
      await page.getByTestId('payment-row').filter({ hasText: 'chk 777' }).waitFor();
      await expect.poll(() => status.getAttribute('data-status')).toBe('PAID');
    } finally {
      await context.close();
    }
  });

  it('shows field errors from the API next to the field', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/clients');
      await page.getByRole('button', { name: 'New client' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Bad Currency Co');
      await dialog.getByLabel('Billing email').fill('ap@bad.test');
      await dialog.getByLabel('Currency').fill('XXZ');
      await dialog.getByRole('button', { name: 'Create client' }).click();
      // The server refuses the currency with extensions.field = "currency"; the form shows it under that input.
      const currencyInput = dialog.getByLabel('Currency');
      await expect.poll(() => currencyInput.getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, 'admin-client-field-error');
    } finally {
      await context.close();
    }
  });
});
