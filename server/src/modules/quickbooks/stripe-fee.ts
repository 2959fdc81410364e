import type Stripe from 'stripe';

export interface StripeFee {
  chargeId: string;
  /** Minor units, from the charge's balance transaction. */
  gross: number;
  fee: number;
  currency: string;
}

/** Finds the exact Stripe processing fee for a payment Settle recorded from Stripe. */
export interface StripeFeeSource {
  feeFor(orgId: string, stripePaymentId: string): Promise<StripeFee | null>;
}

export type StripeClientResolver = (orgId: string) => Promise<Stripe | null>;

/**
 * Walks payment → charge → balance_transaction through the Stripe SDK. Settle records a Stripe
 * payment's charge id as its externalId; a PaymentIntent or Invoice id is followed to its charge too.
 */
export class StripeSdkFeeSource implements StripeFeeSource {
  constructor(private readonly clientFor: StripeClientResolver) {}

  async feeFor(orgId: string, stripeId: string): Promise<StripeFee | null> {
    const stripe = await this.clientFor(orgId);
    if (!stripe) return null;
    const chargeId = await this.chargeIdOf(stripe, stripeId);
    if (!chargeId) return null;
    const charge = await stripe.charges.retrieve(chargeId, { expand: ['balance_transaction'] });
    const bt = charge.balance_transaction;
    if (!bt || typeof bt === 'string') return null; // not settled into the balance yet
    return { chargeId: charge.id, gross: bt.amount, fee: bt.fee, currency: bt.currency.toUpperCase() };
  }

  private async chargeIdOf(stripe: Stripe, id: string): Promise<string | null> {
    if (id.startsWith('ch_') || id.startsWith('py_')) return id;
    if (id.startsWith('pi_')) {
      const pi = await stripe.paymentIntents.retrieve(id);
      return typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null);
    }
    if (id.startsWith('in_')) {
      const inv = (await stripe.invoices.retrieve(id, { expand: ['payments'] })) as Stripe.Invoice & { payments?: { data: Array<{ payment?: { payment_intent?: string | { id: string } } }> } };
      const pi = inv.payments?.data?.[0]?.payment?.payment_intent;
      return pi ? this.chargeIdOf(stripe, typeof pi === 'string' ? pi : pi.id) : null;
    }
    return null;
  }
}
