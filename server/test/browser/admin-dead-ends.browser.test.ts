import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture, type BillingFixture, type OrgWithOwner } from '../fixtures.js';
import { PHONE, launchChromium, newSession, screenshot } from './browser-harness.js';
import { acceptedPortalUser } from './portal-fixtures.js';

/**
 * Where a user is told the wrong thing: a generate run over a period typed backwards used to preview
 * "No approved, un-invoiced billable time in this period" (there was time; the period matched nothing),
 * and a link whose id is cut short showed the API's "id is not a valid id" with a Try again that could
 * never succeed.
 */
let s: TestSettle;
let browser: Browser;
let owner: OrgWithOwner;
let fx: BillingFixture;

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestSettle({ worker: false }), launchChromium()]);
  owner = await createOrgWithOwner(s, 'Dead Ends Org');
  fx = await billingFixture(s.container, owner.org.id, {
    currency: 'JPY',
    catalogPrice: 15000,
    clientName: 'Tokyo KK',
  });
  await fx.approvedEntry(60, '2026-11-03');
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('dead ends in the admin app and the portal', () => {
  it('refuses a backwards period on Period end instead of previewing no time', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token, PHONE);
    try {
      await page.goto('/admin/invoices/generate');
      await page.getByLabel('Period start').fill('2026-11-30');
      await page.getByLabel('Period end').fill('2026-11-01');
      await page.getByRole('button', { name: 'Preview billable time' }).click();
      await expect.poll(() => page.getByLabel('Period end').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('main').textContent()).toContain('The period ends before it starts');
      expect(await page.getByText('No approved, un-invoiced billable time').count()).toBe(0);
      await screenshot(page, 'admin-generate-backwards');
      // Put right, the same form previews the client's time.
      await page.getByLabel('Period start').fill('2026-11-01');
      await page.getByLabel('Period end').fill('2026-11-30');
      await page.getByRole('button', { name: 'Preview billable time' }).click();
      await page.getByRole('button', { name: 'Generate drafts' }).waitFor();
      await expect.poll(() => page.locator('main table').first().textContent()).toContain('Tokyo KK');

      // The invoice list's date filter, typed backwards, says so on Issued to.
      await page.goto('/admin/invoices');
      await page.getByLabel('Issued from').fill('2026-11-30');
      await page.getByLabel('Issued to').fill('2026-11-01');
      await expect.poll(() => page.getByLabel('Issued to').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('main').textContent()).toContain('Before Issued from');
      await page.getByLabel('Issued to').fill('2026-12-31');
      await expect.poll(() => page.getByLabel('Issued to').getAttribute('aria-invalid')).not.toBe('true');
    } finally {
      await context.close();
    }
  });

  it('says an invoice or client link leads nowhere, without the API words or a useless Try again', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      for (const path of ['/admin/invoices/not-an-id', '/admin/clients/1234']) {
        await page.goto(path);
        const alert = page.getByRole('alert').filter({ hasText: 'Not found' });
        await alert.waitFor();
        expect(await alert.textContent(), path).toContain('The link may be mistyped or cut short');
        expect(await alert.textContent(), path).not.toContain('is not a valid id');
        expect(await alert.getByRole('button', { name: 'Try again' }).count(), path).toBe(0);
      }
      await screenshot(page, 'admin-client-bad-link');
      await page.goto('/admin/invoices/00000000-0000-4000-8000-000000000000');
      const alert = page.getByRole('alert').filter({ hasText: 'Not found' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Invoice not found');
      expect(await alert.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('tells a new organization how to make its first invoice, not that no invoice matches filters never set', async () => {
    const fresh = await createOrgWithOwner(s, 'First Day Org');
    const { context, page } = await newSession(browser, s.url, fresh.token, PHONE);
    try {
      await page.goto('/admin/invoices');
      await page.getByText('No invoices yet.', { exact: false }).waitFor();
      expect(await page.locator('main').textContent()).toContain(
        'No invoices yet. Add one with New invoice, or bill approved time with Generate invoices.',
      );
      expect(await page.getByText('No invoices match these filters.').count()).toBe(0);
      await screenshot(page, 'admin-invoices-first-day');
      // A filter that finds nothing still says so.
      await page.getByLabel('Search').fill('INV-404');
      await page.getByText('No invoices match these filters.').waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows a portal client the not-found page for an invoice link cut short', async () => {
    const user = await acceptedPortalUser(s.container, owner.org.id, fx.client.id);
    const { context, page } = await newSession(browser, s.url, user.token, PHONE);
    try {
      await page.goto('/portal/invoices/INV-000');
      await page.getByTestId('invoice-not-found').waitFor();
      expect(await page.locator('body').textContent()).not.toContain('is not a valid id');
      await screenshot(page, 'portal-invoice-bad-link');
    } finally {
      await context.close();
    }
  });
});
