import type Stripe from 'stripe';
import { formatMoney } from '../../platform/money.js';
import type { PaymentCard } from '../payments/settlement.types.js';
import { cardOfCharge } from './stripe-rules.js';

/**
 * Settle never books money on a webhook's word alone: a signature proves who sent the bytes, not that
 * the money moved (a leaked signing secret, a replayed test payload, a bug upstream). Before an event
 * creates or changes a payment, the object it names is read back from Stripe with the org's own key
 * and the payment is booked from what Stripe says. These are the pure comparisons between the payload
 * and Stripe's answer; the fetching lives in stripe-claim-reads.ts and the effects.
 */

/** Stripe does not confirm the event: it is refused for good (status REJECTED, never retried). */
export class StripeRejection extends Error {
  override readonly name = 'StripeRejection';
}

const reject = (why: string): never => {
  throw new StripeRejection(`Stripe does not confirm this event: ${why}`);
};

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);
const money = (amount: number | null | undefined, currency: string | null | undefined) =>
  amount == null ? 'no amount' : formatMoney(amount, currency ?? '???');

/** A read answered "no such object": with the org's own key that also covers another account's object. */
export function isMissing(err: unknown): boolean {
  const e = err as { statusCode?: number; code?: string; type?: string } | null;
  return !!e && (e.code === 'resource_missing' || (e.type === 'StripeInvalidRequestError' && e.statusCode === 404));
}

/** Reads an object the event names; a missing one rejects the event, anything else (network) is thrown for a retry. */
export async function readOrReject<T>(what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (isMissing(err)) reject(`Stripe has no ${what} on this account`);
    throw err;
  }
}

/** The Settle invoice an object's metadata names for this org (null: not Settle's, or another org's). */
export function settleIdOf(orgId: string, o: { metadata?: Stripe.Metadata | null }): string | null {
  const m = o.metadata ?? {};
  return m.settle_org_id === orgId && m.settle_invoice_id ? m.settle_invoice_id : null;
}

function sameSettleInvoice(
  orgId: string,
  what: string,
  claimed: { metadata?: Stripe.Metadata | null },
  fresh: { metadata?: Stripe.Metadata | null },
): string {
  const invoiceId = settleIdOf(orgId, claimed);
  if (settleIdOf(orgId, fresh) !== invoiceId)
    reject(
      `the ${what} on Stripe belongs to ${settleIdOf(orgId, fresh) ? 'another Settle invoice' : 'no Settle invoice of this organization'}`,
    );
  return invoiceId!;
}

/** A Checkout payment as Stripe confirmed it. */
export interface ConfirmedCheckout {
  invoiceId: string;
  sessionId: string;
  /** The money Stripe received; null while a delayed (bank debit) payment has not settled. */
  paid: { amount: number; currency: string; paymentIntent: string; card: PaymentCard | null } | null;
}

/**
 * Checkout session events: the session Stripe has (its PaymentIntent expanded) must be the one the
 * payload describes (same Settle invoice, amount, currency, PaymentIntent), and a payload that says
 * "paid" needs a PaymentIntent that succeeded. What is booked is the PaymentIntent's `amount_received`.
 */
export function confirmCheckout(
  orgId: string,
  claimed: Stripe.Checkout.Session,
  fresh: Stripe.Checkout.Session,
): ConfirmedCheckout {
  if (fresh.id !== claimed.id) reject(`Stripe answered with another checkout session (${fresh.id})`);
  const invoiceId = sameSettleInvoice(orgId, 'checkout session', claimed, fresh);
  if (claimed.currency !== fresh.currency || claimed.amount_total !== fresh.amount_total) {
    reject(
      `the event says ${money(claimed.amount_total, claimed.currency)} but the checkout session on Stripe is for ${money(fresh.amount_total, fresh.currency)}`,
    );
  }
  if (claimed.payment_status !== 'paid') return { invoiceId, sessionId: fresh.id, paid: null };
  if (fresh.payment_status !== 'paid')
    reject(`the event says paid but Stripe says the checkout session is ${fresh.payment_status}`);
  const pi = fresh.payment_intent;
  if (!pi || typeof pi === 'string') return reject('Stripe shows no PaymentIntent for the checkout session');
  if (idOf(claimed.payment_intent) !== pi.id)
    reject(`the event names PaymentIntent ${idOf(claimed.payment_intent) ?? 'none'} but the session's is ${pi.id}`);
  if (pi.status !== 'succeeded') reject(`Stripe says the PaymentIntent ${pi.id} is ${pi.status}`);
  if (Object.keys(pi.metadata ?? {}).length && settleIdOf(orgId, pi) !== invoiceId)
    reject(`the PaymentIntent ${pi.id} on Stripe belongs to another invoice`);
  if (pi.currency !== fresh.currency || pi.amount_received !== claimed.amount_total) {
    reject(
      `the event says ${money(claimed.amount_total, claimed.currency)} but Stripe received ${money(pi.amount_received, pi.currency)}`,
    );
  }
  return {
    invoiceId,
    sessionId: fresh.id,
    paid: {
      amount: pi.amount_received,
      currency: pi.currency,
      paymentIntent: pi.id,
      card: cardOfCharge(pi.latest_charge),
    },
  };
}

/** A PaymentIntent Settle charged off-session, as Stripe confirmed it. */
export interface ConfirmedIntent {
  invoiceId: string;
  amount: number;
  currency: string;
  paymentIntent: string;
  charge: Stripe.Charge | null;
}

/**
 * payment_intent.succeeded (autopay): the PaymentIntent Stripe has (its charge expanded) must be the
 * payload's, for the same Settle invoice, succeeded, and what is booked is its `amount_received`.
 */
export function confirmPaymentIntent(
  orgId: string,
  claimed: Stripe.PaymentIntent,
  fresh: Stripe.PaymentIntent,
): ConfirmedIntent {
  if (fresh.id !== claimed.id) reject(`Stripe answered with another PaymentIntent (${fresh.id})`);
  const invoiceId = sameSettleInvoice(orgId, 'PaymentIntent', claimed, fresh);
  if (fresh.status !== 'succeeded')
    reject(`the event says succeeded but Stripe says the PaymentIntent is ${fresh.status}`);
  if (claimed.currency !== fresh.currency || claimed.amount_received !== fresh.amount_received)
    reject(
      `the event says ${money(claimed.amount_received, claimed.currency)} but Stripe received ${money(fresh.amount_received, fresh.currency)}`,
    );
  const charge = fresh.latest_charge && typeof fresh.latest_charge !== 'string' ? fresh.latest_charge : null;
  return { invoiceId, amount: fresh.amount_received, currency: fresh.currency, paymentIntent: fresh.id, charge };
}

/** invoice.paid: the invoice Stripe has must be paid, the same Settle invoice, for what the payload says. */
export function confirmPaidInvoice(orgId: string, claimed: Stripe.Invoice, fresh: Stripe.Invoice): string {
  if (fresh.id !== claimed.id) reject(`Stripe answered with another invoice (${fresh.id})`);
  const invoiceId = sameSettleInvoice(orgId, 'invoice', claimed, fresh);
  if (fresh.status !== 'paid') reject(`the event says paid but Stripe says the invoice is ${fresh.status}`);
  if (
    claimed.currency !== fresh.currency ||
    (claimed.amount_paid != null && claimed.amount_paid !== fresh.amount_paid)
  ) {
    reject(
      `the event says ${money(claimed.amount_paid, claimed.currency)} paid but Stripe has ${money(fresh.amount_paid, fresh.currency)}`,
    );
  }
  return invoiceId;
}

/** invoice.voided / marked_uncollectible: Stripe's invoice must be in that state and Settle's. */
export function confirmClosedInvoice(
  orgId: string,
  type: 'invoice.voided' | 'invoice.marked_uncollectible',
  claimed: Stripe.Invoice,
  fresh: Stripe.Invoice,
): string {
  const invoiceId = sameSettleInvoice(orgId, 'invoice', claimed, fresh);
  const want = type === 'invoice.voided' ? 'void' : 'uncollectible';
  if (fresh.status !== want) reject(`the event says ${want} but Stripe says the invoice is ${fresh.status}`);
  return invoiceId;
}

/** charge.refunded: the charge Stripe has must belong to the PaymentIntent and have at least the refunds the payload claims. */
export function confirmRefundedCharge(claimed: Stripe.Charge, fresh: Stripe.Charge): string {
  const pi = idOf(fresh.payment_intent);
  if (!pi || pi !== idOf(claimed.payment_intent))
    reject(
      `the charge ${fresh.id} on Stripe belongs to PaymentIntent ${pi ?? 'none'}, not ${idOf(claimed.payment_intent) ?? 'none'}`,
    );
  if ((claimed.amount_refunded ?? 0) > fresh.amount_refunded) {
    reject(
      `the event says ${money(claimed.amount_refunded, claimed.currency)} refunded but Stripe has ${money(fresh.amount_refunded, fresh.currency)}`,
    );
  }
  return pi!;
}

/**
 * refund.updated / refund.failed: a refund is undone only when Stripe says it failed or was canceled (a
 * refund that failed never succeeds again), for the payment the payload names. Returns the status.
 */
export function confirmFailedRefund(claimed: Stripe.Refund, fresh: Stripe.Refund): 'failed' | 'canceled' {
  if (fresh.id !== claimed.id) reject(`Stripe answered with another refund (${fresh.id})`);
  const pi = idOf(fresh.payment_intent);
  if (!pi || pi !== idOf(claimed.payment_intent))
    reject(
      `the refund ${fresh.id} on Stripe is on PaymentIntent ${pi ?? 'none'}, not ${idOf(claimed.payment_intent) ?? 'none'}`,
    );
  if (fresh.status !== 'failed' && fresh.status !== 'canceled')
    return reject(
      `the event says the refund ${claimed.status ?? 'changed'} but Stripe says it is ${fresh.status ?? 'unknown'}`,
    );
  return fresh.status;
}

/** Disputes: the dispute Stripe has must be on the payment the payload names. */
export function confirmDispute(claimed: Stripe.Dispute, fresh: Stripe.Dispute): string {
  const pi = idOf(fresh.payment_intent);
  if (!pi || pi !== idOf(claimed.payment_intent))
    reject(
      `the dispute ${fresh.id} on Stripe is on PaymentIntent ${pi ?? 'none'}, not ${idOf(claimed.payment_intent) ?? 'none'}`,
    );
  return pi!;
}

/** payout.failed: Stripe's payout must be failed (the bank returned it), whatever it showed before. */
export function confirmFailedPayout(claimed: Stripe.Payout, fresh: Stripe.Payout): void {
  if (fresh.id !== claimed.id) reject(`Stripe answered with another payout (${fresh.id})`);
  if (fresh.status !== 'failed') reject(`the event says failed but Stripe says the payout is ${fresh.status}`);
}

/** payout.paid: Stripe's payout must be paid, for the amount and currency the payload says. */
export function confirmPaidPayout(claimed: Stripe.Payout, fresh: Stripe.Payout): void {
  if (fresh.id !== claimed.id) reject(`Stripe answered with another payout (${fresh.id})`);
  if (fresh.status !== 'paid') reject(`the event says paid but Stripe says the payout is ${fresh.status}`);
  if (claimed.amount !== fresh.amount || claimed.currency !== fresh.currency)
    reject(
      `the event says ${money(claimed.amount, claimed.currency)} but Stripe paid out ${money(fresh.amount, fresh.currency)}`,
    );
}
