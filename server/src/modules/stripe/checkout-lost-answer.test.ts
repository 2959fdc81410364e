import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { connectedOrg, sentEverywhere, startPaymentRaw, startBothWorld } from './payment-artifacts.test-support.js';

/**
 * Stripe made a Checkout session but its answer was lost (Settle recorded nothing). Stripe refuses an
 * Idempotency-Key sent again with other parameters (`idempotency_error`, for 24 h), and `expires_at` is
 * taken from the clock: a Pay a second later must still get a page to pay. Real SDK, emulator, proxy.
 */
const w = forFile(() => startBothWorld());

const isSessionCreate = (m: string, p: string) => m === 'POST' && p.split('?')[0] === '/v1/checkout/sessions';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a Checkout session whose answer is lost', () => {
  it('Pay again a moment later gets a page to pay, not an idempotency error', async () => {
    const o = await connectedOrg(w, { sendVia: 'CHECKOUT' });
    const { invoice } = await sentEverywhere(w, o);
    w.proxy.loseAnswer(isSessionCreate, 5);
    const lost = await startPaymentRaw(w, o, invoice.id);
    expect(lost.errors?.length).toBeGreaterThan(0);
    expect((await o.stripe.checkout.sessions.list({ limit: 100 })).data).toHaveLength(1);

    await sleep(1100); // the clock has moved on: another expires_at
    const again = await startPaymentRaw(w, o, invoice.id);
    expect(again.errors).toBeUndefined();
    expect(again.data.startInvoicePayment.url).toMatch(/cs_test_/);
  });
});
