import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture, payByCheck, type BillingFixture, type OrgWithOwner } from '../fixtures.js';
import { daysFromToday } from '../api.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { PHONE, cutOff, horizontalOverflow, launchChromium, newSession, screenshot } from './browser-harness.js';

/**
 * Money typed on a phone in the admin app: an amount with a comma where a decimal point belongs is
 * refused on the Amount field (it used to be read as thousands: "12,50" recorded 1,250.00), and a check
 * that bounced is recorded as a refund from its payment row, all without the page growing wider than
 * the screen.
 */
let s: TestSettle;
let browser: Browser;
let owner: OrgWithOwner;
let usd: BillingFixture;
let kwd: BillingFixture;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestSettle({ worker: false }), launchChromium()]);
  owner = await createOrgWithOwner(s, 'Phone Money Org');
  usd = await billingFixture(s.container, owner.org.id, { catalogPrice: 10000, clientName: 'Dollar Client' });
  kwd = await billingFixture(s.container, owner.org.id, { currency: 'KWD', catalogPrice: 100000, clientName: 'Dinar' });
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('money typed in the admin app on a phone', () => {
  it('refuses "12,50" on the Amount field, records 12.345 KWD exactly, and records a bounced check as a refund', async () => {
    const inv = await kwd.sentInvoice(60); // 100.000 KWD
    const checked = await usd.sentInvoice(60); // 100.00 USD
    await payByCheck(s.container, owner.org.id, checked.id, 10000);
    const { context, page } = await newSession(browser, s.url, owner.token, PHONE);
    try {
      await page.goto(`/admin/invoices/${inv.id}`);
      await page.getByTestId('invoice-status').first().waitFor();
      await page.getByRole('button', { name: 'Record payment' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Amount').fill('12,50');
      await dialog.getByRole('button', { name: 'Record payment' }).click();
      await expect.poll(() => dialog.getByLabel('Amount').getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('Use a dot for decimals and commas only between thousands');
      await screenshot(page, 'admin-phone-amount-comma');
      await dialog.getByLabel('Amount').fill('12.345');
      await dialog.getByRole('button', { name: 'Record payment' }).click();
      await expect.poll(() => page.getByTestId('balance-due').textContent()).toContain('87.655');
      const [paid] = await s.container.db.query(`SELECT amount FROM payments WHERE invoice_id = $1`, [inv.id]);
      expect(Number(paid.amount)).toBe(12345);

      await page.goto(`/admin/invoices/${checked.id}`);
      // The amount and its Refund… button show beside the payment, not past the phone's right edge.
      await page.getByTestId('payment-row').waitFor();
      for (const testId of ['payment-amount', 'payment-row']) {
        const box = (await page.getByTestId(testId).first().boundingBox())!;
        expect(box.x + box.width, testId).toBeLessThanOrEqual(PHONE.viewport.width);
      }
      await screenshot(page, 'admin-phone-check-payment');
      await page.getByTestId('payment-row').getByRole('button', { name: 'Refund…' }).click();
      const refund = page.getByRole('dialog');
      expect(await refund.textContent()).toContain('a check that bounced');
      await refund.getByLabel('Reason').fill('Check 1042 bounced');
      await refund.getByRole('button', { name: 'Record refund' }).click();
      await page.getByTestId('refund-row').waitFor();
      expect(await page.getByTestId('refund-row').textContent()).toContain('-$100.00');
      await expect.poll(() => page.getByTestId('balance-due').textContent()).toBe('$100.00');
      await page.waitForLoadState('networkidle');
      const file = await screenshot(page, 'admin-phone-bounced-check');
      const overflow = await horizontalOverflow(page);
      expect(overflow.wide, `elements wider than the phone (${file})`).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(PHONE.viewport.width);
    } finally {
      await context.close();
    }
  });

  it('stacks the fields of New invoice and Edit draft on a phone instead of squeezing them side by side', async () => {
    const draft = await usd.draftInvoice(30);
    const { context, page } = await newSession(browser, s.url, owner.token, PHONE);
    /** Each field's box, in the open dialog: on a phone every one takes the row's whole width. */
    const widths = async (labels: string[]) => {
      const dialog = page.getByRole('dialog');
      const body = (await dialog.locator('.mantine-Modal-body').boundingBox())!;
      const out: Record<string, number> = {};
      for (const label of labels) {
        const box = (await dialog.getByLabel(label).first().boundingBox())!;
        out[label] = Math.round((box.width / body.width) * 100);
      }
      return out;
    };
    try {
      await page.goto('/admin/invoices');
      await page.getByRole('button', { name: 'New invoice' }).click();
      await page.getByRole('dialog').getByLabel('Due date').waitFor();
      // Side by side, the client's "Who is billed" and the date's mm/dd/yyyy were cut short.
      for (const [label, pct] of Object.entries(await widths(['Client', 'Due date'])))
        expect(pct, `${label}: % of the dialog's width`).toBeGreaterThan(80);
      await screenshot(page, 'admin-phone-new-invoice');
      await page.keyboard.press('Escape');

      await page.goto(`/admin/invoices/${draft.id}`);
      await page.getByRole('button', { name: 'Edit draft' }).click();
      await page.getByRole('dialog').getByLabel('Memo').waitFor();
      for (const [label, pct] of Object.entries(await widths(['Due date', 'Memo', 'Notes'])))
        expect(pct, `${label}: % of the dialog's width`).toBeGreaterThan(80);
      // The lines keep their columns and scroll sideways in their box: squeezed, Qty showed "0" of 0.5 and the
      // Kind select nothing at all.
      expect(await page.getByRole('dialog').getByLabel('Quantity').inputValue()).toBe('0.5');
      expect(await cutOff(page, '[role=dialog] table input:not([type=hidden])')).toEqual([]);
      await screenshot(page, 'admin-phone-edit-draft');
    } finally {
      await context.close();
    }
  });

  it('shows the amount of every aging bucket in words, not only in a chart that needs hovering', async () => {
    const org = await createOrgWithOwner(s, 'Phone Aging Org');
    const fx = await billingFixture(s.container, org.org.id, { catalogPrice: 10000 });
    await fx.sentInvoice(60); // 100.00, not yet due
    const late = await s.container.invoices.createDraft(org.org.id, SYSTEM_ACTOR, {
      clientId: fx.client.id,
      issueDate: daysFromToday(-40),
      dueDate: daysFromToday(-10),
      lines: [
        {
          kind: 'MANUAL',
          description: 'Audit',
          serviceId: null,
          quantity: '1',
          unitPrice: 4250,
          discount: 0,
          taxRateBps: 0,
        },
      ],
    });
    await s.container.invoices.send(org.org.id, SYSTEM_ACTOR, late.id);
    const { context, page } = await newSession(browser, s.url, org.token, PHONE);
    try {
      await page.goto('/admin/');
      const current = page.getByTestId('aging-USD-current');
      await current.waitFor();
      expect(await current.textContent()).toBe('$100.00');
      expect(await page.getByTestId('aging-USD-days1to30').textContent()).toBe('$42.50');
      expect(await page.getByTestId('aging-USD-days90plus').textContent()).toBe('$0.00');
      const box = (await page.getByTestId('aging-amounts-USD').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
      await screenshot(page, 'admin-phone-dashboard-aging');
    } finally {
      await context.close();
    }
  });
});
