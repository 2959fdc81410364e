import type { PaymentFee, PaymentFeeSource } from '../payments/payment-fee-source.js';
import type { StripeApi } from './stripe-client.js';

/**
 * Stripe fees for QuickBooks (the PaymentFeeSource the Stripe module exports): walks payment → charge →
 * balance_transaction with the org's own Stripe client. Settle records a Stripe payment's PaymentIntent
 * (or charge) id as its externalId; an Invoice id is followed to its charge too.
 */
export class StripeFeeSource implements PaymentFeeSource {
  constructor(private readonly providerFor: (orgId: string) => Promise<StripeApi | null>) {}

  async feeFor(orgId: string, stripeId: string): Promise<PaymentFee | null> {
    const stripe = await this.providerFor(orgId);
    if (!stripe) return null;
    const chargeId = await this.chargeIdOf(stripe, stripeId);
    if (!chargeId) return null;
    const charge = await stripe.retrieveCharge(chargeId, ['balance_transaction']);
    const bt = charge.balance_transaction;
    if (!bt || typeof bt === 'string') return null; // not settled into the balance yet
    return { chargeId: charge.id, gross: bt.amount, fee: bt.fee, currency: bt.currency.toUpperCase() };
  }

  private async chargeIdOf(stripe: StripeApi, id: string): Promise<string | null> {
    if (id.startsWith('ch_') || id.startsWith('py_')) return id;
    if (id.startsWith('pi_')) {
      const pi = await stripe.retrievePaymentIntent(id);
      return typeof pi.latest_charge === 'string' ? pi.latest_charge : (pi.latest_charge?.id ?? null);
    }
    if (id.startsWith('in_')) {
      const inv = await stripe.retrieveInvoice(id, ['payments']);
      const pi = inv.payments?.data?.[0]?.payment?.payment_intent;
      return pi ? this.chargeIdOf(stripe, typeof pi === 'string' ? pi : pi.id) : null;
    }
    return null;
  }
}
