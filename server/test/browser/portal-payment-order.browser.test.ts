import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { ok } from '../api.js';
import { billingFixture, payByCheck } from '../fixtures.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';
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
 * A client reads an invoice's payments as a bank statement reads, newest received first (the admin Payments
 * list's order): a check recorded late sits at the day it was received, and a credit note at its date.
 */
describe('client portal: payments on an invoice', () => {
  it('lists them newest received first, a credit note among them by its date', async () => {
    const owner = await createOrgWithOwner(s, 'Payment Order Portal Org');
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Acme Ltd' });
    const invoice = await f.sentInvoice(90);
    // Recorded in this order; received on these days (the last one recorded late, for an earlier day).
    for (const [reference, receivedOn] of [
      ['CHK-10', '2026-11-10'],
      ['CHK-14', '2026-11-14'],
      ['CHK-12', '2026-11-12'],
    ] as const)
      await payByCheck(s.container, owner.org.id, invoice.id, 1000, { receivedOn, reference });
    // A credit note issued today, recorded after every payment.
    ok(
      await s.gql(
        `mutation($i: IssueCreditMemoInput!) { issueCreditMemo(input: $i) { creditMemo { id } } }`,
        { i: { invoiceId: invoice.id, amount: 500, reason: 'Goodwill' } },
        owner.token,
      ),
    );
    const user = await acceptedPortalUser(s.container, owner.org.id, f.client.id);
    const { context, page } = await newSession(browser, s.url, user.token);
    try {
      await page.goto(`/portal/invoices/${invoice.id}`);
      const items = page.getByTestId('invoice-payments').getByTestId('payment-item');
      await items.nth(3).waitFor();
      const labels = (await items.allTextContents()).map((t) => /Credit · Goodwill|CHK-\d+/.exec(t)?.[0]);
      expect(labels).toEqual(['Credit · Goodwill', 'CHK-14', 'CHK-12', 'CHK-10']);
      await screenshot(page, 'portal-invoice-payments-order');
    } finally {
      await context.close();
    }
  });
});
