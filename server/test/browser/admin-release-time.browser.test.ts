import { describe, expect, it } from 'vitest';
import { stripeBrowserFile } from './stripe-browser-file.js';

/** A void invoice that kept its time: an admin releases it from the invoice page; billing staff see no button. */
const f = stripeBrowserFile('Release Time IT');

describe("a void invoice's kept time", () => {
  it('is released by an admin with Release time; billing staff are not offered it', async () => {
    const c = f.w.settle.container;
    const orgId = f.org.org.id;
    const entry = await f.org.fx.approvedEntry(45, '2026-11-09');
    const [inv] = (
      await c.generation.generate(orgId, f.org.fx.actor, {
        clientIds: [f.org.fx.client.id],
        periodStart: '2026-11-09',
        periodEnd: '2026-11-09',
      })
    ).invoices;
    await c.invoices.void(orgId, f.org.fx.actor, inv!.id, { releaseTimeEntries: false });

    const email = `billing-release-${Date.now()}@t.test`;
    await c.auth.createUser(orgId, { email, name: 'Billing person', role: 'BILLING', password: 'pw pw pw pw pw' });
    const billing = await f.session((await c.auth.login(email, 'pw pw pw pw pw')).token);
    try {
      await billing.page.goto(`/admin/invoices/${inv!.id}`);
      await billing.page.getByTestId('invoice-status').first().waitFor();
      expect(await billing.page.getByRole('button', { name: 'Release time…' }).count()).toBe(0);
    } finally {
      await billing.context.close();
    }

    const admin = await f.session(f.org.token);
    try {
      const page = admin.page;
      await page.goto(`/admin/invoices/${inv!.id}`);
      await page.getByRole('button', { name: 'Release time…' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('This void invoice kept the time');
      await dialog.getByRole('button', { name: 'Release time' }).click();
      await expect
        .poll(async () => (await c.timeEntries.get(orgId, entry.id)).invoiceId, { timeout: 10_000 })
        .toBeNull();
      await page.getByText(`The time of invoice ${inv!.number} is back up for invoicing`).waitFor();
    } finally {
      await admin.context.close();
    }
  });
});
