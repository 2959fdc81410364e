import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { portalSession } from '../fixtures.js';
import {
  connectedOrg,
  postForm,
  startStripeWorld,
  type StripeWorld,
} from '../../src/modules/stripe/stripe-test-kit.js';
import { autopayOf } from '../../src/modules/autopay/autopay.integration.js';
import { autopayDueInvoice } from '../../src/modules/autopay/autopay-test-kit.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';

/** The client's saved methods, autopay switch and autopay attempts in the admin, with the Stripe emulator. */
let w: StripeWorld;
let browser: Browser;
beforeAll(async () => {
  [w, browser] = await Promise.all([startStripeWorld(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await w?.close();
});

describe('client autopay on the admin client form in Chromium', () => {
  it('shows the masked saved card and turns autopay on', async () => {
    const o = await connectedOrg(w, 'Autopay Admin IT');
    const portal = await portalSession(w.settle, o.org.id, o.fx.client.id);
    const r = await w.settle.gql(`mutation { startSavePaymentMethod { url } }`, {}, portal);
    expect((await postForm(r.data.startSavePaymentMethod.url, { card_number: '4242424242424242' })).status).toBe(303);
    const { context, page } = await newSession(browser, w.settle.url, o.token);
    try {
      await page.goto('/admin/clients');
      await page.getByRole('button', { name: 'Edit' }).first().click();
      const panel = page.getByTestId('client-autopay');
      await panel.getByText('visa •••• 4242', { exact: false }).waitFor();
      await panel.getByText('Default', { exact: true }).waitFor();
      await panel.getByRole('switch').click({ force: true });
      await expect
        .poll(async () => (await w.settle.gql(`query { autopay { enabled } }`, {}, portal)).data.autopay.enabled)
        .toBe(true);
      await screenshot(page, 'admin-client-autopay');
    } finally {
      await context.close();
    }
  });

  it('lists the autopay attempts on the client page and on the invoice page, with an empty state', async () => {
    const { o, inv } = await autopayDueInvoice(
      w,
      { card_number: '4000000000000341' },
      await connectedOrg(w, 'Autopay Attempts IT'),
    );
    expect(await autopayOf(w.settle.container).charger.chargeInvoice(o.org.id, inv.id)).toBe('declined');
    const untouched = await o.fx.sentInvoice(15);
    const { context, page } = await newSession(browser, w.settle.url, o.token);
    try {
      await page.goto(`/admin/clients/${o.fx.client.id}`);
      const row = page.getByTestId(`autopay-attempt-${inv.number}-1`);
      await row.getByText('Declined', { exact: true }).waitFor();
      await row.getByText('visa •••• 0341').waitFor();
      await row.getByText(/generic_decline: .*declined/i).waitFor();
      await row.getByText(/Retry /).waitFor();
      await screenshot(page, 'admin-client-autopay-attempts');
      await row.getByRole('link', { name: inv.number }).click();
      await page.waitForURL(`**/admin/invoices/${inv.id}`);
      const card = page.getByTestId('invoice-autopay-attempts');
      await card.getByText('Declined', { exact: true }).waitFor();
      await card.getByText(/Attempt 1/).waitFor();
      await page.goto(`/admin/invoices/${untouched.id}`);
      await page
        .getByTestId('invoice-autopay-attempts')
        .getByText('Not charged automatically', { exact: false })
        .waitFor();
    } finally {
      await context.close();
    }
  });

  it('shows a client with no attempts an empty state', async () => {
    const o = await connectedOrg(w, 'Autopay Empty IT');
    const { context, page } = await newSession(browser, w.settle.url, o.token);
    try {
      await page.goto(`/admin/clients/${o.fx.client.id}`);
      await page
        .getByTestId('client-autopay-attempts')
        .getByText('No automatic charges yet', { exact: false })
        .waitFor();
      expect(await page.getByTestId('autopay-paused').count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('says automatic charges are paused while QuickBooks needs reconnecting', async () => {
    const o = await connectedOrg(w, 'Autopay Paused IT');
    await w.settle.container.db.query(
      `INSERT INTO qbo_connections (org_id, status, realm_id, last_error) VALUES ($1, 'ERROR', '4620816365', 'invalid_grant')`,
      [o.org.id],
    );
    const { context, page } = await newSession(browser, w.settle.url, o.token);
    try {
      await page.goto(`/admin/clients/${o.fx.client.id}`);
      const notice = page.getByTestId('autopay-paused');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('QuickBooks needs reconnecting');
      await notice.getByRole('link', { name: 'Reconnect QuickBooks' }).click();
      await page.waitForURL(/\/admin\/integrations$/);
    } finally {
      await context.close();
    }
  });
});
