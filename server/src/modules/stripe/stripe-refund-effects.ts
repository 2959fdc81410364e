import type Stripe from 'stripe';
import type { Container } from '../../app/container.js';
import type { Actor } from '../../platform/actor.js';
import { formatMoney } from '../../platform/money.js';
import { Payment, PaymentKind, PaymentSource } from '../payments/payment.entity.js';
import { reverseRefundIn } from '../payments/settlement-reversal.js';
import type { StripeReader } from './stripe-claim-reads.js';
import { confirmFailedRefund, readOrReject } from './stripe-confirmation.js';
import { noticeToAdmins } from './stripe-admin-notices.js';

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);

/**
 * Refunds that did not happen. Stripe accepts a refund as pending (bank debits, some cards) or even as
 * succeeded, and may report it failed (or canceled) days later: the money is then still with the business.
 * Settle booked it as given back (from its own refund request or from charge.refunded), so the booking is
 * undone through settlement (settlement-reversal.ts) once Stripe, asked with the org's own key, says the
 * refund failed: never on the payload's word.
 */
export class StripeRefundEffects {
  constructor(private readonly c: Container) {}

  async failed(orgId: string, actor: Actor, claimed: Stripe.Refund, stripe: StripeReader): Promise<string> {
    const pi = idOf(claimed.payment_intent);
    const payment = pi
      ? await this.c.db
          .getRepository(Payment)
          .findOneBy({ orgId, source: PaymentSource.STRIPE, externalId: pi, kind: PaymentKind.PAYMENT })
      : null;
    if (!payment) return 'ignored: a refund of a payment Settle did not record';
    const fresh = await stripe.read(`refund:${claimed.id}`, (p) =>
      readOrReject(`refund ${claimed.id}`, () => p.retrieveRefund(claimed.id)),
    );
    const status = confirmFailedRefund(claimed, fresh);
    const why = fresh.failure_reason ? ` (${fresh.failure_reason.replace(/_/g, ' ')})` : '';
    const deps = { audit: this.c.audit, events: this.c.events, exceptions: this.c.paymentExceptions };
    const r = await this.c.db.transaction(async (tx) => {
      const reversal = await reverseRefundIn(tx, deps, orgId, actor, {
        invoiceId: payment.invoiceId,
        source: PaymentSource.STRIPE,
        refundRef: fresh.id,
        paymentId: payment.id,
        reference: `Stripe refund ${fresh.id} ${status}${why}: the money was not given back`,
      });
      // The client is still owed the money: a person must return it another way (or refund again).
      if (reversal.refund && reversal.adjustment) {
        const { number, currency } = reversal.invoice;
        const amount = formatMoney(-reversal.refund.amount, currency);
        await noticeToAdmins(tx, this.c.email, reversal.invoice, {
          kind: 'refund_failed',
          subject: `Refund of ${amount} on invoice ${number} ${status}`,
          text: `Stripe reports the refund ${fresh.id} of ${amount} on invoice ${number} ${status}${why}: the client did not get the money back. Settle counts it as paid again (the invoice is ${reversal.invoice.status}). Refund it again or return it another way, and tell the client.`,
        });
      }
      return reversal;
    });
    if (!r.refund) return `ignored: refund ${fresh.id} ${status} before Settle recorded it`;
    if (!r.adjustment) return `refund ${fresh.id} ${status}: already undone`;
    return `refund ${fresh.id} ${status}${why}: ${formatMoney(-r.refund.amount, r.refund.currency)} back on the invoice, now ${r.invoice.status}`;
  }
}
