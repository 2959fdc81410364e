/**
 * One balance transaction of a payout: `amount` gross and `fee` Stripe's fee (minor units), `source` the
 * Stripe object it came from (a charge, refund or dispute), `paymentIntent` the payment it belongs to.
 */
export interface PayoutLine {
  type: string;
  source: string;
  paymentIntent: string | null;
  amount: number;
  fee: number;
}

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** An org connected Stripe, or reconnected it (same or another account). */
    'stripe.connected': { orgId: string };
    /** An org moved to another Stripe account or mode: what lives in one account is made anew in the other. */
    'stripe.account-switched': { orgId: string };
    /**
     * Stripe confirmed a payout failed (the bank returned it), once per payout: `wasPaid` when Settle had
     * recorded it paid (its Deposit, if any, must go); the money is back in the Stripe balance.
     */
    'stripe.payout-failed': {
      orgId: string;
      payout: { id: string; stripePayoutId: string; wasPaid: boolean };
    };
    /**
     * Stripe confirmed a payout paid (emitted once per payout): `amount` (minor units, ISO `currency`)
     * reached the org's bank on `arrivalDate`, out of the Stripe balance its payments landed in.
     */
    'stripe.payout-paid': {
      orgId: string;
      payout: {
        id: string;
        stripePayoutId: string;
        amount: number;
        currency: string;
        arrivalDate: string;
        /** What it paid out, one line per balance transaction (its own `payout` transaction left out). */
        lines: PayoutLine[];
      };
    };
    /**
     * Stripe's fee on a dispute of a Settle payment, as Stripe has it now (minor units, ISO `currency`):
     * `charged` when the funds were withdrawn, `returned` once the dispute was won (0 until then).
     * Emitted on every confirmed dispute event: reactions must be idempotent per dispute.
     */
    /**
     * Stripe confirmed that a PaymentIntent of a Settle invoice failed (payment_intent.payment_failed,
     * re-read from Stripe: still unpaid). Emitted in the transaction that records the failure; a
     * redelivery emits it again, so reactions must be idempotent per PaymentIntent.
     */
    'stripe.payment-intent-failed': {
      orgId: string;
      invoiceId: string;
      paymentIntent: string;
      declineCode: string | null;
      message: string;
    };
    'stripe.dispute-fee': {
      orgId: string;
      dispute: {
        id: string;
        charge: string;
        currency: string;
        charged: number;
        returned: number;
        /** When Stripe took the fee and gave it back (ISO instants of its balance transactions), when known. */
        chargedAt?: string | null;
        returnedAt?: string | null;
      };
    };
  }
}
