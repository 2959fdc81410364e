import { describe, expect, it } from 'vitest';
import { loseNextAnswer, pickOption } from './browser-harness.js';
import { stripeBrowserFile } from './stripe-browser-file.js';

/**
 * A click whose answer is lost on the way back (Wi-Fi drops, a proxy times out): Settle did the work, the
 * admin app saw an error, and the admin clicks again. The second click must be the same action, not a
 * second draft or a second email to the client: the dialogs send an idempotency key.
 */
const f = stripeBrowserFile('Admin Lost Answers IT');

describe('a click whose answer was lost, clicked again', () => {
  it('New invoice: one draft, the first one, opens', async () => {
    const client = await f.w.settle.container.clients.create(f.org.org.id, f.org.fx.actor, {
      name: 'Lost Answer Co',
      billingEmail: 'ap@lost-answer.test',
      currency: 'USD',
    });
    const { context, page } = await f.session(f.org.token);
    try {
      await loseNextAnswer(page, 'AdminCreateInvoice');
      await page.goto('/admin/invoices');
      await page.getByRole('button', { name: 'New invoice' }).click();
      const dialog = page.getByRole('dialog');
      await pickOption(dialog, 'Client', /Lost Answer Co/);
      await dialog.getByRole('button', { name: 'Add line' }).click();
      await dialog.getByLabel('Description').first().fill('Site visit');
      await dialog.getByLabel('Quantity').first().fill('1');
      await dialog.getByLabel('Unit price').first().fill('45.00');
      await dialog.getByRole('button', { name: 'Create draft' }).click();
      await expect.poll(() => dialog.getByRole('alert').count()).toBeGreaterThan(0);
      await dialog.getByRole('button', { name: 'Create draft' }).click();
      await page.waitForURL(/\/admin\/invoices\/[0-9a-f-]{36}$/);
      const drafts = await f.w.settle.container.db.query(`SELECT id FROM invoices WHERE client_id = $1`, [client.id]);
      expect(drafts.map((d: { id: string }) => d.id)).toEqual([page.url().split('/').pop()]);
    } finally {
      await context.close();
    }
  });

  it('Send: the client is emailed once', async () => {
    const draft = await f.org.fx.draftInvoice(60);
    const { context, page } = await f.session(f.org.token);
    try {
      await loseNextAnswer(page, 'AdminSendInvoice');
      await page.goto(`/admin/invoices/${draft.id}`);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('DRAFT');
      await page.getByRole('button', { name: 'Send…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('checkbox', { name: /Stripe \(pay link/ }).uncheck();
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => dialog.getByRole('alert').count()).toBeGreaterThan(0);
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await expect.poll(() => status.getAttribute('data-status')).toBe('SENT');
      const emails = await f.w.settle.container.db.query(
        `SELECT id FROM emails WHERE related_id = $1 AND to_address = $2`,
        [draft.id, f.org.fx.client.billingEmail],
      );
      expect(emails).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});
