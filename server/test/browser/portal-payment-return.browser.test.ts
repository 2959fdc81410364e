import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture, payByCheck } from '../fixtures.js';
import { PaymentMethod, PaymentSource } from '../../src/modules/payments/payment.entity.js';
import { launchChromium, newSession } from './browser-harness.js';
import { acceptedPortalUser } from './portal-fixtures.js';

let s: TestSettle;
let browser: Browser;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestSettle(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

/**
 * Stripe sends the payer back to /portal/invoices/:id/paid?session_id=<the Checkout session>. The page
 * names the payment of that session (its reference carries the session), not whichever card payment was
 * received last, and counts it as landed even when this tab did not remember the balance before paying
 * (another tab, a page opened again from history).
 */
describe('client portal: back from Stripe Checkout', () => {
  it('shows the payment of the session it came back from', async () => {
    const owner = await createOrgWithOwner(s, 'Payment Return Portal Org');
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Acme Ltd' });
    const invoice = await f.sentInvoice(90); // 150.00
    const byCheckout = (session: string, amount: number, receivedOn: string) =>
      payByCheck(s.container, owner.org.id, invoice.id, amount, {
        source: PaymentSource.STRIPE,
        method: PaymentMethod.CARD,
        externalId: `ch_${session}`,
        reference: `Stripe Checkout ${session}`,
        receivedOn,
      });
    const first = `cs_test_return_a_${Date.now()}`;
    await byCheckout(first, 5000, '2026-11-10');
    const user = await acceptedPortalUser(s.container, owner.org.id, f.client.id);
    const { context, page } = await newSession(browser, s.url, user.token);
    try {
      const back = async (session: string) => {
        await page.goto(`/portal/invoices/${invoice.id}/paid?session_id=${session}`);
        await page.getByTestId('payment-done').waitFor({ timeout: 5_000 });
        return {
          paid: await page.getByTestId('paid-amount').textContent(),
          remaining: await page.getByTestId('remaining-balance').textContent(),
        };
      };
      // Part paid, and nothing remembered in this tab: the session's payment is there, so it has landed.
      expect(await back(first)).toEqual({ paid: '$50.00', remaining: 'Remaining balance: $100.00' });
      // A later card payment (another session) pays the rest: the first session's page still names its own.
      const second = `cs_test_return_b_${Date.now()}`;
      await byCheckout(second, 10000, '2026-11-12');
      expect(await back(first)).toEqual({ paid: '$50.00', remaining: 'This invoice is now paid in full.' });
      expect(await back(second)).toEqual({ paid: '$100.00', remaining: 'This invoice is now paid in full.' });
    } finally {
      await context.close();
    }
  });
});
