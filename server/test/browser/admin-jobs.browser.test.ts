import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sentToStripe } from '../../src/modules/stripe/stripe-test-kit.js';
import { pickOption, screenshot } from './browser-harness.js';
import { stripeBrowserFile } from './stripe-browser-file.js';
import { payByCheck } from '../fixtures.js';

/**
 * The admin app's jobs beyond the happy path of admin.browser.test.ts, each as its user does it in
 * Chromium against a real Settle and the Stripe emulator: a technician's week from logging to approval,
 * a void with a payment on it (and another page seeing it live), a
 * manual invoice.
 */
const f = stripeBrowserFile('Admin Jobs IT');

async function signedInAs(role: 'TECHNICIAN' | 'BILLING', email: string) {
  await f.w.settle.container.auth.createUser(f.org.org.id, {
    email,
    name: `${role} person`,
    role,
    password: 'pw pw pw pw pw',
  });
  return (await f.w.settle.container.auth.login(email, 'pw pw pw pw pw')).token;
}

const row = (page: Page, text: string) => page.getByTestId('timesheet-row').filter({ hasText: text });

describe('a technician’s week', () => {
  it('logs time, fixes a field, submits the week, fixes a rejected entry and sees it approved', async () => {
    const techToken = await signedInAs('TECHNICIAN', `tech-week-${Date.now()}@t.test`);
    const tech = await f.session(techToken);
    const billing = await f.session(f.org.token);
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
      // The server takes a reason of up to 500 characters (rejectTimeEntries): the box counts them and takes no more.
      const reason = billing.page.getByRole('dialog').getByLabel('Reason');
      await reason.fill('x'.repeat(501));
      expect(await reason.inputValue()).toBe('x'.repeat(500));
      expect(await billing.page.getByRole('dialog').getByTestId('reason-count').textContent()).toBe(
        '500 of 500 characters',
      );
      await reason.fill('It took 2h, not 2h 30m');
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

describe('what each role sees', () => {
  it('billing staff bill but see no admin-only menu items or buttons', async () => {
    const { context, page } = await f.session(await signedInAs('BILLING', `billing-${Date.now()}@t.test`));
    try {
      await page.goto('/admin/integrations');
      await page.getByRole('heading', { name: 'Integrations' }).waitFor();
      const nav = await page.locator('nav').first().textContent();
      expect(nav).toContain('Invoices');
      expect(nav).not.toContain('API tokens');
      await page.getByText('Last verified').waitFor();
      for (const action of ['Test connection', 'Disconnect', 'Rotate URL', 'Connect QuickBooks'])
        expect(await page.getByRole('button', { name: action }).count()).toBe(0);
      await page.goto('/admin/settings/payments');
      await page.getByTestId('admin-only').waitFor();
      expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
      await page.goto('/admin/api-tokens');
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('validation in words the user sees', () => {
  it('says an API field error of the label on the form', async () => {
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto('/admin/clients');
      await page.getByRole('button', { name: 'New client' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Name').fill('Bad Email Co');
      await dialog.getByLabel('Billing email').fill('not-an-address');
      await dialog.getByRole('button', { name: 'Create client' }).click();
      const email = dialog.getByLabel('Billing email');
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      const text = await dialog.textContent();
      expect(text).toContain('Billing email must be an email address.');
      expect(text).not.toContain('billingEmail');
    } finally {
      await context.close();
    }
  });
});

describe('void with money on it', () => {
  it('asks about every paid cent when a discount lowered the balance before the payment', async () => {
    const inv = await f.org.fx.sentInvoice(60);
    await f.w.settle.container.settlement.issueCreditMemo(f.org.org.id, f.org.fx.actor, {
      invoiceId: inv.id,
      amount: 2000,
      reason: 'Goodwill discount',
    });
    await payByCheck(f.w.settle.container, f.org.org.id, inv.id, 5000);
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto(`/admin/invoices/${inv.id}`);
      await page.getByRole('button', { name: 'More' }).click();
      await page.getByRole('menuitem', { name: 'Void…' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('$50.00 is paid on this invoice. What becomes of it?');
      await dialog.getByRole('radio', { name: "Keep it as the client's credit" }).check();
      await dialog.getByRole('button', { name: 'Void invoice' }).click();
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('VOID');
    } finally {
      await context.close();
    }
  });

  it('asks what becomes of a check payment, refunds it by hand, and a page open elsewhere turns void live', async () => {
    const inv = await sentToStripe(f.org);
    await payByCheck(f.w.settle.container, f.org.org.id, inv.id, 3000);
    const watcher = await f.session(f.org.token);
    const { context, page } = await f.session(f.org.token);
    try {
      await watcher.page.goto(`/admin/invoices/${inv.id}`);
      const watched = watcher.page.getByTestId('invoice-status').first();
      await expect.poll(() => watched.getAttribute('data-status')).toBe('PARTIALLY_PAID');

      await page.goto(`/admin/invoices/${inv.id}`);
      await page.getByRole('button', { name: 'More' }).click();
      await page.getByRole('menuitem', { name: 'Void…' }).click();
      const dialog = page.getByRole('dialog');
      expect(await dialog.textContent()).toContain('$30.00 is paid on this invoice. What becomes of it?');
      expect(await dialog.getByRole('radio', { name: 'Refund it' }).isChecked()).toBe(true);
      await screenshot(page, 'admin-void-with-money');
      // A check goes back outside Settle: the form asks how, on the note field.
      await dialog.getByRole('button', { name: 'Void invoice' }).click();
      const note = dialog.getByLabel('How payments recorded by hand were returned');
      await expect.poll(() => note.getAttribute('aria-invalid')).toBe('true');
      expect(await dialog.textContent()).toContain('Say how the payments recorded by hand were returned');
      await note.fill('Check 1042 mailed back');
      await dialog.getByRole('button', { name: 'Void invoice' }).click();

      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('VOID');
      expect(await page.getByTestId('refund-row').textContent()).toContain('-$30.00');
      expect(await page.getByTestId('balance-due').textContent()).toBe('Nothing (void)');

      // The page open elsewhere receives the void live: no balance due, nothing to pay or record.
      await expect.poll(() => watched.getAttribute('data-status'), { timeout: 15_000 }).toBe('VOID');
      await expect.poll(() => watcher.page.getByTestId('balance-due').textContent()).toBe('Nothing (void)');
      for (const action of ['Record payment', 'Copy pay link', 'Send…'])
        expect(await watcher.page.getByRole('button', { name: action }).count()).toBe(0);
      await screenshot(watcher.page, 'admin-void-live');
    } finally {
      await context.close();
      await watcher.context.close();
    }
  });
});

describe('manual invoice', () => {
  it('creates a draft for a client without time from a catalog item and a free line', async () => {
    await f.w.settle.container.clients.create(f.org.org.id, f.org.fx.actor, {
      name: 'Manual Co',
      billingEmail: 'ap@manual.test',
      currency: 'USD',
    });
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto('/admin/invoices');
      await page.getByRole('button', { name: 'New invoice' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Create draft' }).click();
      await expect.poll(() => dialog.getByLabel('Client').first().getAttribute('aria-invalid')).toBe('true');
      await pickOption(dialog, 'Client', /Manual Co/);
      await dialog.getByRole('button', { name: 'Create draft' }).click();
      await expect.poll(() => dialog.textContent()).toContain('Add at least one line');

      await pickOption(dialog, 'Add catalog item', /Support/);
      await expect.poll(() => dialog.getByLabel('Unit price').first().inputValue()).toBe('100.00');
      await dialog.getByRole('button', { name: 'Add line' }).click();
      await dialog.getByLabel('Description').nth(1).fill('Site visit');
      await dialog.getByLabel('Quantity').nth(1).fill('2');
      await dialog.getByLabel('Unit price').nth(1).fill('45.00');
      await screenshot(page, 'admin-new-invoice');
      await dialog.getByRole('button', { name: 'Create draft' }).click();

      await page.waitForURL(/\/admin\/invoices\/[0-9a-f-]{36}$/);
      const status = page.getByTestId('invoice-status').first();
      await expect.poll(() => status.getAttribute('data-status')).toBe('DRAFT');
      expect(await page.getByText('Manual Co', { exact: false }).first().textContent()).toContain('Manual Co');
      expect(await page.getByTestId('balance-due').textContent()).toBe('$190.00');
      const id = page.url().split('/').pop()!;
      const inv = await f.w.settle.gql<{
        invoice: { lines: Array<{ kind: string; description: string; amount: number }> };
      }>('query($id: ID!) { invoice(id: $id) { lines { kind description amount } } }', { id }, f.org.token);
      expect(inv.data.invoice.lines).toEqual([
        { kind: 'ITEM', description: 'Support', amount: 10000 },
        { kind: 'MANUAL', description: 'Site visit', amount: 9000 },
      ]);
      await screenshot(page, 'admin-new-invoice-draft');
    } finally {
      await context.close();
    }
  });

  it('never carries prices over to a client billed in another currency', async () => {
    for (const [name, currency] of [
      ['Euro Co', 'EUR'],
      ['Dollar Co', 'USD'],
    ])
      await f.w.settle.container.clients.create(f.org.org.id, f.org.fx.actor, {
        name,
        billingEmail: `ap@${currency.toLowerCase()}.test`,
        currency,
      });
    const { context, page } = await f.session(f.org.token);
    try {
      await page.goto('/admin/invoices');
      await page.getByRole('button', { name: 'New invoice' }).click();
      const dialog = page.getByRole('dialog');
      await pickOption(dialog, 'Add catalog item', /Support/);
      await dialog.getByRole('button', { name: 'Add line' }).click();
      await dialog.getByLabel('Unit price').nth(1).fill('45.00');
      const prices = () =>
        dialog.getByLabel('Unit price').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      await expect.poll(prices).toEqual(['100.00', '45.00']);
      // The amounts were typed in dollars: a client billed in dollars keeps them as they are.
      await pickOption(dialog, 'Client', /Dollar Co/);
      await page.waitForTimeout(200);
      expect(await prices()).toEqual(['100.00', '45.00']);
      // Support has no EUR price and 45.00 was typed as dollars: both are cleared, not read as euros.
      await pickOption(dialog, 'Client', /Euro Co/);
      await expect.poll(prices).toEqual(['', '']);
      await page.getByText('This client is billed in EUR').waitFor();
      // Back to dollars: the catalog item takes its USD price again; what was typed stays to be typed.
      await pickOption(dialog, 'Client', /Dollar Co/);
      await expect.poll(prices).toEqual(['100.00', '']);
    } finally {
      await context.close();
    }
  });
});
