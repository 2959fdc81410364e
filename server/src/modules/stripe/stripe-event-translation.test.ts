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
/** What a command about Stripe's example invoice, carrying `ours`, names. */
const onOurInvoice = { invoiceId: INVOICE, ref: examples.invoice!.id };

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

/** What Settle makes of a `type` event about Stripe's example `resource` (patched), for ORG. */
const translated = (...args: Parameters<typeof event>) => translateStripeEvent(ORG, event(...args));
/** The command Settle makes of the event is exactly `command`. */
const expectCommand = (args: Parameters<typeof event>, command: object) => expect(translated(...args)).toEqual(command);
/** The command Settle makes of the event has (at least) the fields of `command`. */
const expectCommandLike = (args: Parameters<typeof event>, command: object) =>
  expect(translated(...args)).toMatchObject(command);

describe('translateStripeEvent (pure: a Stripe event to a provider-neutral command)', () => {
  it("payment_intent.succeeded books only Settle's own autopay charges", () => {
    const pi = examples.payment_intent!.id;
    expectCommand(['payment_intent.succeeded', 'payment_intent', { metadata: { ...ours, settle_autopay: 'true' } }], {
      kind: 'PAYMENT_SUCCEEDED',
      invoiceId: INVOICE,
      ref: pi,
      via: 'PAYMENT_INTENT',
      method: PaymentMethod.CARD,
    });
    // Checkout's and hosted invoices' PaymentIntents carry Settle's metadata too: booked from their own events.
    expectCommandLike(['payment_intent.succeeded', 'payment_intent', { metadata: ours }], { kind: 'IGNORED' });
    // Another org's autopay charge names no invoice of this org.
    expectCommandLike(
      [
        'payment_intent.succeeded',
        'payment_intent',
        { metadata: { ...ours, settle_org_id: 'other', settle_autopay: 'true' } },
      ],
      { kind: 'IGNORED' },
    );
  });

  it('checkout payments and paid hosted invoices are PAYMENT_SUCCEEDED for the invoice Settle named', () => {
    const s = examples['checkout.session']!;
    expectCommand(['checkout.session.completed', 'checkout.session', { metadata: ours }], {
      kind: 'PAYMENT_SUCCEEDED',
      invoiceId: INVOICE,
      ref: s.id,
      via: 'CHECKOUT',
      method: PaymentMethod.CARD,
    });
    expectCommandLike(['checkout.session.async_payment_succeeded', 'checkout.session', { metadata: ours }], {
      kind: 'PAYMENT_SUCCEEDED',
      method: PaymentMethod.BANK_DEBIT,
    });
    expectCommand(['invoice.paid', 'invoice', { metadata: ours }], {
      kind: 'PAYMENT_SUCCEEDED',
      ...onOurInvoice,
      via: 'HOSTED_INVOICE',
      method: PaymentMethod.CARD,
    });
  });

  it("objects without Settle's metadata for this org are ignored, with why", () => {
    expectCommand(['checkout.session.completed', 'checkout.session', { metadata: {} }], {
      kind: 'IGNORED',
      outcome: 'ignored: not a Settle checkout session',
    });
    const otherOrg = { ...ours, settle_org_id: '33333333-3333-4333-8333-333333333333' };
    expectCommand(['invoice.paid', 'invoice', { metadata: otherOrg }], {
      kind: 'IGNORED',
      outcome: 'ignored: not a Settle invoice',
    });
    expectCommand(['payment_intent.payment_failed', 'payment_intent', { metadata: {} }], {
      kind: 'IGNORED',
      outcome: 'ignored: not a Settle payment',
    });
  });

  it('failures say where they happened; a bank debit failure carries its reason', () => {
    expectCommand(['invoice.payment_failed', 'invoice', { metadata: ours }], {
      kind: 'PAYMENT_FAILED',
      ...onOurInvoice,
      via: 'HOSTED_INVOICE',
      reason: null,
    });
    expectCommandLike(['checkout.session.async_payment_failed', 'checkout.session', { metadata: ours }], {
      kind: 'PAYMENT_FAILED',
      via: 'CHECKOUT',
      reason: 'The bank debit failed',
    });
    expectCommandLike(['payment_intent.payment_failed', 'payment_intent', { metadata: ours }], {
      kind: 'PAYMENT_FAILED',
      via: 'PAYMENT',
      ref: examples.payment_intent!.id,
    });
  });

  it('refunds and disputes name the payment they are on', () => {
    expectCommand(['charge.refunded', 'charge', { payment_intent: 'pi_1' }], {
      kind: 'REFUNDED',
      ref: examples.charge!.id,
      paymentRef: 'pi_1',
    });
    expectCommand(['charge.dispute.created', 'dispute', { payment_intent: { id: 'pi_2' } }], {
      kind: 'DISPUTED',
      ref: examples.dispute!.id,
      paymentRef: 'pi_2',
    });
    expectCommandLike(['charge.dispute.closed', 'dispute', { payment_intent: 'pi_2' }], {
      kind: 'DISPUTE_CLOSED',
      paymentRef: 'pi_2',
    });
  });

  it('a refund that failed or was canceled later is REFUND_FAILED for its payment; any other refund change is not', () => {
    const re = examples.refund!.id;
    const failed = { status: 'failed', failure_reason: 'expired_or_canceled_card', payment_intent: 'pi_3' };
    // refund.updated is what Settle subscribes to; refund.failed and charge.refund.updated carry the same Refund.
    for (const type of ['refund.updated', 'refund.failed', 'charge.refund.updated'])
      expectCommand([type, 'refund', failed], {
        kind: 'REFUND_FAILED',
        ref: re,
        paymentRef: 'pi_3',
        status: 'failed',
        reason: 'expired_or_canceled_card',
      });
    expectCommand(['refund.updated', 'refund', { status: 'canceled', payment_intent: { id: 'pi_4' } }], {
      kind: 'REFUND_FAILED',
      ref: re,
      paymentRef: 'pi_4',
      status: 'canceled',
      reason: null,
    });
    // A pending refund that went through, or a metadata change, moves no money back.
    expectCommand(['refund.updated', 'refund', { status: 'succeeded', payment_intent: 'pi_3' }], {
      kind: 'IGNORED',
      outcome: 'ignored: the refund is succeeded',
    });
    expectCommandLike(['refund.updated', 'refund', { status: 'pending' }], { kind: 'IGNORED' });
    expectCommandLike(['refund.created', 'refund', failed], { kind: 'IGNORED' });
  });

  it('voids and uncollectible marks from Stripe, unless Settle caused them', () => {
    expectCommand(['invoice.voided', 'invoice', { metadata: ours }], { kind: 'VOIDED', ...onOurInvoice });
    expectCommandLike(['invoice.marked_uncollectible', 'invoice', { metadata: ours }], {
      kind: 'MARKED_UNCOLLECTIBLE',
    });
    const bySettle = { request: { id: 'req_1', idempotency_key: 'settle-void-in_1' } } as Partial<Stripe.Event>;
    expectCommand(['invoice.voided', 'invoice', { metadata: ours }, bySettle], {
      kind: 'IGNORED',
      outcome: 'ignored: caused by Settle',
    });
  });

  it('a paid payout is PAYOUT_PAID and a failed one PAYOUT_FAILED (other payout events are not used)', () => {
    expectCommand(['payout.paid', 'payout'], { kind: 'PAYOUT_PAID', ref: examples.payout!.id });
    expectCommand(['payout.failed', 'payout'], { kind: 'PAYOUT_FAILED', ref: examples.payout!.id });
    expectCommandLike(['payout.created', 'payout'], { kind: 'IGNORED' });
  });

  it('expired sessions, and types Settle does not use', () => {
    expectCommand(['checkout.session.expired', 'checkout.session'], {
      kind: 'CHECKOUT_EXPIRED',
      ref: examples['checkout.session']!.id,
    });
    expectCommand(['customer.created', 'customer'], {
      kind: 'IGNORED',
      outcome: 'ignored: customer.created is not used by Settle',
    });
  });
});
