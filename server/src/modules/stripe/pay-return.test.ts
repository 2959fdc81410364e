import { describe, expect, it } from 'vitest';
import { portalSession } from '../../../test/fixtures.js';
import { StripeCheckoutSession } from './stripe-links.entity.js';
import { connectedOrg, payCheckout, sentToStripe, stripeWorldForFile } from './stripe-test-kit.js';

const w = stripeWorldForFile();

/** GET with no cookie (the payer from the emailed link), or with a portal user's session cookie. */
const visit = (url: string, session?: string) =>
  fetch(url, { redirect: 'manual', headers: session ? { cookie: `settle_session=${session}` } : {} });

/** The Checkout session /pay made for this invoice (the emailed link, no sign-in). */
async function checkoutFromPayLink(token: string): Promise<{ url: string; id: string }> {
  const r = await visit(`${w.settle.url}/pay/${token}`);
  expect(r.status).toBe(303);
  const url = r.headers.get('location')!;
  const row = await w.settle.container.db.getRepository(StripeCheckoutSession).findOneByOrFail({ url });
  return { url, id: row.id };
}

describe('where Checkout returns a payer who came from the emailed pay link (no portal account)', () => {
  it('the success page says what Stripe says of that session: paid, or not paid, never on the word of the URL', async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o); // 100.00
    const session = await checkoutFromPayLink(inv.publicToken);
    const successUrl = `${w.settle.url}/portal/invoices/${inv.id}/paid?session_id=${session.id}`;

    // Back before paying (or with the success URL typed in): nothing was paid, and the page says so.
    const early = await visit(successUrl);
    expect(early.status).toBe(200);
    const earlyText = await early.text();
    expect(earlyText).toContain('data-outcome="unpaid"');
    expect(earlyText).toContain(`/pay/${inv.publicToken}`);

    expect(await payCheckout(session.url, { custom_amount: '100.00' })).toBe(successUrl);
    // The payer has no session: the page answers them (it was the portal's sign-in form, with no word of the money).
    const back = await visit(successUrl);
    expect(back.status).toBe(200);
    const text = await back.text();
    expect(text).toContain('Thank you, your payment was received');
    expect(text).toContain('data-outcome="paid"');
    expect(text).toContain('USD 100.00');
    expect(text).toContain(inv.number);

    // Another invoice's session id, a made-up one, none: nothing about any invoice.
    const other = await sentToStripe(o);
    for (const url of [
      `${w.settle.url}/portal/invoices/${other.id}/paid?session_id=${session.id}`,
      `${w.settle.url}/portal/invoices/${inv.id}/paid?session_id=cs_test_madeup`,
      `${w.settle.url}/portal/invoices/${inv.id}/paid`,
    ]) {
      const r = await visit(url);
      expect(r.status).toBe(404);
      const body = await r.text();
      expect(body).not.toContain(inv.number);
      expect(body).not.toContain(other.number);
    }
  });

  it("a portal user of the invoice's client gets the portal's own page; the cancel page names no invoice", async () => {
    const o = await connectedOrg(w);
    const inv = await sentToStripe(o);
    const session = await checkoutFromPayLink(inv.publicToken);
    const successUrl = `${w.settle.url}/portal/invoices/${inv.id}/paid?session_id=${session.id}`;
    const mine = await portalSession(w.settle, o.org.id, o.fx.client.id);
    const own = await visit(successUrl, mine);
    expect(await own.text()).not.toContain('data-outcome');

    const cancelled = await visit(`${w.settle.url}/portal/invoices/${inv.id}?payment=cancelled`);
    expect(cancelled.status).toBe(200);
    const text = await cancelled.text();
    expect(text).toContain('nothing was charged');
    expect(text).not.toContain(inv.number);
    expect(
      await (await visit(`${w.settle.url}/portal/invoices/${inv.id}?payment=cancelled`, mine)).text(),
    ).not.toContain('nothing was charged');
  });
});
