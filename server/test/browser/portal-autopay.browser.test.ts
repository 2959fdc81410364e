import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeWorld } from '../../src/modules/stripe/stripe-test-kit.js';
import { SYSTEM_ACTOR } from '../../src/platform/actor.js';
import { billingOf } from '../../src/modules/billing/billing.services.js';
import { newSession, screenshot } from './browser-harness.js';
import { startPortalStripeWorld } from './portal-fixtures.js';

let world: Awaited<ReturnType<typeof startPortalStripeWorld>>;
let w: StripeWorld;
let browser: Browser;

beforeAll(async () => {
  world = await startPortalStripeWorld();
  ({ w, browser } = world);
});
afterAll(async () => {
  await world?.close();
});

describe('portal payment methods with the Stripe emulator in Chromium', () => {
  it('adds a card on the hosted setup page, turns autopay on, adds a second card, makes it default, removes the first', async () => {
    const { context, page } = await newSession(browser, w.settle.url, world.user.token);
    try {
      await page.goto('/portal/payment-methods');
      await page.getByTestId('empty-state').waitFor();
      await screenshot(page, 'portal-payment-methods-empty');

      const addCard = async (card: string) => {
        await page.getByTestId('add-payment-method').click();
        await page.waitForURL((u) => u.toString().startsWith(w.emu.url));
        await page.locator('#pay-form').waitFor();
        await page.locator('input[name=card_number]').fill(card);
        await page.locator('input[name=card_expiry]').fill('12 / 34');
        await page.locator('input[name=card_cvc]').fill('123');
        await page.locator('#submit').click();
        await page.waitForURL(/\/portal\/payment-methods\?saved=1/);
      };
      await addCard('4242 4242 4242 4242');
      await page.getByText('Your payment method was saved.').waitFor();
      await page.getByText('Visa •••• 4242, expires 12/2034').waitFor();
      expect(await page.getByTestId('saved-method').count()).toBe(1);

      // The text says when invoices are charged: the org's send method, then the client's own (AUTO_CHARGE).
      await page.getByText('charged to your default payment method on its due date').waitFor();
      await billingOf(w.settle.container).settings.set(world.org.org.id, SYSTEM_ACTOR, {
        clientId: world.org.fx.client.id,
        sendMethod: 'AUTO_CHARGE',
      });
      await page.reload();
      await page.getByText('charged to your default payment method as soon as it is issued').waitFor();

      await page.getByRole('switch', { name: 'Pay invoices automatically' }).click({ force: true });
      await expect
        .poll(
          async () => (await w.settle.gql(`query { autopay { enabled } }`, {}, world.user.token)).data.autopay.enabled,
        )
        .toBe(true);

      await addCard('5555 5555 5555 4444');
      await page.getByText('Mastercard •••• 4444', { exact: false }).waitFor();
      const master = page.getByTestId('saved-method').filter({ hasText: '4444' });
      await master.getByRole('button', { name: 'Make default' }).click();
      await master.getByText('Default').waitFor();
      await screenshot(page, 'portal-payment-methods');

      const visa = page.getByTestId('saved-method').filter({ hasText: '4242' });
      await visa.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => page.getByTestId('saved-method').count()).toBe(1);
      expect(await page.getByTestId('saved-method').textContent()).toContain('4444');
    } finally {
      await context.close();
    }
  });
});
