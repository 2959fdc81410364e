import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, eventually, startTestSettle, type TestSettle } from '../harness.js';
import { billingFixture } from '../fixtures.js';
import { PaymentMethod, PaymentSource } from '../../src/modules/payments/payment.entity.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { launchChromium, liveConnectionDown, newSession, screenshot } from './browser-harness.js';
import { acceptedPortalUser } from './portal-fixtures.js';

let s: TestSettle;
let browser: Browser;
let orgId: string;
let a: Awaited<ReturnType<typeof billingFixture>>;
let aInvoices: Array<{ id: string; number: string }>;
let draftId: string;
let bInvoiceId: string;
let userA: Awaited<ReturnType<typeof acceptedPortalUser>>;
let userB: Awaited<ReturnType<typeof acceptedPortalUser>>;

/** The newest email of `kind` to `to` (the outbox: tests run without SMTP). */
async function mailText(to: string, kind: string): Promise<string> {
  return eventually(async () => {
    const rows = (await s.container.db.query(
      `SELECT text_body FROM emails WHERE to_address = $1 AND kind = $2 ORDER BY created_at DESC LIMIT 1`,
      [to, kind],
    )) as Array<{ text_body: string }>;
    return rows[0]?.text_body;
  }, `a ${kind} email to ${to}`);
}
const linkIn = (text: string) => /https?:\/\/\S+\/portal\/\S+token=\S+/.exec(text)![0];

beforeAll(async () => {
  [s, browser] = await Promise.all([startTestSettle(), launchChromium()]);
  const owner = await createOrgWithOwner(s, 'Northwind IT');
  orgId = owner.org.id;
  a = await billingFixture(s.container, orgId, { clientName: 'Acme Ltd' });
  const b = await billingFixture(s.container, orgId, { clientName: 'Beta GmbH' });
  aInvoices = [await a.sentInvoice(90), await a.sentInvoice(45)];
  await a.approvedEntry(30, '2026-12-02');
  draftId = (
    await s.container.generation.generate(orgId, SYSTEM_ACTOR, {
      clientIds: [a.client.id],
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
    })
  ).invoices[0]!.id;
  bInvoiceId = (await b.sentInvoice(60)).id;
  userA = await acceptedPortalUser(s.container, orgId, a.client.id, { name: 'Alice Acme' });
  userB = await acceptedPortalUser(s.container, orgId, b.client.id, { name: 'Bob Beta' });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('client portal in Chromium', () => {
  it("signs in with a password and shows only the client's own finalized invoices", async () => {
    const { context, page } = await newSession(browser, s.url);
    try {
      await page.goto('/portal/invoices');
      await page.waitForURL(/\/portal\/sign-in\?next=/);
      await page.getByRole('textbox', { name: 'Email' }).fill(userA.email);
      await page.getByRole('textbox', { name: 'Password' }).fill('not my password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByTestId('form-error').textContent()).toContain('Email or password is incorrect');
      await screenshot(page, 'portal-sign-in-error');
      await page.getByRole('textbox', { name: 'Password' }).fill(userA.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.waitForURL(/\/portal\/invoices$/);
      await page.getByTestId('invoice-row').first().waitFor();
      const shown = await page
        .getByTestId('invoice-row')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-invoice-id')));
      expect(shown.sort()).toEqual(aInvoices.map((i) => i.id).sort());
      expect(shown).not.toContain(draftId);
      expect(shown).not.toContain(bInvoiceId);
      expect(await page.getByTestId('status-badge').allTextContents()).toEqual(['Sent', 'Sent']);
      await screenshot(page, 'portal-invoices');

      await page.getByRole('link', { name: 'Overview' }).click();
      await page.getByTestId('balance-due').waitFor();
      // 1h30 and 45 min at 100.00 an hour; the draft and the other client's invoice are not Alice's to owe.
      expect(await page.getByTestId('balance-due').textContent()).toContain('$225.00');
      await screenshot(page, 'portal-overview');

      await page.goto(`/portal/invoices/${aInvoices[0]!.id}`);
      await page.getByTestId('invoice-lines').waitFor();
      expect(await page.getByTestId('invoice-number').textContent()).toContain(aInvoices[0]!.number);
      expect(await page.getByTestId('pdf-link').getAttribute('href')).toBe(
        `/portal-api/invoices/${aInvoices[0]!.id}/pdf`,
      );
      const pdf = await page.request.get(`/portal-api/invoices/${aInvoices[0]!.id}/pdf`);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      await screenshot(page, 'portal-invoice-detail');
    } finally {
      await context.close();
    }
  });

  it('names the empty field under it and asks the server nothing, for a password or an emailed link', async () => {
    const { context, page } = await newSession(browser, s.url);
    try {
      let asked = 0;
      page.on('request', (r) => {
        if (
          r.url().endsWith('/graphql') &&
          r.method() === 'POST' &&
          /portalLogin|requestMagicLink/.test(r.postData() ?? '')
        )
          asked++;
      });
      await page.goto('/portal/sign-in');
      const email = page.getByRole('textbox', { name: 'Email' });
      const password = page.getByRole('textbox', { name: 'Password' });
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Not "Email or password is incorrect" for a form left empty.
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByText('Enter your email').count()).toBe(1);
      expect(await page.getByText('Enter your password').count()).toBe(1);
      expect(await page.getByTestId('form-error').count()).toBe(0);
      await email.fill(userA.email);
      expect(await page.getByText('Enter your email').count()).toBe(0);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Enter your password').waitFor();
      expect(await email.getAttribute('aria-invalid')).not.toBe('true');
      expect(await password.inputValue()).toBe('');
      await screenshot(page, 'portal-sign-in-empty');

      // "A link is on its way" to no address, never.
      await page.getByText('Email me a link').click();
      await email.fill('');
      await page.getByRole('button', { name: 'Send sign-in link' }).click();
      await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('magic-link-sent').count()).toBe(0);
      expect(asked).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("shows a clear not-found state for another client's invoice and for a draft", async () => {
    const { context, page } = await newSession(browser, s.url, userB.token);
    try {
      await page.goto(`/portal/invoices/${aInvoices[0]!.id}`);
      await page.getByTestId('invoice-not-found').waitFor();
      expect(await page.getByTestId('invoice-not-found').textContent()).toContain('Invoice not found');
      expect(await page.locator('h1').allTextContents()).toEqual(['Invoice not found']);
      expect(await page.title()).toBe('Invoice not found · Billing portal');
      expect(await page.getByText(aInvoices[0]!.number).count()).toBe(0);
      await screenshot(page, 'portal-invoice-not-found');
      await page.goto(`/portal/invoices/${draftId}`);
      await page.getByTestId('invoice-not-found').waitFor();
    } finally {
      await context.close();
    }
  });

  it('updates the invoice status live (subscription) when a payment is recorded, without a reload', async () => {
    const { context, page } = await newSession(browser, s.url, userA.token);
    try {
      const invoice = aInvoices[1]!;
      await page.goto(`/portal/invoices/${invoice.id}`);
      await page.getByTestId('invoice-lines').waitFor();
      const badge = page.getByTestId('status-badge').first();
      expect(await badge.getAttribute('data-status')).toBe('SENT');
      // A marker on window survives only if the page is not reloaded.
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
      // Give graphql-ws a moment to subscribe before the change is announced.
      await page.waitForTimeout(500);
      const { balanceDue } = await s.container.invoices.get({ orgId }, invoice.id);
      await s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
        invoiceId: invoice.id,
        amount: balanceDue,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
        reference: 'CHK-1',
      });
      await expect.poll(() => badge.getAttribute('data-status'), { timeout: 10_000 }).toBe('PAID');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
      await page.getByTestId('invoice-payments').getByText('CHK-1').waitFor();
      await screenshot(page, 'portal-invoice-paid-live');
    } finally {
      await context.close();
    }
  });

  it('accepts an invitation (sets a password) and signs in with a one-time email link', async () => {
    const email = `carol-${Date.now()}@portal.test`;
    await s.container.auth.invitePortalUser(orgId, SYSTEM_ACTOR, { clientId: a.client.id, email, name: 'Carol Acme' });
    const { context, page } = await newSession(browser, s.url);
    try {
      await page.goto(linkIn(await mailText(email, 'portal_invite')));
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
      await page.getByRole('textbox', { name: 'Repeat password' }).fill('short');
      await page.getByRole('button', { name: 'Set password and continue' }).click();
      await page.getByText('Use at least 8 characters').waitFor();
      await screenshot(page, 'portal-accept-invite-error');
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a good password');
      await page.getByRole('textbox', { name: 'Repeat password' }).fill('a good password');
      await page.getByRole('button', { name: 'Set password and continue' }).click();
      await page.getByTestId('balance-due').waitFor();
      expect(await page.getByText('signed in as Carol Acme').count()).toBe(1);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/portal\/sign-in/);
      await page.getByText('Email me a link').click();
      await page.getByRole('textbox', { name: 'Email' }).fill(email);
      await page.getByRole('button', { name: 'Send sign-in link' }).click();
      await page.getByTestId('magic-link-sent').waitFor();
      await screenshot(page, 'portal-magic-link-sent');
      const link = linkIn(await mailText(email, 'magic_link'));
      // A mail scanner opens the link first, in a browser of its own that runs the page's scripts.
      const scanner = await newSession(browser, s.url);
      try {
        await scanner.page.goto(link);
        await scanner.page.waitForLoadState('networkidle');
        await scanner.page.waitForTimeout(1_000);
      } finally {
        await scanner.context.close();
      }
      // Still good for the person: their press is what spends it.
      await page.goto(link);
      const heading = page.getByRole('heading', {
        name: /^(Sign in to your billing portal|This sign-in link does not work)$/,
      });
      await heading.waitFor();
      expect(await heading.textContent()).toBe('Sign in to your billing portal');
      // Whose account and which business, before anything is spent (someone else's link is seen as such).
      const signInAs = await page.getByTestId('sign-in-as').textContent();
      expect(signInAs).toMatch(/^Sign in as \S+ to .+\?$/);
      expect(signInAs).toContain(email);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByTestId('balance-due').waitFor();
      // The link works once.
      await page.context().clearCookies();
      await page.goto(link);
      await page.getByText('This sign-in link does not work').waitFor();
      expect(await page.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
  // A payment recorded while the list's live connection was down is never pushed; after the reconnect the
  // portal re-reads what is on screen, so the list shows it without a reload.
  it('adds an invoice sent meanwhile to the open list, without a reload', async () => {
    const { context, page } = await newSession(browser, s.url, userA.token);
    try {
      await page.goto('/portal/invoices');
      await page.getByTestId('invoice-row').first().waitFor();
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
      await page.waitForTimeout(500); // graphql-ws subscribes
      const invoice = await a.sentInvoice(15);
      await page.locator(`[data-testid=invoice-row][data-invoice-id="${invoice.id}"]`).waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    } finally {
      await context.close();
    }
  });

  it('catches up the invoice list after its live connection was down', async () => {
    const invoice = await a.sentInvoice(20);
    const { context, page } = await newSession(browser, s.url, userA.token);
    try {
      const live = await liveConnectionDown(page);
      await page.goto('/portal/invoices');
      const badge = page
        .locator(`[data-testid=invoice-row][data-invoice-id="${invoice.id}"]`)
        .getByTestId('status-badge');
      await expect.poll(() => badge.getAttribute('data-status')).toBe('SENT');
      await expect.poll(live.refused).toBeGreaterThan(0);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 5));
      await s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
        invoiceId: invoice.id,
        amount: invoice.balanceDue,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
        reference: 'CHK-DOWN',
      });
      live.restore();
      await expect.poll(() => badge.getAttribute('data-status'), { timeout: 20_000 }).toBe('PAID');
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(5);
    } finally {
      await context.close();
    }
  });

  // Last in the file: it gives Alice's address and password a portal account at a second business.
  it('asks which business when one email and password sign in to two, and signs in to the one chosen', async () => {
    const south = await createOrgWithOwner(s, 'Southwind IT');
    const fx = await billingFixture(s.container, south.org.id, { clientName: 'Acme South' });
    await acceptedPortalUser(s.container, south.org.id, fx.client.id, userA);
    const { context, page } = await newSession(browser, s.url);
    try {
      await page.goto('/portal/sign-in');
      await page.getByRole('textbox', { name: 'Email' }).fill(userA.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(userA.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const choice = page.getByTestId('organization-choice');
      await choice.waitFor();
      expect(await choice.getByRole('button').allTextContents()).toEqual(['Northwind IT', 'Southwind IT']);
      await screenshot(page, 'portal-sign-in-choose-business');
      await choice.getByRole('button', { name: 'Southwind IT' }).click();
      await page.waitForURL((u) => !u.pathname.endsWith('/sign-in'));
      await page.getByRole('link', { name: 'Overview' }).click();
      await expect.poll(() => page.getByText('Acme South').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
