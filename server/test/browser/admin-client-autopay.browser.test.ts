import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { portalSession } from '../fixtures.js';
import {
  connectedOrg,
  postForm,
  startStripeWorld,
  type StripeWorld,
} from '../../src/modules/stripe/stripe-test-kit.js';
import { launchChromium, newSession, screenshot } from './browser-harness.js';

/** The client's saved methods and autopay switch on the admin's client form, with the Stripe emulator. */
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
});
