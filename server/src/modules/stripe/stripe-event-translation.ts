import type Stripe from 'stripe';
import { PaymentMethod } from '../payments/payment.entity.js';
import type { PaymentCommand } from '../payments/payment-command.js';
import { settleIdOf } from './stripe-confirmation.js';

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);

/**
 * What a Stripe event means for Settle, as a provider-neutral command: pure (no database, no request),
 * so every Stripe event type Settle handles is unit-tested from recorded events. Which Settle invoice an
 * event names comes from the metadata Settle set on the object, and only for this org. The effects then
 * confirm the command with Stripe and apply it.
 */
export function translateStripeEvent(orgId: string, evt: Stripe.Event): PaymentCommand {
  switch (evt.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = evt.data.object;
      const invoiceId = settleIdOf(orgId, s);
      if (!invoiceId) return ignored('not a Settle checkout session');
      const method =
        evt.type === 'checkout.session.async_payment_succeeded' ? PaymentMethod.BANK_DEBIT : PaymentMethod.CARD;
      return { kind: 'PAYMENT_SUCCEEDED', invoiceId, ref: s.id, via: 'CHECKOUT', method };
    }
    case 'invoice.paid': {
      const inv = evt.data.object;
      const invoiceId = settleIdOf(orgId, inv);
      if (!invoiceId) return ignored('not a Settle invoice');
      return { kind: 'PAYMENT_SUCCEEDED', invoiceId, ref: inv.id, via: 'HOSTED_INVOICE', method: PaymentMethod.CARD };
    }
    case 'payment_intent.succeeded': {
      // Only Settle's own off-session charges (autopay) are booked from their PaymentIntent: Checkout's and
      // hosted invoices' PaymentIntents carry Settle's metadata too, and are booked from their session or
      // invoice event (the same PaymentIntent id, so a second booking would only be a replay anyway).
      const pi = evt.data.object;
      if (pi.metadata?.settle_autopay !== 'true') return ignored('not a Settle autopay charge');
      const invoiceId = settleIdOf(orgId, pi);
      if (!invoiceId) return ignored('not a Settle payment');
      return { kind: 'PAYMENT_SUCCEEDED', invoiceId, ref: pi.id, via: 'PAYMENT_INTENT', method: PaymentMethod.CARD };
    }
    case 'checkout.session.expired':
      return { kind: 'CHECKOUT_EXPIRED', ref: evt.data.object.id };
    case 'invoice.payment_failed':
      return failed(orgId, evt.data.object, 'HOSTED_INVOICE', null);
    case 'checkout.session.async_payment_failed':
      return failed(orgId, evt.data.object, 'CHECKOUT', 'The bank debit failed');
    case 'payment_intent.payment_failed':
      return failed(orgId, evt.data.object, 'PAYMENT', null);
    case 'charge.refunded':
      return { kind: 'REFUNDED', ref: evt.data.object.id, paymentRef: idOf(evt.data.object.payment_intent) };
    // A refund Stripe accepted can still fail or be canceled later (bank debits, some cards). Settle subscribes
    // to refund.updated: at the pinned API version it comes for every refund and either end (charge.refund.updated
    // only for some payment methods, refund.failed not for cancels). Those two carry the same Refund, so an
    // endpoint that sends them reads the same. The effects ask Stripe before undoing anything.
    case 'refund.updated':
    case 'refund.failed':
    case 'charge.refund.updated': {
      const r = evt.data.object;
      if (r.status !== 'failed' && r.status !== 'canceled') return ignored(`the refund is ${r.status ?? 'unknown'}`);
      return {
        kind: 'REFUND_FAILED',
        ref: r.id,
        paymentRef: idOf(r.payment_intent),
        status: r.status,
        reason: r.failure_reason ?? null,
      };
    }
    case 'payout.paid':
      return { kind: 'PAYOUT_PAID', ref: evt.data.object.id };
    // Stripe may report a payout failed even after payout.paid (the bank returned it days later).
    case 'payout.failed':
      return { kind: 'PAYOUT_FAILED', ref: evt.data.object.id };
    case 'invoice.voided':
    case 'invoice.marked_uncollectible': {
      if (evt.request?.idempotency_key?.startsWith('settle-'))
        return { kind: 'IGNORED', outcome: 'ignored: caused by Settle' };
      const inv = evt.data.object;
      const invoiceId = settleIdOf(orgId, inv);
      if (!invoiceId) return ignored('not a Settle invoice');
      return { kind: evt.type === 'invoice.voided' ? 'VOIDED' : 'MARKED_UNCOLLECTIBLE', invoiceId, ref: inv.id };
    }
    default:
      if (evt.type.startsWith('charge.dispute.')) {
        const d = evt.data.object as Stripe.Dispute;
        return {
          kind: evt.type === 'charge.dispute.closed' ? 'DISPUTE_CLOSED' : 'DISPUTED',
          ref: d.id,
          paymentRef: idOf(d.payment_intent),
        };
      }
      return ignored(`${evt.type} is not used by Settle`);
  }
}

const ignored = (why: string): PaymentCommand => ({ kind: 'IGNORED', outcome: `ignored: ${why}` });

function failed(
  orgId: string,
  o: { id: string; metadata?: Stripe.Metadata | null },
  via: 'CHECKOUT' | 'HOSTED_INVOICE' | 'PAYMENT',
  reason: string | null,
): PaymentCommand {
  const invoiceId = settleIdOf(orgId, o);
  if (!invoiceId) return ignored('not a Settle payment');
  return { kind: 'PAYMENT_FAILED', invoiceId, ref: o.id, via, reason };
}
