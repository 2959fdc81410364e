import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectedOrg, startStripeWorld, type StripeWorld } from '../../src/modules/stripe/stripe-test-kit.js';
import { launchChromium, newSession, pickOption, screenshot } from './browser-harness.js';

/**
 * The admin app's jobs beyond the happy path of admin.browser.test.ts, each as its user does it in
 * Chromium against a real Settle and the Stripe emulator: a technician's week from logging to approval.
 */
let w: StripeWorld;
let browser: Browser;
let org: Awaited<ReturnType<typeof connectedOrg>>;

beforeAll(async () => {
  [w, browser] = await Promise.all([startStripeWorld(), launchChromium()]);
  org = await connectedOrg(w, 'Admin Jobs IT');
});
afterAll(async () => {
  await browser?.close();
  await w?.close();
});

const session = (token: string) => newSession(browser, w.settle.url, token);

async function signedInAs(role: 'TECHNICIAN' | 'BILLING', email: string) {
  await w.settle.container.auth.createUser(org.org.id, {
    email,
    name: `${role} person`,
    role,
    password: 'pw pw pw pw pw',
  });
  return (await w.settle.container.auth.login(email, 'pw pw pw pw pw')).token;
}

const row = (page: Page, text: string) => page.getByTestId('timesheet-row').filter({ hasText: text });

describe('a technician’s week', () => {
  it('logs time, fixes a field, submits the week, fixes a rejected entry and sees it approved', async () => {
    const techToken = await signedInAs('TECHNICIAN', `tech-week-${Date.now()}@t.test`);
    const tech = await session(techToken);
    const billing = await session(org.token);
    try {
      const page = tech.page;
      await page.goto('/admin/');
      // A technician's app is the timesheet: no billing or admin menu items.
      await page.getByRole('heading', { name: 'Timesheet' }).waitFor();
      expect(page.url()).toContain('/admin/timesheet');
      const nav = await page.getByRole('navigation').or(page.locator('nav')).first().textContent();
      for (const hidden of ['Dashboard', 'Invoices', 'Time approval', 'API tokens', 'Integrations', 'Clients'])
        expect(nav).not.toContain(hidden);
      await page.goto('/admin/invoices');
      await page.getByRole('heading', { name: 'Timesheet' }).waitFor();
      await page.getByTestId('empty').waitFor();

      // Log time; a duration the form cannot read is said of the field.
      await page.getByRole('button', { name: 'Log time' }).click();
      const dialog = page.getByRole('dialog');
      await pickOption(dialog, 'Ticket', /Work/);
      await pickOption(dialog, 'Service', /Support/);
      await dialog.getByLabel('Duration').fill('soon');
      await dialog.getByLabel('Note').fill('Replaced the office switch');
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      await expect.poll(() => dialog.getByLabel('Duration').getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('Duration is not a length of time');
      await dialog.getByLabel('Duration').fill('2h 30m');
      await dialog.getByRole('button', { name: 'Save draft' }).click();
      await row(page, 'Replaced the office switch').waitFor();
      expect(await row(page, 'Replaced the office switch').textContent()).toContain('2h 30m');
      expect(await page.getByTestId('week-total').textContent()).toBe('Total 2h 30m');
      await screenshot(page, 'admin-timesheet-draft');

      await page.getByRole('button', { name: 'Submit week (1)' }).click();
      await expect.poll(() => row(page, 'office switch').textContent()).toContain('Submitted');
      expect(await page.getByRole('button', { name: 'Edit Replaced the office switch' }).count()).toBe(0);

      // Billing rejects it with a reason in the approval screen.
      await billing.page.goto('/admin/time');
      await billing.page.getByRole('checkbox', { name: 'Select entry Replaced the office switch' }).check();
      await billing.page.getByRole('button', { name: 'Reject…' }).click();
      await billing.page.getByRole('dialog').getByLabel('Reason').fill('It took 2h, not 2h 30m');
      await billing.page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
      await billing.page.getByTestId('empty').waitFor();

      // The technician sees why, fixes it and submits again.
      await page.reload();
      const rejected = page.getByTestId('rejected-entry');
      await expect.poll(() => rejected.textContent()).toContain('It took 2h, not 2h 30m');
      expect(await row(page, 'office switch').textContent()).toContain('Rejected: It took 2h, not 2h 30m');
      await screenshot(page, 'admin-timesheet-rejected');
      await rejected.getByRole('button', { name: 'Fix' }).click();
      expect(await dialog.getByTestId('rejection-reason').textContent()).toContain('It took 2h');
      await dialog.getByLabel('Duration').fill('2h');
      await dialog.getByRole('button', { name: 'Save and submit' }).click();
      await expect.poll(() => row(page, 'office switch').textContent()).toContain('Submitted');
      await expect.poll(() => rejected.count()).toBe(0);
      expect(await page.getByTestId('week-total').textContent()).toBe('Total 2h');

      // Billing approves; the technician's week shows it approved.
      await billing.page.reload();
      await billing.page.getByRole('checkbox', { name: 'Select entry Replaced the office switch' }).check();
      await billing.page.getByRole('button', { name: 'Approve', exact: true }).click();
      await billing.page.getByTestId('empty').waitFor();
      await page.reload();
      await expect.poll(() => row(page, 'office switch').textContent()).toContain('Approved');
      await screenshot(page, 'admin-timesheet-approved');
    } finally {
      await tech.context.close();
      await billing.context.close();
    }
  });
});
