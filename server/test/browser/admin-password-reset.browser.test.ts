import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../harness.js';
import { settleForFile } from '../for-file.js';
import { sendQueuedPasswordResets } from '../../src/modules/auth/password-reset.test-support.js';
import { axeViolations, chromiumForFile, newSession, screenshot, titleAndH1s } from './browser-harness.js';

/**
 * A staff user who forgot their password gets back in: "Forgot password?" on the sign-in page, the link
 * emailed (read here from the outbox), a new password on the reset page, and they are signed in, every
 * earlier session ended. Then "Change password…" in the account menu refuses a wrong current password on
 * its field and takes the right one.
 */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();

const signedIn = async (token: string) => !(await s.gql(`{ me { user { id } } }`, {}, token)).errors;

describe('staff password reset in the admin app', () => {
  it('forgot password → emailed link → new password → signed in; then changes it from the account menu', async () => {
    const owner = await createOrgWithOwner(s, 'Reset Browser Org');
    const { context, page } = await newSession(browser, s.url);
    try {
      await page.goto('/admin/');
      await page.getByRole('button', { name: 'Forgot password?' }).click();
      await page.getByLabel('Email').fill(owner.owner.email);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await page.getByText('If that address has an account, we sent a link').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-forgot-password-sent');

      await sendQueuedPasswordResets(s);
      const [mail] = (await s.container.db.query(
        `SELECT text_body FROM emails WHERE to_address = $1 AND kind = 'password_reset'`,
        [owner.owner.email],
      )) as Array<{ text_body: string }>;
      const url = /(http\S+\/admin\/reset-password\?token=\S+)/.exec(mail!.text_body)![1]!;
      expect(url.startsWith(`${s.url}/admin/reset-password?token=`)).toBe(true);

      await page.goto(url);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await screenshot(page, 'admin-reset-password');
      expect(await titleAndH1s(page)).toEqual({
        title: 'Choose a new password · Settle admin',
        h1: ['Choose a new password'],
      });
      expect(await axeViolations(page)).toEqual([]);
      await page.getByLabel(/^New password/).fill('chosen by email link');
      await page.getByLabel('Repeat the new password').fill('chosen by e-mail link');
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await page.getByText('The new passwords differ').waitFor();
      await page.getByLabel('Repeat the new password').fill('chosen by email link');
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
      await screenshot(page, 'admin-signed-in-after-reset');
      expect(new URL(page.url()).pathname).toMatch(/^\/admin\/?$/);
      expect(await signedIn(owner.token)).toBe(false);
      expect((await s.container.auth.login(owner.owner.email, 'chosen by email link')).token).toMatch(/^sess_/);

      await page.getByRole('button', { name: owner.owner.name }).click();
      await page.getByRole('menuitem', { name: 'Change password…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Change password' });
      await dialog.getByLabel('Current password').fill('not the password');
      await dialog.getByLabel(/^New password/).fill('changed in the dialog');
      await dialog.getByLabel('Repeat the new password').fill('changed in the dialog');
      await dialog.getByRole('button', { name: 'Change password' }).click();
      await dialog.getByText('The current password is incorrect').waitFor();
      await screenshot(page, 'admin-change-password-wrong-current');
      await dialog.getByLabel('Current password').fill('chosen by email link');
      await dialog.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. Your other devices were signed out.').waitFor();
      expect((await s.container.auth.login(owner.owner.email, 'changed in the dialog')).token).toMatch(/^sess_/);
      await page.reload();
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });
});
