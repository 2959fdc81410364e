import { beforeAll, describe, expect, it } from 'vitest';
import { forFile, orgForFile, settleForFile } from '../for-file.js';
import { billingFixture, payByCheck } from '../fixtures.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { CreditMemoPurpose } from '../../src/modules/payments/settlement.types.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';
import { acceptedPortalUser } from './portal-fixtures.js';

/** Client credit in Chromium: billing applies it from the client's credit page; the client sees it in the portal. */
const s = settleForFile();
const browser = forFile(launchChromium, 'Chromium');
const owner = orgForFile(s, 'Credit Browser IT');
let fx: Awaited<ReturnType<typeof billingFixture>>;
let open: { id: string; number: string };
let paidId: string;

beforeAll(async () => {
  const c = s.container;
  fx = await billingFixture(c, owner.org.id, { clientName: 'Contoso', catalogPrice: 10000 });
  const paid = await fx.sentInvoice(60, { email: false });
  await payByCheck(c, owner.org.id, paid.id, paid.total);
  paidId = paid.id;
  open = await fx.sentInvoice(60, { email: false });
});

describe('client credit in Chromium', () => {
  it('billing sees the balance and ledger and applies the credit to an open invoice; the portal shows it', async () => {
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      // A credit memo on the paid invoice, kept as credit on the client's account.
      await page.goto(`/admin/invoices/${paidId}`);
      await page.getByRole('button', { name: 'Credit memo' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Amount').fill('30');
      // The server takes a reason of up to 1,000 characters (issueCreditMemo): the box counts them and takes no more.
      await dialog.getByLabel('Reason').fill('x'.repeat(1001));
      expect(await dialog.getByLabel('Reason').inputValue()).toBe('x'.repeat(1000));
      expect(await dialog.getByTestId('reason-count').textContent()).toBe('1000 of 1000 characters');
      await dialog.getByLabel('Reason').fill('Outage credit');
      await dialog.getByLabel("Keep as credit on the client's account").check();
      await dialog.getByRole('button', { name: 'Issue credit memo' }).click();
      await page.getByText("Credit memo issued; kept as credit on the client's account").waitFor();

      await page.goto('/admin/clients');
      await page.getByRole('link', { name: /30\.00/ }).click();
      await page.getByRole('heading', { name: 'Credit · Contoso' }).waitFor();
      await expect.poll(() => page.getByTestId('client-credit-balance').textContent()).toMatch(/30\.00/);
      await expect.poll(() => page.getByTestId('credit-ledger-row').count()).toBe(1);
      await page.getByRole('button', { name: 'Apply credit…' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Apply credit' }).click();
      await page.getByText(`of credit applied to ${open.number}`).waitFor();
      await expect.poll(() => page.getByTestId('credit-ledger-row').count()).toBe(2);
      await expect.poll(() => page.getByTestId('client-credit-balance').textContent()).toMatch(/0\.00/);
      await screenshot(page, 'admin-client-credit');
    } finally {
      await context.close();
    }
    const after = await s.gql(
      `query($id:ID!){invoice(id:$id){status balanceDue creditApplied}}`,
      { id: open.id },
      owner.token,
    );
    expect(after.data.invoice).toEqual({ status: 'PARTIALLY_PAID', balanceDue: 7000, creditApplied: 3000 });

    // A second credit stays on the account: the client reads it on the invoice list, and the applied credit on the invoice.
    await payByCheck(s.container, owner.org.id, open.id, 7000);
    await s.container.settlement.issueCreditMemo(owner.org.id, SYSTEM_ACTOR, {
      invoiceId: open.id,
      amount: 1250,
      reason: 'Late fix',
      purpose: CreditMemoPurpose.TO_CLIENT_CREDIT,
    });
    const user = await acceptedPortalUser(s.container, owner.org.id, fx.client.id);
    const portal = await newSession(browser, s.url, user.token);
    try {
      await portal.page.goto('/portal/invoices');
      await expect
        .poll(() => portal.page.getByTestId('credit-balance').textContent())
        .toMatch(/Credit on your account: .*12\.50/);
      await portal.page.goto(`/portal/invoices/${open.id}`);
      await expect.poll(() => portal.page.getByTestId('invoice-credit-applied').textContent()).toMatch(/30\.00/);
      await screenshot(portal.page, 'portal-credit-applied');
    } finally {
      await portal.context.close();
    }
  });

  it('a paid invoice whose balance credit covered in part offers a credit memo up to what is still held', async () => {
    // 100.00 due: 30.00 of client credit spent on it, 70.00 paid, 12.50 of that kept as client credit.
    const { context, page } = await newSession(browser, s.url, owner.token);
    try {
      await page.goto(`/admin/invoices/${open.id}`);
      await page.getByRole('button', { name: 'Credit memo' }).click();
      await page
        .getByRole('dialog')
        .getByText(/At most \$57\.50 can be credited now/)
        .waitFor();
    } finally {
      await context.close();
    }
  });
});
