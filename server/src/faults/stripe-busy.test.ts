import { describe, expect, it } from 'vitest';
import { connectedOrg, emulatorStripe, stripeWorldForFile } from '../modules/stripe/stripe-test-kit.js';
import { sentInvoices, sleep } from './fault-kit.js';

// Issue #18 (smaller): Stripe's rate limit (429) that outlasts the SDK's retries is a clear "try again in
// a moment", not INTERNAL_SERVER_ERROR from startInvoicePayment or a 502 from the pay link. The emulator
// takes one request per second per account, as a saturated account sees it.
const w = stripeWorldForFile({ rateLimitPerSecond: 1 });

/** Another client of the same account taking every request of each second while `busy` holds. */
function saturate(key: string) {
  const stripe = emulatorStripe(key, w.emu.port);
  let busy = true;
  const loops = Array.from({ length: 3 }, async () => {
    while (busy) await stripe.customers.list({ limit: 1 }).catch(() => sleep(5));
  });
  return async () => {
    busy = false;
    await Promise.all(loops);
  };
}

describe('Stripe rate limit', () => {
  it('answers SERVICE_UNAVAILABLE "Stripe is busy" and a 503 pay page with Retry-After, then works once it eases', async () => {
    const o = await connectedOrg(w, 'Busy Stripe');
    const [inv] = await sentInvoices(w, o, 1, 'RL');
    await sleep(1_100);
    const stop = saturate(o.key);
    try {
      await sleep(200);
      const r = await w.settle.gql(`mutation($i:ID!){startInvoicePayment(invoiceId:$i){url}}`, { i: inv!.id }, o.token);
      expect(r.errors?.[0]).toMatchObject({
        message: 'Stripe is busy; try again in a moment.',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      const page = await fetch(`${w.settle.url}/pay/${inv!.token}`, { redirect: 'manual' });
      expect(page.status).toBe(503);
      expect(page.headers.get('retry-after')).toBe('5');
      expect(await page.text()).toContain('Stripe is busy; try again in a moment.');
    } finally {
      await stop();
    }
    const [n] = (await w.settle.container.db.query(
      `SELECT count(*)::int AS n FROM stripe_checkout_sessions WHERE invoice_id = $1`,
      [inv!.id],
    )) as Array<{ n: number }>;
    expect(n!.n).toBe(0);
    // The limit eased: the SDK's retries with backoff get through one request a second. Settle's own
    // background calls (catalog sync, sweep) share that second, so a payer may need one more try.
    await sleep(1_100);
    let ok = await w.settle.gql(`mutation($i:ID!){startInvoicePayment(invoiceId:$i){url}}`, { i: inv!.id }, o.token);
    for (let tries = 1; ok.errors && tries < 5; tries++) {
      expect(ok.errors[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      await sleep(1_100);
      ok = await w.settle.gql(`mutation($i:ID!){startInvoicePayment(invoiceId:$i){url}}`, { i: inv!.id }, o.token);
    }
    expect(ok.errors).toBeUndefined();
    expect(ok.data.startInvoicePayment.url).toContain('/checkout/');
  });
});
