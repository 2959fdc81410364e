import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../for-file.js';
import { billingFixture } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';

/** The invoice preview in Chromium: an admin opens a draft's PDF in the app before sending it. */
const s = settleForFile();
const browser = forFile(launchChromium, 'Chromium');
const owner = orgForFile(s, 'Preview Browser IT');
const draft = forFile(async () => {
  const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Tailspin Toys' });
  await fx.approvedEntry(90, '2026-11-05');
  const run = await s.container.generation.generate(owner.org.id, SYSTEM_ACTOR, {
    clientIds: [fx.client.id],
    periodStart: '2026-11-01',
    periodEnd: '2026-11-30',
  });
  return run.invoices[0]!;
});

describe('invoice preview in Chromium', () => {
  it("shows a draft's PDF in a frame on the invoice page, with a download of the same file", async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto(`/admin/invoices/${draft.id}`);
      await page.getByRole('heading', { name: `Invoice ${draft.number}` }).waitFor();
      const pdf = page.waitForResponse((r) => r.url().includes(`/portal-api/invoices/${draft.id}/pdf?inline=1`));
      await page.getByTestId('invoice-preview').click();
      const res = await pdf;
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toBe('application/pdf');
      expect(res.headers()['content-disposition']).toMatch(/^inline/);
      const frame = page.getByTitle(`Invoice ${draft.number} as a PDF`);
      await frame.waitFor();
      await screenshot(page, 'admin-invoice-preview');

      const href = await page.getByTestId('invoice-pdf-download').getAttribute('href');
      expect(href).toBe(`/portal-api/invoices/${draft.id}/pdf`);
      // The link works with the admin's own session cookie, as a click would send it.
      const file = await page.request.get(href!);
      expect(file.status()).toBe(200);
      expect(file.headers()['content-disposition']).toContain(`attachment; filename="invoice-${draft.number}.pdf"`);
      expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await context.close();
    }
  });
});
