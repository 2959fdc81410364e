import type Stripe from 'stripe';
import type { EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { providerActor } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { SettleResult } from '../payments/settlement.types.js';
import { scopeOf, type StripeConnection } from './stripe-connection.entity.js';
import { bumpVersion, recordOrigins } from './stripe-money-statements.js';
import { cardOfCharge, paymentMethodOfCharge, stripeRounding } from './stripe-rules.js';

/**
 * Books a PaymentIntent Settle itself created and confirmed off-session (autopay), from Stripe's own
 * answer to that API call (made with the org's key: as good as a retrieve), inside the caller's
 * transaction that holds the invoice lock: the charge and its booking leave the invoice together, so no
 * other payment (a Checkout start) can slip in between. Keyed by the PaymentIntent, like the
 * payment_intent.succeeded event that books the same money: whichever comes second is a replay.
 * Only a `succeeded` PaymentIntent with money received is booked (null otherwise).
 */
export async function bookOffSessionIntent(
  c: Container,
  tx: EntityManager,
  conn: StripeConnection,
  invoiceId: string,
  pi: Stripe.PaymentIntent,
): Promise<SettleResult | null> {
  if (pi.status !== 'succeeded' || !pi.amount_received) return null;
  const charge = pi.latest_charge && typeof pi.latest_charge !== 'string' ? pi.latest_charge : null;
  const res = await c.settlement.settleIn(tx, conn.orgId, providerActor('stripe', pi.id), {
    invoiceId,
    amount: pi.amount_received,
    currency: pi.currency,
    source: PaymentSource.STRIPE,
    method: paymentMethodOfCharge(charge) ?? PaymentMethod.CARD,
    externalId: pi.id,
    reference: `Stripe autopay ${pi.id}`,
    card: cardOfCharge(charge),
    allowOverpayment: true,
    closeRemainder: stripeRounding(pi.currency),
  });
  if (!res.replayed) {
    // As an event's payment does: an older failure event of the invoice cannot resurface its error.
    await bumpVersion(tx, conn.orgId, `pay:${invoiceId}`, pi.created, `autopay:${pi.id}`, 'paid', invoiceId);
    await recordOrigins(tx, [{ orgId: conn.orgId, externalId: pi.id, scope: scopeOf(conn) }]);
  }
  return res;
}
