import { describe, expect, it } from 'vitest';
import { stripeExampleObjects } from '@settle/stripe-emulator/testing';
import type Stripe from 'stripe';
import { PaymentMethod } from '../payments/payment.entity.js';
import { translateStripeEvent } from './stripe-event-translation.js';

// Stripe's own example objects (kept by the Stripe emulator package), wrapped in events as Stripe delivers them: no database.
const examples = stripeExampleObjects();
const ORG = '11111111-1111-4111-8111-111111111111';
const INVOICE = '22222222-2222-4222-8222-222222222222';
const ours = { settle_org_id: ORG, settle_invoice_id: INVOICE };

function event(
  type: string,
  resource: string,
  patch: Record<string, unknown> = {},
  extra: Partial<Stripe.Event> = {},
): Stripe.Event {
  return {
    id: `evt_${type}`,
    object: 'event',
    type,
    created: 1_800_000_000,
    data: { object: { ...examples[resource], ...patch } },
    ...extra,
  } as unknown as Stripe.Event;
}

describe('translateStripeEvent (pure: a Stripe event to a provider-neutral command)', () => {
  it('checkout payments and paid hosted invoices are PAYMENT_SUCCEEDED for the invoice Settle named', () => {
    const s = examples['checkout.session']!;
    expect(
      translateStripeEvent(ORG, event('checkout.session.completed', 'checkout.session', { metadata: ours })),
    ).toEqual({
      kind: 'PAYMENT_SUCCEEDED',
      invoiceId: INVOICE,
      ref: s.id,
      via: 'CHECKOUT',
      method: PaymentMethod.CARD,
    });
    expect(
      translateStripeEvent(
        ORG,
        event('checkout.session.async_payment_succeeded', 'checkout.session', { metadata: ours }),
      ),
    ).toMatchObject({ kind: 'PAYMENT_SUCCEEDED', method: PaymentMethod.BANK_DEBIT });
    expect(translateStripeEvent(ORG, event('invoice.paid', 'invoice', { metadata: ours }))).toEqual({
      kind: 'PAYMENT_SUCCEEDED',
      invoiceId: INVOICE,
      ref: examples.invoice!.id,
      via: 'HOSTED_INVOICE',
      method: PaymentMethod.CARD,
    });
  });

  it("objects without Settle's metadata for this org are ignored, with why", () => {
    expect(
      translateStripeEvent(ORG, event('checkout.session.completed', 'checkout.session', { metadata: {} })),
    ).toEqual({ kind: 'IGNORED', outcome: 'ignored: not a Settle checkout session' });
    const otherOrg = { ...ours, settle_org_id: '33333333-3333-4333-8333-333333333333' };
    expect(translateStripeEvent(ORG, event('invoice.paid', 'invoice', { metadata: otherOrg }))).toEqual({
      kind: 'IGNORED',
      outcome: 'ignored: not a Settle invoice',
    });
    expect(
      translateStripeEvent(ORG, event('payment_intent.payment_failed', 'payment_intent', { metadata: {} })),
    ).toEqual({ kind: 'IGNORED', outcome: 'ignored: not a Settle payment' });
  });

  it('failures say where they happened; a bank debit failure carries its reason', () => {
    expect(translateStripeEvent(ORG, event('invoice.payment_failed', 'invoice', { metadata: ours }))).toEqual({
      kind: 'PAYMENT_FAILED',
      invoiceId: INVOICE,
      ref: examples.invoice!.id,
      via: 'HOSTED_INVOICE',
      reason: null,
    });
    expect(
      translateStripeEvent(ORG, event('checkout.session.async_payment_failed', 'checkout.session', { metadata: ours })),
    ).toMatchObject({ kind: 'PAYMENT_FAILED', via: 'CHECKOUT', reason: 'The bank debit failed' });
    expect(
      translateStripeEvent(ORG, event('payment_intent.payment_failed', 'payment_intent', { metadata: ours })),
    ).toMatchObject({ kind: 'PAYMENT_FAILED', via: 'PAYMENT', ref: examples.payment_intent!.id });
  });

  it('refunds and disputes name the payment they are on', () => {
    expect(translateStripeEvent(ORG, event('charge.refunded', 'charge', { payment_intent: 'pi_1' }))).toEqual({
      kind: 'REFUNDED',
      ref: examples.charge!.id,
      paymentRef: 'pi_1',
    });
    expect(
      translateStripeEvent(ORG, event('charge.dispute.created', 'dispute', { payment_intent: { id: 'pi_2' } })),
    ).toEqual({ kind: 'DISPUTED', ref: examples.dispute!.id, paymentRef: 'pi_2' });
    expect(
      translateStripeEvent(ORG, event('charge.dispute.closed', 'dispute', { payment_intent: 'pi_2' })),
    ).toMatchObject({ kind: 'DISPUTE_CLOSED', paymentRef: 'pi_2' });
  });

  it('voids and uncollectible marks from Stripe, unless Settle caused them', () => {
    expect(translateStripeEvent(ORG, event('invoice.voided', 'invoice', { metadata: ours }))).toEqual({
      kind: 'VOIDED',
      invoiceId: INVOICE,
      ref: examples.invoice!.id,
    });
    expect(
      translateStripeEvent(ORG, event('invoice.marked_uncollectible', 'invoice', { metadata: ours })),
    ).toMatchObject({ kind: 'MARKED_UNCOLLECTIBLE' });
    const bySettle = { request: { id: 'req_1', idempotency_key: 'settle-void-in_1' } } as Partial<Stripe.Event>;
    expect(translateStripeEvent(ORG, event('invoice.voided', 'invoice', { metadata: ours }, bySettle))).toEqual({
      kind: 'IGNORED',
      outcome: 'ignored: caused by Settle',
    });
  });

  it('expired sessions, and types Settle does not use', () => {
    expect(translateStripeEvent(ORG, event('checkout.session.expired', 'checkout.session'))).toEqual({
      kind: 'CHECKOUT_EXPIRED',
      ref: examples['checkout.session']!.id,
    });
    expect(translateStripeEvent(ORG, event('customer.created', 'customer'))).toEqual({
      kind: 'IGNORED',
      outcome: 'ignored: customer.created is not used by Settle',
    });
  });
});
