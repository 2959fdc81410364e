import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../harness.js';
import { settleForFile } from '../for-file.js';
import { billingFixture } from '../fixtures.js';
import { chromiumForFile, newSession } from './browser-harness.js';

/** The email outbox says what each email is in words ("Invoice"), not as the API's code (`INVOICE`). */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();

describe('the admin email outbox', () => {
  it('names each kind of email in words', async () => {
    const owner = await createOrgWithOwner(s, 'Outbox Org');
    const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Outbox Client' });
    await fx.sentInvoice(60);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/emails');
      const row = page.locator('main table tbody tr').first();
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells).toContain('Invoice');
      expect(cells).not.toContain('INVOICE');
    } finally {
      await context.close();
    }
  });
});
