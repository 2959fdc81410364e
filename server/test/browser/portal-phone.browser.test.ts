import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StripeWorld } from '../../src/modules/stripe/stripe-test-kit.js';
import { PHONE, axeViolations, horizontalOverflow, newSession, screenshot, titleAndH1s } from './browser-harness.js';
import { startPortalStripeWorld } from './portal-fixtures.js';

let world: Awaited<ReturnType<typeof startPortalStripeWorld>>;
let w: StripeWorld;
let browser: Browser;
let org: typeof world.org;
let user: typeof world.user;

beforeAll(async () => {
  world = await startPortalStripeWorld('Northwind Managed IT Services');
  ({ w, browser, org, user } = world);
});
afterAll(async () => {
  await world?.close();
});

/**
 * One portal page as a phone shows it: nothing wider than the 390 px viewport, its own title, one h1,
 * no serious or critical axe violation; a full-page screenshot is saved for a look.
 */
async function checkPhonePage(page: Page, name: string, title: RegExp) {
  await page.waitForLoadState('networkidle');
  const file = await screenshot(page, `phone-${name}`);
  const overflow = await horizontalOverflow(page);
  expect(overflow.wide, `${name}: elements wider than the viewport (${file})`).toEqual([]);
  expect(overflow.scrollWidth, `${name}: document scroll width`).toBeLessThanOrEqual(overflow.width);
  expect(overflow.width).toBe(390);
  // The fixed header (name, sign-out, the navigation row) covers none of the page's heading.
  const covered = await page.evaluate(() => {
    const header = document.querySelector('header')?.getBoundingClientRect();
    const h1 = document.querySelector('h1')?.getBoundingClientRect();
    return header && h1 ? Math.round(header.bottom - h1.top) : null;
  });
  if (covered !== null) expect(covered, `${name}: px of the h1 under the header (${file})`).toBeLessThanOrEqual(0);
  const { title: shown, h1 } = await titleAndH1s(page);
  expect(shown, `${name}: document title`).toMatch(title);
  expect(h1, `${name}: h1 elements`).toHaveLength(1);
  expect(await axeViolations(page), `${name}: axe`).toEqual([]);
}

describe('client portal on a 390 px phone, from the keyboard, and when a screen fails to load', () => {
  it('signs in, lists invoices as cards, pays one by card and shows the payment as the client knows it', async () => {
    const open = await org.fx.sentInvoice(90);
    const other = await org.fx.sentInvoice(45);
    const { context, page } = await newSession(browser, w.settle.url, undefined, PHONE);
    try {
      await page.goto('/portal/invoices');
      await page.waitForURL(/\/portal\/sign-in/);
      await page.getByRole('textbox', { name: 'Email' }).waitFor();
      await checkPhonePage(page, 'sign-in', /^Sign in to your billing portal · Billing portal$/);
      await page.getByRole('textbox', { name: 'Email' }).fill(user.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(user.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      await page.waitForURL(/\/portal\/invoices$/);
      await page.getByTestId('invoice-row').first().waitFor();
      // Cards, not a table squeezed sideways.
      expect(await page.locator('table').count()).toBe(0);
      const ids = await page
        .getByTestId('invoice-row')
        .evaluateAll((r) => r.map((e) => e.getAttribute('data-invoice-id')));
      expect(ids.sort()).toEqual([open.id, other.id].sort());
      await checkPhonePage(page, 'invoices', /^Invoices · Billing portal$/);

      // The navigation is on screen and usable by touch.
      await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'Overview' }).tap();
      await page.getByTestId('balance-due').waitFor();
      await checkPhonePage(page, 'overview', /^Billing overview · Billing portal$/);

      await page.goto(`/portal/invoices/${open.id}`);
      await page.getByTestId('pay-button').waitFor();
      expect(await page.locator('table').count()).toBe(0);
      // The way back is a tap target of its own: at least 24 px tall (WCAG 2.5.8), not a line of small text.
      const back = await page.getByRole('link', { name: '← All invoices' }).boundingBox();
      expect(back!.height).toBeGreaterThanOrEqual(24);
      await checkPhonePage(page, 'invoice-open', new RegExp(`^Invoice ${open.number} · Billing portal$`));

      await page.getByTestId('pay-button').tap();
      await page.waitForURL((u) => u.toString().startsWith(w.emu.url));
      await page.locator('input[name=card_number]').fill('4242 4242 4242 4242');
      await page.locator('input[name=card_expiry]').fill('12 / 34');
      await page.locator('input[name=card_cvc]').fill('123');
      // The emulator's Checkout page fits the phone (its Expiry and CVC once spilled past the card) and its Pay
      // button is tapped like any other.
      const checkout = await horizontalOverflow(page);
      expect(checkout.wide, 'emulator Checkout: elements wider than the viewport').toEqual([]);
      expect(checkout.scrollWidth).toBeLessThanOrEqual(checkout.width);
      await page.getByRole('button', { name: 'Pay' }).tap();
      await page.waitForURL(new RegExp(`/portal/invoices/${open.id}/paid`));
      await page.getByTestId('payment-done').waitFor({ timeout: 20_000 });
      await checkPhonePage(page, 'payment-received', /^Payment received · Billing portal$/);

      await page.getByRole('link', { name: 'View the invoice' }).tap();
      await page.getByTestId('invoice-payments').waitFor();
      const history = (await page.getByTestId('invoice-payments').textContent()) ?? '';
      expect(history).toContain('Visa ·· 4242');
      expect(history).toContain('$150.00');
      expect(history).not.toMatch(/cs_test|pi_|ch_|Stripe Checkout/);
      // Stripe's receipt, opened from the payment.
      const receipt = page.getByTestId('invoice-payments').getByRole('link', { name: 'Receipt' });
      expect(await receipt.getAttribute('href')).toMatch(new RegExp(`^${w.emu.url}/receipts/ch_`));
      expect((await fetch((await receipt.getAttribute('href'))!)).status).toBe(200);
      await checkPhonePage(page, 'invoice-paid', new RegExp(`^Invoice ${open.number} · Billing portal$`));

      await page.goto('/portal/');
      await page.getByTestId('payments-table').waitFor();
      const recent = (await page.getByTestId('payments-table').textContent()) ?? '';
      expect(recent).toContain('Visa ·· 4242');
      expect(recent).toContain(`Invoice ${open.number}`);
      expect(await page.getByTestId('payments-table').getByRole('link', { name: 'Receipt' }).count()).toBeGreaterThan(
        0,
      );
      expect(recent).not.toMatch(/cs_test|pi_|ch_|Stripe Checkout/);
      await checkPhonePage(page, 'overview-paid', /^Billing overview · Billing portal$/);
    } finally {
      await context.close();
    }
  });

  it('a payer from the emailed pay link, with no portal account, is told on their phone that the money arrived', async () => {
    const invoice = await org.fx.sentInvoice(30);
    const { context, page } = await newSession(browser, w.settle.url, undefined, PHONE);
    try {
      await page.goto(`/pay/${invoice.publicToken}`);
      await page.waitForURL((u) => u.toString().startsWith(w.emu.url));
      await page.locator('input[name=card_number]').fill('4242 4242 4242 4242');
      await page.locator('input[name=card_expiry]').fill('12 / 34');
      await page.locator('input[name=card_cvc]').fill('123');
      await page.locator('input[name=card_cvc]').press('Enter');
      await page.waitForURL(new RegExp(`/portal/invoices/${invoice.id}/paid`));
      // Not the portal's sign-in form: what Stripe says of this payment.
      await page.getByRole('heading', { name: 'Thank you, your payment was received' }).waitFor();
      expect(await page.locator('main').textContent()).toContain(`invoice ${invoice.number}`);
      await checkPhonePage(page, 'pay-link-paid', /^Thank you, your payment was received$/);

      // A sign-in link, on the same phone: it names the account and business, with one button; nothing is
      // spent until it is pressed.
      await w.settle.container.auth.requestMagicLink(user.email);
      const [mail] = await w.settle.container.db.query(
        `SELECT text_body FROM emails WHERE to_address = $1 AND kind = 'magic_link' ORDER BY created_at DESC LIMIT 1`,
        [user.email],
      );
      const link = /https?:\/\/\S+\/portal\/magic\?token=\S+/.exec(mail.text_body as string)![0];
      await page.goto(link);
      await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
      expect(await page.getByTestId('sign-in-as').textContent()).toBe(
        `Sign in as ${user.email} to Northwind Managed IT Services?`,
      );
      await checkPhonePage(page, 'magic-link', /^Sign in to your billing portal · Billing portal$/);
      // A link that does not work says so at once, with no button to press.
      await page.goto('/portal/magic?token=ml_not_a_real_one');
      await page.getByText('This sign-in link does not work').waitFor();
      await checkPhonePage(page, 'magic-link-spent', /^This sign-in link does not work · Billing portal$/);
      expect(await page.getByRole('button', { name: 'Sign in', exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('a screen whose code fails to load (after a redeploy) shows a message and a reload button, not a white page', async () => {
    const invoice = await org.fx.sentInvoice(30);
    const { context, page } = await newSession(browser, w.settle.url, user.token, PHONE);
    try {
      await page.goto('/portal/invoices');
      await page.getByTestId('invoice-row').first().waitFor();
      // The invoice screen's chunk is gone from the server, as after a redeploy with new file names.
      let refused = 0;
      await page.route(/\/portal\/assets\/InvoiceDetail-[^/]+\.js$/, (route) => {
        refused++;
        return route.fulfill({ status: 404, body: 'Not found' });
      });
      await page.getByRole('link', { name: `Invoice ${invoice.number}` }).tap();
      await page.getByTestId('error-boundary').waitFor();
      expect(refused).toBeGreaterThan(0);
      expect(await page.getByTestId('error-boundary').textContent()).toContain('new version');
      // The header stays: the client can still go elsewhere.
      expect(await page.getByRole('navigation', { name: 'Portal' }).isVisible()).toBe(true);
      await checkPhonePage(page, 'chunk-failed', /Billing portal$/);

      await page.unroute(/\/portal\/assets\/InvoiceDetail-[^/]+\.js$/);
      await page.getByTestId('error-boundary-reload').tap();
      await page.getByTestId('invoice-number').waitFor();
      expect(await page.getByTestId('invoice-number').textContent()).toContain(invoice.number);
    } finally {
      await context.close();
    }
  });

  it('works from the keyboard: the skip link comes first and an invoice opens with Enter', async () => {
    const invoice = await org.fx.sentInvoice(15);
    const { context, page } = await newSession(browser, w.settle.url, user.token);
    try {
      await page.goto('/portal/invoices');
      await page.getByTestId('invoice-row').first().waitFor();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
      // From the content, Tab walks the filters and the search to the invoices; Enter opens one.
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.textContent)) === invoice.number) break;
      }
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(invoice.number);
      await page.keyboard.press('Enter');
      await page.getByTestId('invoice-number').waitFor();
      expect(await page.title()).toBe(`Invoice ${invoice.number} · Billing portal`);
    } finally {
      await context.close();
    }
  });
});
