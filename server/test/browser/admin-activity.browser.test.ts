import { describe, expect, it } from 'vitest';
import { connectedOrg, startStripeWorld } from '../../src/modules/stripe/stripe-test-kit.js';
import { closeInOrder, forFile } from '../for-file.js';
import { launchChromium, newSession, screenshot, titleAndH1s } from './browser-harness.js';

/**
 * The activity log as an admin reads it: a send made in the admin app shows there as the admin app's, by
 * name, narrowed by action; and the invoice's timeline shows the Stripe step beside Settle's own.
 */
const world = forFile(async () => {
  const [w, browser] = await Promise.all([startStripeWorld(), launchChromium()]);
  const org = await connectedOrg(w, 'Admin Activity IT');
  return { w, browser, org, close: closeInOrder(browser, w) };
}, 'the Stripe world and Chromium');

describe('activity', () => {
  it('shows a send made in the admin app, by whom and through which app, filtered by action, and its Stripe step', async () => {
    const { w, browser, org } = world;
    const draft = await org.fx.draftInvoice(60);
    // Something done through the API by a script, which the log must not call the app.
    await w.settle.gql(
      `mutation($i:CreateClientInput!){createClient(input:$i){id}}`,
      {
        i: { name: 'Scripted Ltd', billingEmail: 'ap@s.test', currency: 'USD' },
      },
      org.apiToken,
    );
    const { context, page } = await newSession(browser, w.settle.url, org.token);
    try {
      await page.goto(`/admin/invoices/${draft.id}`);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('DRAFT');
      await page.getByRole('button', { name: 'Send…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('checkbox', { name: /Stripe \(pay link/ }).check();
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await expect.poll(() => status.getAttribute('data-status')).toBe('SENT');

      // The timeline: the send, by the owner in the admin app, then the Stripe step it led to.
      const timeline = page.getByTestId('invoice-timeline');
      // The org pays through Stripe Checkout: the Stripe job after the send makes the invoice payable there,
      // which the page shows once read again.
      await expect
        .poll(
          async () => {
            await page.reload();
            return timeline.textContent();
          },
          { timeout: 20_000, interval: 500 },
        )
        .toContain('Payable on Stripe Checkout');
      expect(await timeline.textContent()).toMatch(/SentOwner <[^>]+> · Admin app/);
      await screenshot(page, 'admin-invoice-timeline-sync');

      // The log, from the menu.
      await page.getByRole('link', { name: 'Activity' }).click();
      await page.getByRole('heading', { level: 1, name: 'Activity' }).waitFor();
      expect(await titleAndH1s(page)).toEqual({ title: 'Activity · Settle admin', h1: ['Activity'] });
      const rows = page.getByTestId('activity-row');
      const sent = rows.filter({ hasText: 'invoice.sent' });
      await sent.first().waitFor();
      expect(await sent.first().textContent()).toMatch(/Owner <[^>]+>Admin app/);
      const scripted = rows.filter({ hasText: 'client.created' }).filter({ hasText: 'API token' });
      expect(await scripted.first().textContent()).toContain('API');
      expect(await scripted.first().textContent()).not.toContain('Admin app');

      // Narrowed to one action, only that action is left.
      await page.getByLabel('Action').fill('invoice.sent');
      await expect.poll(async () => (await rows.allTextContents()).every((t) => t.includes('invoice.sent'))).toBe(true);
      expect(await rows.count()).toBeGreaterThan(0);
      await page.getByLabel('Action').fill('invoice.nothing_like_this');
      await page.getByTestId('empty').waitFor();
      expect(await page.getByTestId('empty').textContent()).toContain('No activity matches these filters');
      await screenshot(page, 'admin-activity-filtered');
    } finally {
      await context.close();
    }
  });
});
