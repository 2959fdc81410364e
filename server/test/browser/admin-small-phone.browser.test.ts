import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../harness.js';
import { settleForFile } from '../for-file.js';
import { billingFixture, payByCheck, signedInUser } from '../fixtures.js';
import { PHONE, chromiumForFile, horizontalOverflow, loadedRows, newSession, screenshot } from './browser-harness.js';

/**
 * The Payments and Team pages on the narrowest phone in common use (375 CSS px, an iPhone SE or mini) with
 * long words in their rows: the page never grows wider than the screen; what does not fit scrolls
 * sideways inside its table's box.
 */
const s = settleForFile({ worker: false });
const browser = chromiumForFile();
const SMALL_PHONE = { ...PHONE, viewport: { width: 375, height: 667 } };

describe('a 375 px phone', () => {
  it('shows the Payments and Team pages no wider than the screen', async () => {
    const owner = await createOrgWithOwner(s, 'Small Phone Org');
    const org = owner.org.id;
    const billing = await billingFixture(s.container, org, {
      clientName: 'Northwestern Regional Veterinary Hospitals Incorporated',
    });
    const invoice = await billing.sentInvoice(60);
    await payByCheck(s.container, org, invoice.id, 2500, { reference: 'WIRE-REF-0000000000000000000000042' });
    await payByCheck(s.container, org, invoice.id, 1000, { reference: 'CHK-1042' });
    // The owner, the fixture's technician and one with a long name and address.
    await signedInUser(s, org, {
      email: `a.very.long.mailbox.name.for.a.technician-${Date.now()}@${owner.org.slug}.example.test`,
      name: 'Maximiliana Bartholomew-Featherstonehaugh',
      role: 'TECHNICIAN',
    });

    const { context, page } = await newSession(browser, s.url, owner.token, SMALL_PHONE);
    try {
      for (const [path, rowTestId, rows] of [
        ['/admin/payments', 'payment-row', 2],
        ['/admin/team', 'team-member', 3],
      ] as const) {
        await page.goto(path);
        await loadedRows(page, rowTestId, rows);
        await page.waitForLoadState('networkidle');
        const file = await screenshot(page, `admin-small-phone${path.replaceAll('/', '-')}`);
        const overflow = await horizontalOverflow(page);
        expect(overflow.wide, `${path}: elements wider than the phone (${file})`).toEqual([]);
        expect(overflow.scrollWidth, path).toBeLessThanOrEqual(SMALL_PHONE.viewport.width);
      }
    } finally {
      await context.close();
    }
  });
});
