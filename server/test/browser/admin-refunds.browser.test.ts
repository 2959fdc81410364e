import { describe, expect, it } from 'vitest';
import {
  control,
  inboxSettled,
  paidCheckoutSession,
  paymentsOf,
  sentToStripe,
  waitForStatus,
} from '../../src/modules/stripe/stripe-test-kit.js';
import { screenshot } from './browser-harness.js';
import { stripeBrowserFile } from './stripe-browser-file.js';

/**
 * Refunds in the admin app, in Chromium against a real Settle and the Stripe emulator: a partial refund of
 * a card payment from its row, and a refund Stripe fails after it was booked.
 */
const f = stripeBrowserFile('Admin Refunds IT');

/** A 100.00 invoice sent to Stripe and paid there by card (Checkout), as Settle records it from the webhook. */
async function paidByCard() {
  const inv = await sentToStripe(f.org);
  await paidCheckoutSession(f.org.stripe, f.org.org.id, inv.id, inv.total);
  await waitForStatus(f.w, f.org.org.id, inv.id, 'PAID');
  return inv;
}

describe('refunds from the payment', () => {
  it('refunds part of a card payment through Stripe with a reason; too much is said of the Amount field', async () => {
    const inv = await paidByCard();
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto(`/admin/invoices/${inv.id}`);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('PAID');
      // The payment names its card and links Stripe's receipt.
      expect(await page.getByTestId('payment-row').textContent()).toContain('Visa ·· 4242');
      expect(await page.getByTestId('payment-row').getByRole('link', { name: 'Receipt' }).getAttribute('href')).toMatch(
        new RegExp(`^${f.w.emu.url}/receipts/ch_`),
      );
      await page.getByTestId('payment-row').getByRole('button', { name: 'Refund…' }).click();
      const dialog = page.getByRole('dialog');
      // The form starts at the full refund; more than the payment is refused on the Amount field.
      expect(await dialog.getByLabel('Amount').inputValue()).toBe('100.00');
      await dialog.getByLabel('Amount').fill('150.00');
      // The server keeps 500 characters of a reason: the box counts them and takes no more.
      await dialog.getByLabel('Reason').fill('x'.repeat(501));
      expect(await dialog.getByLabel('Reason').inputValue()).toBe('x'.repeat(500));
      expect(await dialog.getByTestId('reason-count').textContent()).toBe('500 of 500 characters');
      await dialog.getByLabel('Reason').fill('One hour was billed twice');
      await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
      await expect.poll(() => dialog.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('at most USD 100.00');
      await screenshot(page, 'admin-refund-too-much');

      await dialog.getByLabel('Amount').fill('40.00');
      await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
      await page.getByTestId('refund-row').waitFor();
      expect(await page.getByTestId('refund-row').textContent()).toContain('-$40.00');
      await expect.poll(() => status.getAttribute('data-status')).toBe('PARTIALLY_PAID');
      expect(await page.getByTestId('balance-due').textContent()).toBe('$40.00');

      const refunds = await f.org.stripe.refunds.list({ limit: 10 });
      const mine = refunds.data.filter((r) => r.metadata?.settle_invoice_id === inv.id);
      expect(mine.map((r) => [r.amount, r.metadata?.settle_refund_reason])).toEqual([
        [4000, 'One hour was billed twice'],
      ]);
      // Stripe's refund webhook replays the refund Settle recorded: still one refund row.
      await f.w.emu.webhooksIdle();
      await inboxSettled(f.w, f.org.org.id);
      await page.reload();
      await page.getByTestId('refund-row').waitFor();
      expect(await page.getByTestId('refund-row').count()).toBe(1);
      await screenshot(page, 'admin-refund-partial');
    } finally {
      await context.close();
    }
  });

  it('a refund the client no longer owes credits the invoice: it stays paid', async () => {
    const inv = await paidByCard();
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto(`/admin/invoices/${inv.id}`);
      await page.getByTestId('payment-row').getByRole('button', { name: 'Refund…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Amount').fill('25.00');
      await dialog.getByLabel('Reason').fill('Goodwill for the outage');
      await dialog.getByTestId('refund-credit-invoice').check();
      expect(await dialog.textContent()).toContain('its balance due stays as it is');
      await dialog.getByRole('button', { name: 'Refund', exact: true }).click();
      await page.getByTestId('refund-row').waitFor();
      expect(await page.getByTestId('refund-row').textContent()).toContain('-$25.00');
      expect(await page.getByTestId('invoice-status').first().getAttribute('data-status')).toBe('PAID');
      expect(await page.getByTestId('balance-due').textContent()).toBe('$0.00');
      expect(await page.getByText('Goodwill for the outage').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});

describe('a refund that fails later', () => {
  it('is shown on the invoice: the money counts as paid again and the admin is told what to do', async () => {
    const inv = await sentToStripe(f.org);
    // Stripe's test card whose refunds succeed at first and fail later.
    await paidCheckoutSession(f.org.stripe, f.org.org.id, inv.id, inv.total, 'usd', '4000000000005126');
    await waitForStatus(f.w, f.org.org.id, inv.id, 'PAID');
    const [payment] = await paymentsOf(f.w, f.org.org.id, inv.id);
    const REFUND = `mutation($i: RefundPaymentInput!) { refundPayment(input: $i) { payment { externalId } } }`;
    const made = await f.w.settle.gql(
      REFUND,
      { i: { paymentId: payment!.id, amount: 4000, reason: 'Too much' } },
      f.org.token,
    );
    await control(f.w.emu, '/refunds/advance', { refund: made.data.refundPayment.payment.externalId });
    await waitForStatus(f.w, f.org.org.id, inv.id, 'PAID');
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto(`/admin/invoices/${inv.id}`);
      await page.getByTestId('refund-failed-alert').waitFor();
      expect(await page.getByTestId('payment-row').allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining('Refund failed')]),
      );
      await screenshot(page, 'admin-refund-failed');
    } finally {
      await context.close();
    }
  });
});
