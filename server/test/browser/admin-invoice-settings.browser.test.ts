import { beforeAll, describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../for-file.js';
import { billingFixture } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { launchChromium, newSession, pickOption, screenshot } from './browser-harness.js';

/** Invoice settings in Chromium: an admin picks one line per time entry, and the next generated invoice shows them. */
const s = settleForFile();
const browser = forFile(launchChromium, 'Chromium');
const owner = orgForFile(s, 'Itemized Browser IT');

beforeAll(async () => {
  const fx = await billingFixture(s.container, owner.org.id, { clientName: 'Fabrikam' });
  for (const [workDate, note] of [
    ['2026-11-03', 'Replaced toner'],
    ['2026-11-04', 'Cleaned rollers'],
  ] as const) {
    const e = await s.container.timeEntries.log(owner.org.id, SYSTEM_ACTOR, {
      ticketId: fx.ticket.id,
      serviceId: fx.service.id,
      technicianId: fx.tech.id,
      workDate,
      minutes: 30,
      note,
      submit: true,
    });
    await s.container.timeEntries.approve(owner.org.id, SYSTEM_ACTOR, [e.id]);
  }
});

describe('invoice settings in Chromium', () => {
  it('switches time to one line per entry, and the generated invoice lists each entry', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/');
      await page.getByRole('link', { name: 'Invoice settings' }).click();
      await page.getByRole('heading', { name: 'Invoice settings' }).waitFor();
      const select = page
        .getByRole('textbox', { name: 'Time on invoices' })
        .or(page.getByRole('combobox', { name: 'Time on invoices' }))
        .first();
      await expect.poll(() => select.inputValue()).toBe('One line per service');
      await pickOption(page.locator('main'), 'Time on invoices', 'One line per time entry');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Invoice settings saved').waitFor();
      await screenshot(page, 'admin-invoice-settings');
      const org = await s.gql<{ organization: { timeItemization: string } }>(
        '{ organization { timeItemization } }',
        {},
        owner.token,
      );
      expect(org.data.organization.timeItemization).toBe('PER_ENTRY');

      await page.getByRole('link', { name: 'Generate invoices' }).click();
      await page.getByLabel('Period start').fill('2026-11-01');
      await page.getByLabel('Period end').fill('2026-11-30');
      await page.getByRole('button', { name: 'Preview billable time' }).click();
      await expect.poll(() => page.getByTestId('preview-row').textContent()).toContain('Fabrikam');
      await page.getByRole('button', { name: 'Generate drafts' }).click();
      await page.getByTestId('generated-invoice').getByRole('link').click();
      const main = page.locator('main');
      await main.getByText('2026-11-03 · Tech · Work · Replaced toner').waitFor();
      await main.getByText('2026-11-04 · Tech · Work · Cleaned rollers').waitFor();
      await screenshot(page, 'admin-invoice-per-entry');
    } finally {
      await context.close();
    }
  });

  it("sets the org's time zone from a searchable list, saved with the other settings", async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto('/admin/');
      await page.getByRole('link', { name: 'Invoice settings' }).click();
      await page.getByRole('heading', { name: 'Invoice settings' }).waitFor();
      const main = page.locator('main');
      const zone = main
        .getByRole('textbox', { name: 'Time zone' })
        .or(main.getByRole('combobox', { name: 'Time zone' }))
        .first();
      // The form starts from the saved zone (UTC for an org that never chose one).
      await expect.poll(() => zone.inputValue()).toBe('UTC');
      await zone.click();
      await zone.fill('New York');
      await page.getByRole('option', { name: 'America/New York' }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Invoice settings saved').waitFor();
      const org = await s.gql<{ organization: { timeZone: string } }>('{ organization { timeZone } }', {}, owner.token);
      expect(org.data.organization.timeZone).toBe('America/New_York');
      await page.reload();
      await expect.poll(() => zone.inputValue()).toBe('America/New York');
    } finally {
      await context.close();
    }
  });

  it('sets the billing email with the other settings; a malformed one shows its error under the field', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    const saved = async () =>
      (
        await s.gql<{ organization: { billingEmail: string | null } }>(
          '{ organization { billingEmail } }',
          {},
          owner.token,
        )
      ).data.organization.billingEmail;
    try {
      await page.goto('/admin/');
      await page.getByRole('link', { name: 'Invoice settings' }).click();
      await page.getByRole('heading', { name: 'Invoice settings' }).waitFor();
      const field = page.locator('main').getByRole('textbox', { name: 'Billing email' });
      await expect.poll(() => field.inputValue()).toBe('');
      await field.fill('billing@');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Billing email must be an email address such as billing@example.com').waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await saved()).toBeNull();

      await field.fill('billing@itemized.test');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Invoice settings saved').waitFor();
      expect(await saved()).toBe('billing@itemized.test');
      await page.reload();
      await expect.poll(() => field.inputValue()).toBe('billing@itemized.test');
    } finally {
      await context.close();
    }
  });
});
