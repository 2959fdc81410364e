import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../harness.js';
import { settleForFile } from '../for-file.js';
import { billingFixture, payByCheck } from '../fixtures.js';
import { daysFromToday } from '../api.js';
import { PaymentMethod } from '../../src/modules/payments/payment.entity.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { PHONE, chromiumForFile, horizontalOverflow, loadedRows, newSession, screenshot } from './browser-harness.js';

/**
 * The admin Payments page: the money that came in (and went back) across invoices, to match a bank deposit
 * without opening invoices one by one; filtered by received dates and client, and downloaded as CSV.
 */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();

describe('the admin Payments page', () => {
  it('lists payments and refunds of two clients by received date, filters them, downloads them as CSV, and fits a phone', async () => {
    const owner = await createOrgWithOwner(s, 'Payments Page Org');
    const org = owner.org.id;
    // An org whose date is never the browser's (UTC): a day behind before 10:00 UTC, a day ahead from then on.
    const timeZone = new Date().getUTCHours() < 10 ? 'Pacific/Pago_Pago' : 'Pacific/Kiritimati';
    await s.container.organizations.updateSettings(org, SYSTEM_ACTOR, { timeZone });
    const orgToday = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
    const orgFrom = new Date(Date.parse(`${orgToday}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
    const usd = await billingFixture(s.container, org, { catalogPrice: 10000, clientName: 'Acme Dollar' });
    const kwd = await billingFixture(s.container, org, {
      currency: 'KWD',
      catalogPrice: 100000,
      clientName: 'Dinar Trading',
    });
    const usdInvoice = await usd.sentInvoice(60); // 100.00 USD
    const kwdInvoice = await kwd.sentInvoice(60); // 100.000 KWD
    const check = await payByCheck(s.container, org, usdInvoice.id, 10000, {
      reference: 'CHK-1042',
      receivedOn: daysFromToday(-3),
    });
    const bounced = await payByCheck(s.container, org, usdInvoice.id, -4000, {
      reference: 'Returned, part',
      refundsPaymentId: check.payment.id,
      receivedOn: daysFromToday(-1),
    });
    const wire = await payByCheck(s.container, org, kwdInvoice.id, 12345, {
      method: PaymentMethod.WIRE,
      reference: 'Wire 77, "urgent"',
      receivedOn: daysFromToday(-2),
    });
    // A check received five days ago, recorded only now: it sits at its received date, not at the top.
    const late = await payByCheck(s.container, org, usdInvoice.id, 2500, {
      reference: 'CHK-1050',
      receivedOn: daysFromToday(-5),
    });

    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/');
      await page.getByRole('link', { name: 'Payments', exact: true }).click();
      await page.waitForURL('**/admin/payments');
      const rows = await loadedRows(page, 'payment-row', 4);
      // The org's last 30 days by default, not the browser's.
      expect(await page.getByLabel('Received from').inputValue()).toBe(orgFrom);
      expect(await page.getByLabel('Received to').inputValue()).toBe(orgToday);
      // Newest received first: the refund, the wire, the check, and the check recorded last for an earlier day.
      const texts = await rows.allTextContents();
      expect(texts[0]).toContain('Refund');
      expect(texts[0]).toContain('-$40.00');
      expect(texts[1]).toContain('Dinar Trading');
      expect(texts[1]).toContain('Wire transfer');
      expect(texts[1]).toContain('KWD');
      expect(texts[1]).toContain('12.345');
      expect(texts[3]).toContain('CHK-1050');
      expect(texts[3]).toContain('$25.00');
      expect(texts[2]).toContain('CHK-1042');
      expect(texts[2]).toContain('Check');
      expect(texts[2]).toContain('Payment');
      expect(texts[2]).toContain('$100.00');
      expect(await rows.nth(2).getByRole('link', { name: usdInvoice.number! }).getAttribute('href')).toBe(
        `/admin/invoices/${usdInvoice.id}`,
      );
      // Net per currency over every payment matched, as the server sums them.
      const total = async (currency: string) =>
        (await page.getByTestId(`payment-total-${currency}`).textContent())!.replace(/\s/g, ' ');
      expect(await total('USD')).toBe('$85.00 (3 rows)');
      expect(await total('KWD')).toBe('KWD 12.345 (1 row)');
      await screenshot(page, 'admin-payments');

      // The CSV of the whole filtered range: amounts as decimals in each currency's exponent, with the ids.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download CSV' }).click(),
      ]);
      const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'Received,Client,Invoice,Method,Reference,Kind,Amount,Currency,Payment ID,Invoice ID,Client ID',
      );
      expect(lines.slice(1)).toEqual([
        `${daysFromToday(-1)},Acme Dollar,${usdInvoice.number},Check,"Returned, part",Refund,-40.00,USD,${bounced.payment.id},${usdInvoice.id},${usd.client.id}`,
        `${daysFromToday(-2)},Dinar Trading,${kwdInvoice.number},Wire transfer,"Wire 77, ""urgent""",Payment,12.345,KWD,${wire.payment.id},${kwdInvoice.id},${kwd.client.id}`,
        `${daysFromToday(-3)},Acme Dollar,${usdInvoice.number},Check,CHK-1042,Payment,100.00,USD,${check.payment.id},${usdInvoice.id},${usd.client.id}`,
        `${daysFromToday(-5)},Acme Dollar,${usdInvoice.number},Check,CHK-1050,Payment,25.00,USD,${late.payment.id},${usdInvoice.id},${usd.client.id}`,
      ]);

      // One client's payments only.
      await page.getByRole('combobox', { name: 'Client' }).click();
      await page.getByRole('option', { name: /Dinar Trading/ }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Wire 77');

      // Refunds only, as the server filters them.
      await page.goto('/admin/payments');
      await loadedRows(page, 'payment-row', 4);
      await page.getByRole('combobox', { name: 'Kind' }).click();
      await page.getByRole('option', { name: 'Refunds' }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain('Returned, part');
      expect(await total('USD')).toBe('-$40.00 (1 row)');
      expect(await page.getByTestId('payment-total-KWD').count()).toBe(0);

      // A range without payments says which range it looked in.
      await page.goto('/admin/payments');
      await loadedRows(page, 'payment-row', 4);
      await page.getByLabel('Received from').fill('2020-01-01');
      await page.getByLabel('Received to').fill('2020-01-31');
      await page.getByText('No payments received between Jan 1, 2020 and Jan 31, 2020').waitFor();
      expect(await rows.count()).toBe(0);
    } finally {
      await context.close();
    }

    const phone = await newSession(browser, s.url, owner.token, PHONE);
    try {
      await phone.page.goto('/admin/payments');
      await loadedRows(phone.page, 'payment-row', 4);
      await phone.page.waitForLoadState('networkidle');
      // Each amount shows on the screen beside its row, not scrolled out of sight past the right edge.
      const amounts = phone.page.getByTestId('payment-amount');
      const shown = (await amounts.allTextContents()).map((t) => t.replace(/\s/g, ' '));
      expect(shown).toEqual(['-$40.00', 'KWD 12.345', '$100.00', '$25.00']);
      for (const box of await Promise.all((await amounts.all()).map((a) => a.boundingBox())))
        expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.viewport.width);
      expect(await phone.page.getByTestId('payment-row').nth(1).textContent()).toContain('Wire 77');
      const file = await screenshot(phone.page, 'admin-payments-phone');
      const overflow = await horizontalOverflow(phone.page);
      expect(overflow.wide, `elements wider than the phone (${file})`).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(PHONE.viewport.width);
    } finally {
      await phone.context.close();
    }
  });
});
