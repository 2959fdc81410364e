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

/** Three checks recorded in this order, received on these days (the last one recorded late, for an earlier day). */
async function checksRecordedOutOfOrder(orgId: string, invoiceId: string): Promise<void> {
  for (const [reference, receivedOn] of [
    ['CHK-10', '2026-11-10'],
    ['CHK-14', '2026-11-14'],
    ['CHK-12', '2026-11-12'],
  ] as const)
    await payByCheck(s.container, orgId, invoiceId, 1000, { receivedOn, reference });
}

/**
 * A client reads an invoice's payments as a bank statement reads, newest received first (the admin Payments
 * list's order): a check recorded late sits at the day it was received, and a credit note at its date (the
 * organization's day). The overview's recent payments read in the same order.
 */
describe('client portal: payments on an invoice', () => {
  it('lists them newest received first, a credit note among them by its date', async () => {
    const owner = await createOrgWithOwner(s, 'Payment Order Portal Org');
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Acme Ltd' });
    const invoice = await f.sentInvoice(90);
    await checksRecordedOutOfOrder(owner.org.id, invoice.id);
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

  it("dates a credit note by the organization's day, not the UTC day of when it was recorded", async () => {
    const owner = await createOrgWithOwner(s, 'Credit Date Portal Org');
    const timeZone = 'America/New_York';
    ok(
      await s.gql(
        `mutation($i: OrganizationSettingsInput!) { updateOrganizationSettings(input: $i) { id } }`,
        { i: { timeZone } },
        owner.token,
      ),
    );
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Acme Ltd' });
    const invoice = await f.sentInvoice(90);
    for (const [reference, receivedOn] of [
      ['CHK-1030', '2026-10-30'],
      ['CHK-1101', '2026-11-01'],
    ] as const)
      await payByCheck(s.container, owner.org.id, invoice.id, 1000, { receivedOn, reference });
    const { issueCreditMemo } = ok<{ issueCreditMemo: { creditMemo: { id: string } } }>(
      await s.gql(
        `mutation($i: IssueCreditMemoInput!) { issueCreditMemo(input: $i) { creditMemo { id } } }`,
        { i: { invoiceId: invoice.id, amount: 500, reason: 'Goodwill' } },
        owner.token,
      ),
    );
    // Issued at 9:30 pm on Oct 31 in New York: Nov 1 in UTC.
    const issuedAt = new Date('2026-11-01T01:30:00Z');
    await s.container.db.query(`UPDATE credit_memos SET created_at = $2 WHERE id = $1`, [
      issueCreditMemo.creditMemo.id,
      issuedAt,
    ]);
    const day = (zone: string) =>
      new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: zone }).format(
        issuedAt,
      );
    expect(day(timeZone)).not.toBe(day('UTC'));
    const user = await acceptedPortalUser(s.container, owner.org.id, f.client.id);
    const { context, page } = await newSession(browser, s.url, user.token);
    try {
      await page.goto(`/portal/invoices/${invoice.id}`);
      const items = page.getByTestId('invoice-payments').getByTestId('payment-item');
      await items.nth(2).waitFor();
      const texts = await items.allTextContents();
      expect(texts.map((t) => /Credit · Goodwill|CHK-\d+/.exec(t)?.[0])).toEqual([
        'CHK-1101',
        'Credit · Goodwill',
        'CHK-1030',
      ]);
      expect(texts[1]).toContain(day(timeZone));
      expect(texts[1]).not.toContain(day('UTC'));
    } finally {
      await context.close();
    }
  });

  it('the overview lists recent payments newest received first and names them as the invoice page does', async () => {
    const owner = await createOrgWithOwner(s, 'Overview Payment Order Org');
    const f = await billingFixture(s.container, owner.org.id, { clientName: 'Acme Ltd' });
    const invoice = await f.sentInvoice(90);
    await checksRecordedOutOfOrder(owner.org.id, invoice.id);
    const user = await acceptedPortalUser(s.container, owner.org.id, f.client.id);
    const { context, page } = await newSession(browser, s.url, user.token);
    try {
      const labels = async (path: string, list: string) => {
        await page.goto(path);
        const items = page.getByTestId(list).getByTestId('payment-item');
        await items.nth(2).waitFor();
        // Each payment's label (the method, a check with its number) and the day it was received.
        return (await items.allTextContents()).map((t) => /^(.*?)(Nov \d+, 2026)/.exec(t)?.slice(1));
      };
      const overview = await labels('/portal/', 'payments-table');
      await screenshot(page, 'portal-overview-payments-order');
      expect(overview).toEqual([
        ['Check · CHK-14', 'Nov 14, 2026'],
        ['Check · CHK-12', 'Nov 12, 2026'],
        ['Check · CHK-10', 'Nov 10, 2026'],
      ]);
      expect(overview).toEqual(await labels(`/portal/invoices/${invoice.id}`, 'invoice-payments'));
    } finally {
      await context.close();
    }
  });
});
