import type { PaymentMethod } from './payment.entity.js';

/**
 * What an event of a payment provider means for Settle, in words that name no provider: the provider
 * module translates its events into these with a pure function, and its effects apply them (money and
 * dispute flags through settlement). `ref` is the provider's id of the object the command rests on;
 * before anything is booked, the provider module reads that object back from the provider.
 */
export type PaymentCommand =
  /** Money was taken for an invoice (card or a delayed bank debit, or the provider's hosted invoice). */
  | {
      kind: 'PAYMENT_SUCCEEDED';
      invoiceId: string;
      ref: string;
      /** PAYMENT_INTENT: an off-session charge Settle made itself (autopay), confirmed by reading the PaymentIntent. */
      via: 'CHECKOUT' | 'HOSTED_INVOICE' | 'PAYMENT_INTENT';
      method: PaymentMethod;
    }
  /** An attempt to pay an invoice failed; `reason` when the event says it, null when it must be looked up. */
  | {
      kind: 'PAYMENT_FAILED';
      invoiceId: string;
      ref: string;
      via: 'CHECKOUT' | 'HOSTED_INVOICE' | 'PAYMENT';
      reason: string | null;
    }
  /** A payment page the invoice offered is gone. */
  | { kind: 'CHECKOUT_EXPIRED'; ref: string }
  /** Money went back to the payer, on the payment `paymentRef` names. */
  | { kind: 'REFUNDED'; ref: string; paymentRef: string | null }
  /**
   * A refund (`ref`) of the payment `paymentRef` names did not happen after all: the provider accepted it
   * (pending, or even succeeded) and later reports it `failed` or `canceled`, so the money stayed with the
   * business. `reason` is the provider's failure reason when the event carries one.
   */
  | {
      kind: 'REFUND_FAILED';
      ref: string;
      paymentRef: string | null;
      status: 'failed' | 'canceled';
      reason: string | null;
    }
  /** A dispute was opened or changed (`DISPUTE_CLOSED`: the event says it ended) on the payment `paymentRef` names. */
  | { kind: 'DISPUTED' | 'DISPUTE_CLOSED'; ref: string; paymentRef: string | null }
  /** The provider's invoice was voided or marked uncollectible outside Settle. */
  | { kind: 'VOIDED' | 'MARKED_UNCOLLECTIBLE'; invoiceId: string; ref: string }
  /** The provider paid the org's balance out to its bank (`ref`: the payout). */
  | { kind: 'PAYOUT_PAID'; ref: string }
  /** The bank returned a payout (before or after it showed paid): the money is back in the provider's balance. */
  | { kind: 'PAYOUT_FAILED'; ref: string }
  /** Nothing for Settle to do; `outcome` says why. */
  | { kind: 'IGNORED'; outcome: string };

export type PaymentCommandKind = PaymentCommand['kind'];
