import { describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../for-file.js';
import { billingFixture, portalSession } from '../fixtures.js';
import { failure, ok } from '../api.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';

/** Portal users in Chromium: staff disable a client's person (after confirming) and enable them again. */
const s = settleForFile({ worker: false });
const browser = forFile(launchChromium, 'Chromium');
const owner = orgForFile(s, 'Portal Users Browser IT');
const email = `contact-${Date.now()}@northwind.test`;
const portal = forFile(async () => {
  const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Northwind' });
  return { token: await portalSession(s, owner.org.id, fx.client.id, email) };
});
const ME = `{me{kind}}`;

describe('portal users page in Chromium', () => {
  it('disables a portal user once confirmed (their session ends), and enables them again', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/portal-users');
      const row = page.getByRole('row', { name: new RegExp(email) });
      await row.getByText('Active').waitFor();

      // Dismissing the confirmation changes nothing.
      page.once('dialog', (d) => void d.dismiss());
      await row.getByRole('button', { name: `Disable ${email}` }).click();
      await page.waitForTimeout(300);
      await row.getByText('Active').waitFor();
      expect(ok(await s.gql(ME, {}, portal.token)).me.kind).toBe('PORTAL');

      let question = '';
      page.once('dialog', (d) => {
        question = d.message();
        void d.accept();
      });
      await row.getByRole('button', { name: `Disable ${email}` }).click();
      await row.getByText('Disabled').waitFor();
      expect(question).toMatch(/signed out of the portal at once/);
      await page.getByText(`Disabled ${email}`).waitFor(); // the notification
      expect(failure(await s.gql(ME, {}, portal.token)).code).toBe('UNAUTHENTICATED');
      await screenshot(page, 'admin-portal-user-disabled');

      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: `Enable ${email}` }).click();
      await row.getByText('Active').waitFor();
      const again = await s.container.auth.portalLogin(email, 'portal password');
      expect(ok(await s.gql(ME, {}, again.token)).me.kind).toBe('PORTAL');
    } finally {
      await context.close();
    }
  });
});
