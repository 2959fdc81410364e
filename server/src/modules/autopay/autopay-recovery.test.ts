import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectNoChange, ok, failure } from '../../../test/api.js';
import { payByCheck, signedInUser } from '../../../test/fixtures.js';
import { Email } from '../email/email.entity.js';
import { Payment } from '../payments/payment.entity.js';
import type { StripeApi } from '../stripe/stripe-client.js';
import {
  connectedOrg,
  type ConnectedOrg,
  deliverSignedEvent,
  invoiceOf,
  noSweepDue,
  postForm,
  quietOrg,
  stripeModule,
  stripeWorldForFile,
} from '../stripe/stripe-test-kit.js';
import { attemptsOf, autopayDueInvoice, chargerOf } from './autopay-test-kit.js';

/**
 * A charge whose transaction died after Stripe answered leaves no attempt row; when the balance changes
 * before the retry, the attempt's old key no longer fits. The retry asks Stripe what became of it first,
 * books what it took once, and charges only what is left, under a key of (attempt, amount).
 */
const w = stripeWorldForFile();
const GOOD = { card_number: '4242424242424242' };
const DECLINES = { card_number: '4000000000000341' };

/** From now on the charger's Stripe calls reach Stripe, but its process dies before the transaction commits. */
function dieAfterStripeAnswers() {
  const connections = stripeModule(w).connections;
  const real = connections.provider.bind(connections);
  return vi.spyOn(connections, 'provider').mockImplementation((conn) => {
    const api = real(conn);
    const dying: StripeApi = Object.create(api);
    dying.createPaymentIntent = async (params, key) => {
      await api.createPaymentIntent(params, key).catch(() => null);
      throw new Error('process died after Stripe answered');
    };
    return dying;
  });
}
afterEach(() => vi.restoreAllMocks());

const charge = (o: ConnectedOrg, invoiceId: string) => chargerOf(w).chargeInvoice(o.org.id, invoiceId);
async function lostCharge(o: ConnectedOrg, invoiceId: string) {
  const dying = dieAfterStripeAnswers();
  await expect(charge(o, invoiceId)).rejects.toThrow('process died after Stripe answered');
  dying.mockRestore();
}
/** A charge lost after Stripe answered, then a check of 10.00 booked; returns the balance left to charge. */
async function lostThenPartlyPaid(o: ConnectedOrg, inv: { id: string; total: number }) {
  await lostCharge(o, inv.id);
  await payByCheck(w.settle.container, o.org.id, inv.id, 1000);
  return inv.total - 1000;
}
/** The retry, lost too after Stripe answered, then made again: its outcome and the client's PaymentIntents. */
async function retryLostThenAgain(o: ConnectedOrg, invoiceId: string) {
  await lostCharge(o, invoiceId);
  const outcome = await charge(o, invoiceId);
  const intents = await intentsAtStripe(o);
  return { outcome, intents, amounts: intents.map((pi) => [pi.amount, pi.status]) };
}
const payments = (invoiceId: string) =>
  w.settle.container.db
    .getRepository(Payment)
    .find({ where: { invoiceId }, order: { createdAt: 'ASC' } })
    .then((ps) => ps.map((p) => [p.source, p.amount, p.externalId]));
/** The client's PaymentIntents at Stripe, oldest first: [amount, status]. */
async function intentsAtStripe(o: ConnectedOrg) {
  const customer = (await o.stripe.customers.list({ limit: 100 })).data.find(
    (c) => c.metadata.settle_client_id === o.fx.client.id,
  )!;
  const list = await o.stripe.paymentIntents.list({ customer: customer.id, limit: 100 });
  return list.data.reverse().map((pi) => ({ id: pi.id, amount: pi.amount, status: pi.status }));
}
/** The types of the org's Stripe events in Settle's inbox. */
async function inboxTypes(o: ConnectedOrg): Promise<string[]> {
  const sql = `SELECT type FROM stripe_event_inbox WHERE org_id = $1`;
  const rows: Array<{ type: string }> = await w.settle.container.db.query(sql, [o.org.id]);
  return rows.map((r) => r.type);
}
const amountsAtStripe = async (o: ConnectedOrg) => (await intentsAtStripe(o)).map((pi) => [pi.amount, pi.status]);

describe('autopay: a charge whose transaction was lost, then a changed balance (emulator, PostgreSQL)', () => {
  it('a lost successful charge is booked once from Stripe on the retry, and nothing is charged again', async () => {
    // No webhooks: only the retry can learn of the lost charge.
    const { o, inv } = await autopayDueInvoice(w, GOOD, await quietOrg(w));
    await lostThenPartlyPaid(o, inv);
    const [lost] = await intentsAtStripe(o);
    expect(lost).toMatchObject({ amount: inv.total, status: 'succeeded' });
    expect(await attemptsOf(w, inv.id)).toEqual([]);

    expect(await charge(o, inv.id)).toBe('recovered');
    expect(await intentsAtStripe(o)).toEqual([lost]);
    expect(await payments(inv.id)).toEqual([
      ['MANUAL', 1000, null],
      ['STRIPE', inv.total, lost!.id],
    ]);
    const [a] = await attemptsOf(w, inv.id);
    expect(a).toMatchObject({ attemptNo: 1, status: 'SUCCEEDED', amount: inv.total, paymentIntentId: lost!.id });
    expect(a).toMatchObject({ methodBrand: 'visa', methodLast4: '4242' });
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
    // Its payment_intent.succeeded arriving late is a replay; another sweep charges nothing.
    const event = await deliverSignedEvent(
      w,
      o,
      'payment_intent.succeeded',
      await o.stripe.paymentIntents.retrieve(lost!.id),
    );
    expect(event.status).toBe('DONE');
    expect(await charge(o, inv.id)).toBe('skipped');
    expect((await payments(inv.id)).filter((p) => p[0] === 'STRIPE')).toHaveLength(1);
    expect(await intentsAtStripe(o)).toHaveLength(1);
  });

  it('a lost decline, a partial payment, a new card: exactly one more charge, of the new balance, booked once', async () => {
    const { o, inv, portal } = await autopayDueInvoice(w, DECLINES, await quietOrg(w));
    const rest = await lostThenPartlyPaid(o, inv);
    expect(await amountsAtStripe(o)).toEqual([[inv.total, 'requires_payment_method']]);
    // The client saves a good card and makes it the default.
    const r = await w.settle.gql(`mutation { startSavePaymentMethod { url } }`, {}, portal);
    expect((await postForm(r.data.startSavePaymentMethod.url, GOOD)).status).toBe(303);
    const methods = ok(await w.settle.gql(`query { savedPaymentMethods { id last4 } }`, {}, portal));
    const good = methods.savedPaymentMethods.find((m: { last4: string }) => m.last4 === '4242').id;
    ok(await w.settle.gql(`mutation($id: String!) { setDefaultPaymentMethod(id: $id) { id } }`, { id: good }, portal));

    // The old key with the new amount would be refused by Stripe; the retry is not stuck.
    const { outcome, intents, amounts } = await retryLostThenAgain(o, inv.id);
    expect(outcome).toBe('recovered');
    expect(amounts).toEqual([
      [inv.total, 'requires_payment_method'],
      [rest, 'succeeded'],
    ]);
    expect(await payments(inv.id)).toEqual([
      ['MANUAL', 1000, null],
      ['STRIPE', rest, intents[1]!.id],
    ]);
    expect((await attemptsOf(w, inv.id)).map((a) => [a.attemptNo, a.status, a.amount])).toEqual([
      [1, 'SUCCEEDED', rest],
    ]);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
  });

  it('a lost decline, then a new card (same balance): the retry charges the new card once, not an idempotency error', async () => {
    const { o, inv, portal } = await autopayDueInvoice(w, DECLINES, await quietOrg(w));
    await lostCharge(o, inv.id);
    const r = await w.settle.gql(`mutation { startSavePaymentMethod { url } }`, {}, portal);
    expect((await postForm(r.data.startSavePaymentMethod.url, GOOD)).status).toBe(303);
    const methods = ok(await w.settle.gql(`query { savedPaymentMethods { id last4 } }`, {}, portal));
    const good = methods.savedPaymentMethods.find((m: { last4: string }) => m.last4 === '4242').id;
    ok(await w.settle.gql(`mutation($id: String!) { setDefaultPaymentMethod(id: $id) { id } }`, { id: good }, portal));

    // The worker's every-minute sweep tick (wall clock) may land here. It used to sweep this new org and
    // put the lost decline's payment_intent.payment_failed in the inbox; on a loaded machine the drain had
    // not applied it when the charge looked, and autopay skipped (STRIPE_EVENT_PENDING). A quiet org is
    // not swept: nothing of it reaches the inbox.
    await stripeModule(w).sweep.tick();
    await noSweepDue(w, o.org.id);
    expect(await inboxTypes(o)).toEqual([]);
    // Same attempt, same amount, another card: Stripe refuses the old key with the new payment_method.
    // A skip names its guard ({ outcome: 'skipped', skip: … }), so a failure here says which one fired.
    expect(await chargerOf(w).chargeInvoiceExplained(o.org.id, inv.id)).toEqual({ outcome: 'charged' });
    expect(await amountsAtStripe(o)).toEqual([
      [inv.total, 'requires_payment_method'],
      [inv.total, 'succeeded'],
    ]);
    expect((await invoiceOf(w, o.org.id, inv.id)).status).toBe('PAID');
  });

  it('a replay of the retry gets the same PaymentIntent from Stripe (its key is the attempt and the amount)', async () => {
    const { o, inv } = await autopayDueInvoice(w, DECLINES, await quietOrg(w));
    const rest = await lostThenPartlyPaid(o, inv);
    const { outcome, intents, amounts } = await retryLostThenAgain(o, inv.id);
    expect(outcome).toBe('declined');
    expect(amounts).toEqual([
      [inv.total, 'requires_payment_method'],
      [rest, 'requires_payment_method'],
    ]);
    const [a] = await attemptsOf(w, inv.id);
    expect(a).toMatchObject({ attemptNo: 1, status: 'DECLINED', amount: rest, paymentIntentId: intents[1]!.id });
    expect(a).toMatchObject({ declineCode: 'generic_decline', methodLast4: '0341' });
    const mails = await w.settle.container.db
      .getRepository(Email)
      .countBy({ orgId: o.org.id, relatedId: inv.id, kind: 'autopay_failed' });
    expect(mails).toBe(1);
  });
});

describe('autopay: a lost charge, then the client presses Pay in the portal', () => {
  it('Pay is refused with CONFLICT, writing nothing, while Stripe holds the lost charge; the next sweep books it once', async () => {
    // No webhooks: nothing but Stripe itself says the card was charged.
    const { o, inv, portal } = await autopayDueInvoice(w, GOOD, await quietOrg(w));
    await lostCharge(o, inv.id);
    const [lost] = await intentsAtStripe(o);
    expect(lost).toMatchObject({ amount: inv.total, status: 'succeeded' });
    const START = `mutation($id: ID!) { startInvoicePayment(invoiceId: $id) { url } }`;
    const refused = await expectNoChange(w.settle, () => w.settle.gql(START, { id: inv.id }, portal));
    expect(failure(refused)).toMatchObject({ code: 'CONFLICT' });
    const sessions = (await o.stripe.checkout.sessions.list({ limit: 10 })).data;
    expect(sessions.filter((s) => s.mode === 'payment')).toEqual([]);
    expect(await charge(o, inv.id)).toBe('recovered');
    expect(await payments(inv.id)).toEqual([['STRIPE', inv.total, lost!.id]]);
    expect(await intentsAtStripe(o)).toEqual([lost]);
  });
});

describe('autopayAttempts: what staff see of autopay', () => {
  const Q = `query($c: ID, $i: ID) { autopayAttempts(clientId: $c, invoiceId: $i) {
    invoiceId invoiceNumber attemptNo amount methodBrand methodLast4 outcome declineCode message nextRetryAt } }`;

  it('per client and per invoice, billing staff of the org only', async () => {
    const { o, inv, clock } = await autopayDueInvoice(w, DECLINES);
    expect(await charge(o, inv.id)).toBe('declined');
    const seen = ok(await w.settle.gql(Q, { c: o.fx.client.id }, o.token)).autopayAttempts;
    expect(seen).toEqual([
      {
        invoiceId: inv.id,
        invoiceNumber: inv.number,
        attemptNo: 1,
        amount: inv.total,
        methodBrand: 'visa',
        methodLast4: '0341',
        outcome: 'DECLINED',
        declineCode: 'generic_decline',
        message: expect.stringMatching(/declined/i),
        nextRetryAt: new Date(clock.now().getTime() + 3 * 86_400_000).toISOString(),
      },
    ]);
    expect(ok(await w.settle.gql(Q, { i: inv.id }, o.token)).autopayAttempts).toEqual(seen);
    const other = await connectedOrg(w);
    const otherInvoice = await other.fx.sentInvoice(30);
    expect(ok(await w.settle.gql(Q, { c: other.fx.client.id }, other.token)).autopayAttempts).toEqual([]);
    expect(failure(await w.settle.gql(Q, { c: other.fx.client.id }, o.token)).code).toBe('NOT_FOUND');
    expect(failure(await w.settle.gql(Q, { i: otherInvoice.id }, o.token)).code).toBe('NOT_FOUND');
    expect(failure(await w.settle.gql(Q, {}, o.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'clientId' });
    const both = await w.settle.gql(Q, { c: o.fx.client.id, i: inv.id }, o.token);
    expect(failure(both).code).toBe('BAD_USER_INPUT');
    const tech = await signedInUser(w.settle, o.org.id, {
      email: `tech-ap-${Date.now()}@t.test`,
      name: 'T',
      role: 'TECHNICIAN',
    });
    expect(failure(await w.settle.gql(Q, { c: o.fx.client.id }, tech)).code).toBe('FORBIDDEN');
  });
});
