import type Stripe from 'stripe';
import type { Container } from '../../app/container.js';
import type { Actor } from '../../platform/actor.js';
import { formatMoney } from '../../platform/money.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { Payment, PaymentKind, PaymentSource } from '../payments/payment.entity.js';
import { refundable } from '../payments/refundable.js';
import { noticeToAdmins } from './stripe-admin-notices.js';
import type { StripeReader } from './stripe-claim-reads.js';
import { confirmDispute, readOrReject } from './stripe-confirmation.js';

/** Dispute states that ended with the money staying with the merchant. */
const CLEARED = ['won', 'warning_closed', 'prevented'];

/** What Stripe charged and gave back of a dispute's fee, and when (ISO instants of its balance transactions). */
export interface DisputeFees {
  charged: number;
  returned: number;
  chargedAt: string | null;
  returnedAt: string | null;
}

/**
 * Stripe's fee on a dispute, from its balance transactions: taken when the funds are withdrawn, given back
 * (a negative fee) when the dispute is won; each dated by the first balance transaction that moved it. Pure.
 */
export function disputeFees(d: Pick<Stripe.Dispute, 'balance_transactions'>): DisputeFees {
  const fees: DisputeFees = { charged: 0, returned: 0, chargedAt: null, returnedAt: null };
  const at = (bt: Stripe.BalanceTransaction) => (bt.created ? new Date(bt.created * 1000).toISOString() : null);
  for (const bt of d.balance_transactions ?? []) {
    if (bt.fee > 0) {
      fees.charged += bt.fee;
      fees.chargedAt ??= at(bt);
    } else if (bt.fee < 0) {
      fees.returned -= bt.fee;
      fees.returnedAt ??= at(bt);
    }
  }
  return fees;
}

/**
 * Disputes on a Stripe payment Settle recorded. The dispute is read back with the org's own key (it must
 * be on the payment the payload names) and Stripe's state applies: the invoice is flagged while it is
 * open; a lost dispute is a chargeback, recorded through settlement as money returned (a negative
 * payment keyed by the dispute id, so a replay adds nothing), which the books take like a refund; the
 * dispute fee (and its return on a won dispute) is announced for the books (`stripe.dispute-fee`).
 */
export class StripeDisputeEffects {
  constructor(private readonly c: Container) {}

  async apply(orgId: string, actor: Actor, claimed: Stripe.Dispute, stripe: StripeReader): Promise<string> {
    const pi = typeof claimed.payment_intent === 'string' ? claimed.payment_intent : claimed.payment_intent?.id;
    const payment = pi
      ? await this.c.db.getRepository(Payment).findOneBy({ orgId, source: PaymentSource.STRIPE, externalId: pi })
      : null;
    if (!payment) return 'ignored: dispute on a charge Settle does not know';
    // Several dispute events share a second; the payload may be stale, so apply Stripe's current state.
    const d = await stripe.read(`dispute:${claimed.id}`, (p) =>
      readOrReject(`dispute ${claimed.id}`, () => p.retrieveDispute(claimed.id)),
    );
    confirmDispute(claimed, d);
    const open = !CLEARED.includes(d.status) || (await this.otherPaymentDisputed(orgId, payment, stripe));
    const changed = await this.c.settlement.setDisputed(orgId, actor, payment, open, {
      id: d.id,
      status: d.status,
      reason: d.reason,
      amount: d.amount,
    });
    const said = [changed ? `dispute ${d.status}: invoice ${open ? 'flagged' : 'cleared'}` : `dispute ${d.status}`];
    if (d.status === 'lost') {
      const booked = await this.chargeback(orgId, actor, payment, d);
      if (booked.said) said.push(booked.said);
      // The money went back to the client as a refund would have: the payment's open exception is settled.
      if (booked.refundId)
        await this.c.exceptionRemedies.closeRefundedAtProvider(orgId, actor, payment, booked.amount, booked.refundId);
    }
    const fees = disputeFees(d);
    if (fees.charged > 0) {
      const charge = typeof d.charge === 'string' ? d.charge : d.charge.id;
      await this.c.db.transaction((tx) =>
        this.c.events.emit(tx, 'stripe.dispute-fee', {
          orgId,
          dispute: { id: d.id, charge, currency: d.currency.toUpperCase(), ...fees },
        }),
      );
    }
    return said.join('; ');
  }

  /**
   * Whether another Stripe payment of the invoice is still disputed at Stripe (the invoice has one flag for
   * all its payments: a dispute ended on one does not clear it while another is open). Asked of Stripe
   * only when a dispute ends, once per other payment.
   */
  private async otherPaymentDisputed(orgId: string, payment: Payment, stripe: StripeReader): Promise<boolean> {
    const others = await this.c.db.getRepository(Payment).findBy({
      orgId,
      invoiceId: payment.invoiceId,
      source: PaymentSource.STRIPE,
      kind: PaymentKind.PAYMENT,
    });
    for (const p of others) {
      if (p.id === payment.id || !p.externalId?.startsWith('pi_')) continue;
      const pi = p.externalId;
      const disputes = await stripe.read(`disputes:${pi}`, (api) => api.listDisputes(pi));
      if (disputes.some((x) => !CLEARED.includes(x.status))) return true;
    }
    return false;
  }

  /**
   * A lost dispute's chargeback, under the invoice's row lock: what Stripe took back, at most what is left
   * of the payment (its refunds taken off). A bank may dispute the whole charge after part of it was
   * refunded, and Stripe takes the whole disputed amount: the client then got that part back twice. The
   * invoice cannot give back more than it holds of the payment, so the rest is not booked on it; the
   * admins are told (and it is audited), to ask the client for it. Keyed by the dispute id: a replay adds
   * nothing.
   */
  private async chargeback(
    orgId: string,
    actor: Actor,
    payment: Payment,
    d: Stripe.Dispute,
  ): Promise<{ said: string | null; refundId: string | null; amount: number }> {
    return this.c.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, payment.invoiceId);
      const prior = await tx.findOneBy(Payment, { orgId, source: PaymentSource.STRIPE, externalId: d.id });
      if (prior) return { said: null, refundId: prior.id, amount: -prior.amount };
      const left = await refundable(tx, payment);
      const amount = Math.min(d.amount, left);
      const beyond = d.amount - amount;
      const booked =
        amount > 0
          ? await this.c.settlement.settleIn(tx, orgId, actor, {
              invoiceId: payment.invoiceId,
              amount: -amount,
              currency: d.currency,
              source: PaymentSource.STRIPE,
              method: payment.method,
              externalId: d.id,
              reference: `Stripe dispute ${d.id} lost (chargeback)`,
              refundsPaymentId: payment.id,
            })
          : null;
      const refundId = booked?.payment.id ?? null;
      if (beyond <= 0) return { said: 'chargeback recorded', refundId, amount };
      const took = formatMoney(d.amount, invoice.currency);
      const over = formatMoney(beyond, invoice.currency);
      await this.c.audit.record(
        tx,
        orgId,
        actor,
        { type: 'Invoice', id: invoice.id },
        'invoice.chargeback_beyond_payment',
        null,
        { dispute: d.id, paymentId: payment.id, disputed: d.amount, booked: amount, beyond },
      );
      await noticeToAdmins(tx, this.c.email, invoice, {
        kind: 'payment_exception',
        subject: `Chargeback of ${took} on invoice ${invoice.number} exceeds what was left of the payment`,
        text: `Stripe took ${took} back with the lost dispute ${d.id} on invoice ${invoice.number}, ${over} more than was left of the payment after its refunds: the client got ${over} back twice. Settle booked ${formatMoney(amount, invoice.currency)} on the invoice; ask the client for the rest.`,
      });
      const said =
        amount > 0
          ? `chargeback recorded (${over} beyond the payment, admins told)`
          : `chargeback beyond the payment (${over}), admins told`;
      return { said, refundId, amount };
    });
  }
}
