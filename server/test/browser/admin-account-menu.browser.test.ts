import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../harness.js';
import { settleForFile } from '../for-file.js';
import { PHONE, horizontalOverflow, chromiumForFile, newSession, screenshot } from './browser-harness.js';

/**
 * The admin header on a phone: "Sign out" is one tap; signing out of every device sits in the account
 * menu under a name that says what it does (it was a lone "Everywhere" button), asks first, and ends
 * every session of the user, this one included.
 */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();

describe('the admin account menu', () => {
  it('signs out of every device from the account menu on a phone, after asking', async () => {
    const owner = await createOrgWithOwner(s, 'Account Menu Org');
    const { context, page } = await newSession(browser, s.url, owner.token, PHONE);
    try {
      await page.goto('/admin/');
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Everywhere' }).count()).toBe(0);
      const overflow = await horizontalOverflow(page);
      expect(overflow.wide, 'header elements wider than the phone').toEqual([]);

      await page.getByRole('button', { name: 'Account' }).click();
      const item = page.getByRole('menuitem', { name: 'Sign out on every device…' });
      await item.waitFor();
      await screenshot(page, 'admin-phone-account-menu');
      // Dismissing the question changes nothing.
      page.once('dialog', (d) => void d.dismiss());
      await item.click();
      expect((await s.gql(`{ me { user { id } } }`, {}, owner.token)).errors).toBeUndefined();

      await page.getByRole('button', { name: 'Account' }).click();
      page.once('dialog', (d) => void d.accept());
      await page.getByRole('menuitem', { name: 'Sign out on every device…' }).click();
      await expect
        .poll(async () => (await s.gql(`{ me { user { id } } }`, {}, owner.token)).errors?.[0]?.extensions.code)
        .toBe('UNAUTHENTICATED');
    } finally {
      await context.close();
    }
  });
});
