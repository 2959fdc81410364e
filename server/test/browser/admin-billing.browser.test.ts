import { beforeAll, describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../for-file.js';
import { billingFixture } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { contractsOf } from '../../src/modules/contracts/contracts.services.js';
import {
  TABLET_PORTRAIT,
  horizontalOverflow,
  launchChromium,
  newSession,
  pickOption,
  screenshot,
} from './browser-harness.js';

/**
 * Contracts and automatic billing in Chromium: an admin writes a contract on a client's page, sees what
 * its next invoice would carry, turns automatic billing on for the organization, sees the client among
 * the upcoming bills and runs the due billing at once, which leaves a run row with a draft invoice.
 */
const s = settleForFile();
/** "2026-12-04" as the admin shows it in en-US: "Dec 4, 2026". */
const formatDay = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', dateStyle: 'medium' });
const browser = forFile(launchChromium, 'Chromium');
const owner = orgForFile(s, 'Contracts Browser IT');

let serviceId: string;
beforeAll(async () => {
  serviceId = (await billingFixture(s.container, owner.org.id, { clientName: 'Fabrikam' })).service.id;
});

describe('contracts and automatic billing in Chromium', () => {
  it('creates a contract, previews its invoice, turns automatic billing on and bills it now', async () => {
    // The contract starts today (the server's UTC day) in advance: its first period's billing date is
    // today, on or after the day automatic billing is turned on, so the run bills it at once with 0 h grace.
    const today = new Date().toISOString().slice(0, 10);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      const main = page.locator('main');
      await page.goto('/admin/');
      await page.getByRole('link', { name: 'Clients' }).click();
      await main.getByRole('link', { name: 'Fabrikam' }).click();
      await page.getByRole('heading', { level: 1, name: 'Fabrikam' }).waitFor();
      await main.getByText('No contracts yet').waitFor();
      await main.getByTestId('next-invoice-nothing').waitFor();

      await main.getByRole('button', { name: 'New contract' }).click();
      const dialog = page.getByRole('dialog', { name: 'New contract' });
      await dialog.getByLabel('Name').fill('Managed desktops');
      await dialog.getByLabel('Start date').fill(today);
      await pickOption(dialog, 'Service', /Support/);
      await dialog.getByLabel('Quantity').fill('3');
      await pickOption(dialog, 'Price', 'Fixed price');
      await dialog.getByLabel('Unit price').fill('45.50');
      await expect
        .poll(() => dialog.getByTestId('cycle-words').textContent())
        .toBe(`Monthly on day ${Number(today.slice(8))}, in advance`);
      await dialog.getByRole('button', { name: 'Create contract' }).click();
      await page.getByText('Contract created').waitFor();
      await dialog.waitFor({ state: 'detached' });

      const contract = main.getByTestId('contract');
      await expect.poll(() => contract.textContent()).toContain('Managed desktops');
      expect(await contract.textContent()).toContain(`Monthly on day ${Number(today.slice(8))}, in advance`);
      expect(await contract.getByTestId('contract-line').textContent()).toContain('3 × $45.50 fixed');

      // 3 × $45.50 for the first (whole) month, billed today.
      const preview = main.getByTestId('next-invoice');
      await expect.poll(() => preview.getByTestId('preview-line').first().textContent()).toContain('$136.50');
      expect(await preview.getByTestId('preview-line').count()).toBe(1);
      expect(await preview.textContent()).toContain('Subtotal$136.50');
      await screenshot(page, 'admin-client-contracts');

      // The fixed price went to the API in minor units.
      const stored = await s.gql<{ contracts: Array<{ lines: Array<{ unitPrice: number; quantity: number }> }> }>(
        '{ contracts { lines { unitPrice quantity } } }',
        {},
        owner.token,
      );
      expect(stored.data.contracts[0]!.lines).toEqual([{ unitPrice: 4550, quantity: 3 }]);

      await page.getByRole('link', { name: 'Billing', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Billing' }).waitFor();
      await main.getByText('Automatic billing is off: turn it on above').waitFor();
      await main.getByText('No runs yet').waitFor();
      await main.getByRole('switch', { name: 'Automatic billing' }).check();
      await main.getByLabel('Grace period (hours)').fill('0');
      await main.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Billing settings saved').waitFor();

      const upcoming = main.getByTestId('upcoming-row');
      await expect.poll(() => upcoming.first().textContent()).toContain('Fabrikam');
      expect(await upcoming.first().textContent()).toContain('$136.50');
      expect(await upcoming.first().getAttribute('data-problem')).toBeNull();
      await screenshot(page, 'admin-billing-upcoming');

      await main.getByRole('button', { name: 'Run due billing now' }).click();
      // The scheduled run may have billed it a moment earlier; either way the run row is there.
      await page.getByText(/Billed 1 billing date|Nothing was due/).waitFor();
      const run = main.getByTestId('run-row').first();
      await expect.poll(() => run.textContent()).toContain('Fabrikam');
      expect(await run.getByTestId('run-status').getAttribute('data-status')).toBe('DRAFTED');
      expect(await run.textContent()).toContain('$136.50');
      // Today's date is billed: Upcoming moves the client on to its next month.
      await expect.poll(() => upcoming.first().textContent()).not.toContain(formatDay(today));
      await screenshot(page, 'admin-billing-run');

      await run.getByRole('link', { name: 'View invoice' }).click();
      await page.getByRole('heading', { level: 1, name: /^Invoice / }).waitFor();
      await main.getByText('Fabrikam').first().waitFor();
    } finally {
      await context.close();
    }
  });

  it("overrides one setting for a client, and 'Use organization default' clears it again", async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    const settings = async () => {
      const clients = await s.gql<{ clients: { nodes: Array<{ id: string }> } }>(
        '{ clients {nodes{ id }} }',
        {},
        owner.token,
      );
      const r = await s.gql<{ billingSettings: { review: string; overridden: string[] } }>(
        'query ($id: ID) { billingSettings(clientId: $id) { review overridden } }',
        { id: clients.data.clients.nodes[0]!.id },
        owner.token,
      );
      return r.data.billingSettings;
    };
    try {
      const main = page.locator('main');
      await page.goto('/admin/clients');
      await main.getByRole('link', { name: 'Fabrikam' }).click();
      await main.getByTestId('client-billing-effective').waitFor();
      await pickOption(main, 'Review', 'Finalize and send at once');
      await main.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Automatic billing saved for this client').waitFor();
      expect(await settings()).toEqual({ review: 'AUTO_SEND', overridden: ['review'] });
      await expect.poll(() => main.getByTestId('client-billing-effective').textContent()).toContain('send at once');

      await pickOption(main, 'Review', /Use organization default/);
      await main.getByRole('button', { name: 'Save' }).click();
      await expect.poll(settings).toEqual({ review: 'DRAFT', overridden: [] });
    } finally {
      await context.close();
    }
  });

  it('edits a contract: sets its end date, adds a catalog-priced line and changes a quantity from today', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      const main = page.locator('main');
      await page.goto('/admin/clients');
      await main.getByRole('link', { name: 'Fabrikam' }).click();
      const contract = main.getByTestId('contract');
      await contract.waitFor();

      await contract.getByRole('button', { name: 'Edit' }).click();
      let dialog = page.getByRole('dialog', { name: 'Edit Managed desktops' });
      await dialog.getByLabel('End date').fill('2027-12-31');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => contract.textContent()).toContain('Dec 31, 2027');

      await contract.getByRole('button', { name: 'Add line' }).click();
      dialog = page.getByRole('dialog', { name: 'Add a line to Managed desktops' });
      await pickOption(dialog, 'Service', /Support/);
      await dialog.getByLabel('Description').fill('Backup storage');
      await dialog.getByLabel('Quantity').fill('2');
      await pickOption(dialog, 'Price', 'Catalog price');
      await dialog.getByRole('button', { name: 'Add line' }).click();
      await dialog.waitFor({ state: 'detached' });
      const backup = contract.getByTestId('contract-line').filter({ hasText: 'Backup storage' });
      await expect.poll(() => backup.textContent()).toContain('2 × catalog price (now $100.00)');

      await contract.getByRole('button', { name: 'Change quantity of Support' }).click();
      dialog = page.getByRole('dialog', { name: 'Change quantity: Support' });
      await dialog.getByText('Prorated by day').waitFor();
      await dialog.getByLabel('New quantity').fill('5');
      await dialog.getByLabel('Effective date').fill(today);
      await dialog.getByRole('button', { name: 'Save change' }).click();
      await dialog.waitFor({ state: 'detached' });
      const support = contract.getByTestId('contract-line').filter({ hasText: 'fixed' });
      await expect.poll(() => support.textContent()).toContain(`3 → 5 from ${formatDay(today)}`);
      await screenshot(page, 'admin-contract-edited');

      const r = await s.gql<{
        contracts: Array<{
          endDate: string;
          lines: Array<{ description: string; quantity: number; priceSource: string; unitPrice: number | null }>;
        }>;
      }>('{ contracts { endDate lines { description quantity priceSource unitPrice } } }', {}, owner.token);
      expect(r.data.contracts[0]!.endDate).toBe('2027-12-31');
      expect(r.data.contracts[0]!.lines).toEqual([
        { description: '', quantity: 5, priceSource: 'FIXED', unitPrice: 4550 },
        { description: 'Backup storage', quantity: 2, priceSource: 'CATALOG', unitPrice: null },
      ]);
    } finally {
      await context.close();
    }
  });

  it('fits a tablet held upright: nothing sticks out of the client page or the Billing page', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token, TABLET_PORTRAIT);
    try {
      const main = page.locator('main');
      await page.goto('/admin/clients');
      await main.getByRole('link', { name: 'Fabrikam' }).click();
      await main.getByTestId('contract').waitFor();
      await main.getByTestId('next-invoice').or(main.getByTestId('next-invoice-nothing')).waitFor();
      expect((await horizontalOverflow(page)).wide).toEqual([]);
      await screenshot(page, 'admin-client-contracts-tablet');
      await page.goto('/admin/billing');
      await main.getByTestId('run-row').first().waitFor();
      expect((await horizontalOverflow(page)).wide).toEqual([]);
      await screenshot(page, 'admin-billing-tablet');
    } finally {
      await context.close();
    }
  });

  it('shows what would stop an upcoming invoice on its row: a line with no price in the client currency', async () => {
    // The service has a USD catalog price only; a EUR client's line at its rate has no price to bill.
    const globex = await s.container.clients.create(owner.org.id, SYSTEM_ACTOR, {
      name: 'Globex',
      billingEmail: 'ap@globex.test',
      currency: 'EUR',
    });
    await contractsOf(s.container).create(owner.org.id, SYSTEM_ACTOR, {
      clientId: globex.id,
      name: 'Support plan',
      cycle: 'MONTHLY',
      billingTiming: 'ADVANCE',
      startDate: new Date().toISOString().slice(0, 10),
      lines: [{ serviceId, quantity: 1, priceSource: 'NEGOTIATED' }],
    });
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      const main = page.locator('main');
      await page.goto('/admin/billing');
      const row = main.getByTestId('upcoming-row').filter({ hasText: 'Globex' });
      await row.waitFor();
      expect(await row.getAttribute('data-problem')).toBe('true');
      expect(await row.getByTestId('upcoming-problem').textContent()).toContain('No price for');
      await screenshot(page, 'admin-billing-problem');
    } finally {
      await context.close();
    }
  });

  it('offers no new contract or line on an archived client, whose contracts are still listed', async () => {
    const initech = await s.container.clients.create(owner.org.id, SYSTEM_ACTOR, {
      name: 'Initech',
      billingEmail: 'ap@initech.test',
      currency: 'USD',
    });
    await contractsOf(s.container).create(owner.org.id, SYSTEM_ACTOR, {
      clientId: initech.id,
      name: 'Printer care',
      cycle: 'MONTHLY',
      billingTiming: 'ADVANCE',
      startDate: new Date().toISOString().slice(0, 10),
      lines: [{ serviceId, quantity: 1, priceSource: 'CATALOG' }],
    });
    await s.container.clients.update(owner.org.id, SYSTEM_ACTOR, initech.id, { archived: true } as never);
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      const main = page.locator('main');
      await page.goto(`/admin/clients/${initech.id}`);
      await main.getByTestId('contract').filter({ hasText: 'Printer care' }).waitFor();
      // The API refuses both for an archived client (restore it first): the page does not offer them.
      expect(await main.getByRole('button', { name: 'New contract' }).count()).toBe(0);
      expect(await main.getByRole('button', { name: 'Add line' }).count()).toBe(0);
      await main.getByRole('button', { name: 'Edit' }).first().waitFor();
    } finally {
      await context.close();
    }
  });
});
