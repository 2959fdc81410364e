import { describe, expect, it } from 'vitest';
import { orgForFile, settleForFile } from '../for-file.js';
import { signedInUser } from '../fixtures.js';
import { failure } from '../api.js';
import {
  PHONE,
  axeViolations,
  horizontalOverflow,
  chromiumForFile,
  newSession,
  pickOption,
  screenshot,
  textContrast,
  titleAndH1s,
} from './browser-harness.js';

/**
 * An owner on a phone cuts a departed technician off from the Team page: the confirmation says what a
 * disable does, the technician's session stops working at once, and the page never grows wider than
 * the screen. Adding a user shows a too-short first password next to its field.
 */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();
const owner = orgForFile(s, 'Team Phone Org');

describe('the Team page on a phone', () => {
  it('adds a user, and disables a technician, whose session ends at once', async () => {
    const techEmail = `tech-${Date.now()}@${owner.org.slug}.test`;
    const techSession = await signedInUser(s, owner.org.id, {
      email: techEmail,
      name: 'Terry Tech',
      role: 'TECHNICIAN',
    });
    const { context, page } = await newSession(browser, s.url, owner.token, PHONE);
    try {
      await page.goto('/admin/team');
      const row = page.locator(`[data-testid=team-member][data-email="${techEmail}"]`);
      await row.waitFor();
      expect(await row.getByTestId('team-status').textContent()).toBe('Active');
      // Readable: its words at WCAG AA contrast on the badge (green.9 'light' was a green pill in green words).
      expect(await textContrast(row.getByTestId('team-status'))).toBeGreaterThanOrEqual(4.5);
      expect(await titleAndH1s(page)).toEqual({ title: 'Team · Settle admin', h1: ['Team'] });
      expect(await axeViolations(page)).toEqual([]);

      // Add user: the server's rule for a first password, shown beside the field.
      await page.getByRole('button', { name: 'Add user' }).click();
      const add = page.getByRole('dialog');
      await add.getByLabel('Name').fill('Bea Billing');
      const beaEmail = `bea-${Date.now()}@${owner.org.slug}.test`;
      await add.getByLabel('Email').fill(beaEmail);
      await add.getByRole('textbox', { name: 'First password' }).fill('short');
      await add.getByRole('button', { name: 'Add user' }).click();
      // Under the field (the alert on top stays away when a field holds the message).
      await add.getByText('Use at least 10 characters').waitFor();
      expect(await add.getByRole('alert').count()).toBe(0);
      await add.getByRole('textbox', { name: 'First password' }).fill('a long first password');
      await add.getByRole('button', { name: 'Add user' }).click();
      await add.waitFor({ state: 'hidden' });
      const bea = page.locator(`[data-testid=team-member][data-email="${beaEmail}"]`);
      await bea.waitFor();
      // Her role, changed from her row: the server has it at once.
      await pickOption(bea, 'Role of Bea Billing', 'Billing');
      await expect
        .poll(async () => (await s.container.db.query(`SELECT role FROM users WHERE email = $1`, [beaEmail]))[0].role)
        .toBe('BILLING');

      await row.getByRole('button', { name: `Disable ${techEmail}` }).click();
      const confirm = page.getByRole('dialog');
      expect(await confirm.textContent()).toContain('ends their sessions at once');
      await screenshot(page, 'admin-phone-team-disable');
      await confirm.getByRole('button', { name: 'Disable', exact: true }).click();
      await confirm.waitFor({ state: 'hidden' });
      await expect.poll(() => row.getByTestId('team-status').textContent()).toBe('Disabled');
      expect(await textContrast(row.getByTestId('team-status'))).toBeGreaterThanOrEqual(4.5);
      // The notification that says so passes axe while it shows: its close button has a name.
      const notice = page.locator('.mantine-Notification-root').first();
      await notice.waitFor();
      expect(await notice.getByRole('button', { name: 'Close' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);
      expect(failure(await s.gql(`{me{kind}}`, {}, techSession)).code).toBe('UNAUTHENTICATED');
      const [audit] = await s.container.db.query(
        `SELECT a.action, a.actor_id FROM audit_events a JOIN users u ON u.id = a.entity_id::uuid
          WHERE u.email = $1 AND a.action = 'user.disabled'`,
        [techEmail],
      );
      expect(audit).toEqual({ action: 'user.disabled', actor_id: owner.owner.id });

      await page.waitForLoadState('networkidle');
      const file = await screenshot(page, 'admin-phone-team');
      const overflow = await horizontalOverflow(page);
      expect(overflow.wide, `elements wider than the phone (${file})`).toEqual([]);
      expect(overflow.scrollWidth).toBeLessThanOrEqual(PHONE.viewport.width);
    } finally {
      await context.close();
    }
  });
});
