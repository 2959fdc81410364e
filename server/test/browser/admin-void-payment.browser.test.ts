import { describe, expect, it } from 'vitest';
import { loseNextAnswer, screenshot } from './browser-harness.js';
import { stripeBrowserFile } from './stripe-browser-file.js';

/**
 * Voiding a check recorded by mistake from its row on the invoice page, in Chromium against a real
 * Settle: the reason is asked for, a lost answer clicked again voids once (the dialog's idempotency key),
 * and the list and balance show the invoice owed again.
 */
const f = stripeBrowserFile('Admin Void Payment IT');

const PAY = `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { payment { id } } }`;

describe('voiding a payment recorded by mistake', () => {
  it('asks why, voids once through a lost answer, and shows the invoice owed again', async () => {
    const inv = await f.org.fx.sentInvoice(60);
    const paid = await f.w.settle.gql(
      PAY,
      { i: { invoiceId: inv.id, amount: inv.total, method: 'CHECK', reference: '1042' } },
      f.org.token,
    );
    expect(paid.errors).toBeUndefined();
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto(`/admin/invoices/${inv.id}`);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('PAID');
      await page.getByTestId('payment-row').getByRole('button', { name: 'Void…' }).click();
      const dialog = page.getByRole('dialog');
      // No reason: refused on the Reason field, nothing voided.
      await dialog.getByRole('button', { name: 'Void payment' }).click();
      await expect.poll(() => dialog.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
      // The server keeps 200 characters of a reason: the box counts them and takes no more.
      await dialog.getByLabel('Reason').fill('x'.repeat(250));
      expect(await dialog.getByLabel('Reason').inputValue()).toBe('x'.repeat(200));
      expect(await dialog.getByTestId('reason-count').textContent()).toBe('200 of 200 characters');

      await loseNextAnswer(page, 'AdminVoidPayment');
      await dialog.getByLabel('Reason').fill('Typed 100.00, the check was 10.00');
      expect(await dialog.getByTestId('reason-count').textContent()).toBe('33 of 200 characters');
      await dialog.getByRole('button', { name: 'Void payment' }).click();
      await expect.poll(() => dialog.getByRole('alert').count()).toBeGreaterThan(0);
      await dialog.getByRole('button', { name: 'Void payment' }).click();
      await dialog.waitFor({ state: 'hidden' });

      await expect.poll(() => status.getAttribute('data-status')).toBe('SENT');
      const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(inv.total / 100);
      expect(await page.getByTestId('balance-due').textContent()).toBe(usd);
      const rows = await page.getByTestId('payment-row').allTextContents();
      expect(rows).toEqual([expect.stringContaining('Payment (voided)'), expect.stringContaining('Void')]);
      expect(rows[1]).toContain('Voided: Typed 100.00, the check was 10.00');
      expect(await page.getByRole('button', { name: 'Void…' }).count()).toBe(0);
      const adjustments = await f.w.settle.container.db.query(
        `SELECT amount FROM payments WHERE invoice_id = $1 AND kind = 'ADJUSTMENT'`,
        [inv.id],
      );
      expect(adjustments).toEqual([{ amount: -inv.total }]);
      await screenshot(page, 'admin-payment-voided');
    } finally {
      await context.close();
    }
  });
});
