import type { DataSource, EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import type { Container } from '../../app/container.js';
import { providerActor, type Actor } from '../../platform/actor.js';
import { formatMoney } from '../../platform/money.js';
import { affected } from '../../platform/database/sql.js';
import { logger } from '../../platform/logger.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { orgTimeZone } from '../organizations/org-today.js';
import { todayIn } from '../../platform/time-zone.js';
import { invoiceKey, lockInvoices } from '../invoices/invoice-state.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeCheckoutSession, StripeInvoiceLink } from './stripe-links.entity.js';
import { paymentErrorText } from './stripe-rules.js';
import type { StripeApi } from './stripe-client.js';
import { StripeMoneyEffects } from './stripe-money-effects.js';
import { bumpVersion, recordOrigins } from './stripe-money-statements.js';
import { scopeOf } from './stripe-connection.entity.js';
import { ClaimReads, type StripeReader } from './stripe-claim-reads.js';
import { confirmClosedInvoice, confirmRefundedCharge, readOrReject } from './stripe-confirmation.js';
import { translateStripeEvent } from './stripe-event-translation.js';
import { StripePayoutEffects } from './stripe-payout-effects.js';
import { StripeDisputeEffects } from './stripe-dispute-effects.js';
import { StripeRefundEffects } from './stripe-refund-effects.js';
import { noticeToAdmins } from './stripe-admin-notices.js';
import { queueInvoiceChanged } from './stripe.jobs.js';

/** How long after a failed-payment notice about an invoice further failures of it mail nobody. */
const PAYMENT_FAILED_QUIET_MINUTES = 60;

const idOf = (v: string | { id: string } | null | undefined) => (v == null ? null : typeof v === 'string' ? v : v.id);

/**
 * What each Stripe event does to Settle. Money always goes through the settlement service, keyed by
 * the Stripe id (PaymentIntent for payments, Refund for refunds), so replays change nothing.
 */
export class StripeEffects {
  readonly money: StripeMoneyEffects;
  private readonly payouts: StripePayoutEffects;
  private readonly disputes: StripeDisputeEffects;
  private readonly refunds: StripeRefundEffects;

  constructor(
    private readonly db: DataSource,
    private readonly c: Container,
    private readonly connections: StripeConnectionService,
  ) {
    this.money = new StripeMoneyEffects(c);
    this.payouts = new StripePayoutEffects(c, connections);
    this.disputes = new StripeDisputeEffects(c);
    this.refunds = new StripeRefundEffects(c);
  }

  /** The orgs' Stripe API clients (once per drained batch is enough). */
  providersFor(orgIds: string[]): Promise<Map<string, StripeApi>> {
    return this.connections.providersFor(orgIds);
  }

  /** Stripe reads for one event applied on its own (the processor passes its claim's shared reads). */
  readerFor(orgId: string): StripeReader {
    return new ClaimReads((org) => this.connections.providerFor(org)).for(orgId);
  }

  /**
   * Applies one event; returns its outcome. Throws StripeRejection when Stripe does not confirm what
   * the event would change (the processor marks it REJECTED), any other error to have it retried.
   */
  async apply(orgId: string, evt: Stripe.Event, stripe: StripeReader = this.readerFor(orgId)): Promise<string> {
    const actor = providerActor('stripe', evt.id);
    const cmd = translateStripeEvent(orgId, evt);
    switch (cmd.kind) {
      case 'PAYMENT_SUCCEEDED': {
        const prepared = await this.money.prepare(orgId, evt, stripe);
        const [outcome] = await this.db.transaction((tx) => this.money.applyBatch(tx, [{ orgId, evt, prepared }]));
        if (outcome instanceof Error) throw outcome;
        return outcome!;
      }
      case 'CHECKOUT_EXPIRED':
        return this.sessionExpired(orgId, cmd.ref);
      case 'PAYMENT_FAILED': {
        if (cmd.via === 'HOSTED_INVOICE')
          return this.paymentFailed(orgId, actor, evt, cmd.invoiceId, await this.invoiceFailureText(orgId, cmd.ref));
        if (cmd.via === 'CHECKOUT') return this.paymentFailed(orgId, actor, evt, cmd.invoiceId, cmd.reason!);
        // A retry may already have succeeded with the same PaymentIntent: then this failure is history.
        const pi = await stripe.read(`payment_intent:${cmd.ref}`, (p) =>
          readOrReject(`PaymentIntent ${cmd.ref}`, () => p.retrievePaymentIntent(cmd.ref)),
        );
        if (pi && pi.status !== 'requires_payment_method') return `ignored: the payment is now ${pi.status}`;
        const error = pi?.last_payment_error ?? (evt.data.object as Stripe.PaymentIntent).last_payment_error;
        return this.paymentFailed(orgId, actor, evt, cmd.invoiceId, paymentErrorText(error), {
          paymentIntent: cmd.ref,
          declineCode: error?.decline_code ?? error?.code ?? null,
        });
      }
      case 'REFUNDED':
        return this.refunded(orgId, actor, evt.data.object as Stripe.Charge, stripe);
      case 'REFUND_FAILED':
        return this.refunds.failed(orgId, actor, evt.data.object as Stripe.Refund, stripe);
      case 'VOIDED':
      case 'MARKED_UNCOLLECTIBLE':
        return this.stripeInvoiceClosed(
          orgId,
          actor,
          cmd.kind === 'VOIDED' ? 'invoice.voided' : 'invoice.marked_uncollectible',
          cmd.invoiceId,
          evt.data.object as Stripe.Invoice,
          stripe,
        );
      case 'DISPUTED':
      case 'DISPUTE_CLOSED':
        return this.disputes.apply(orgId, actor, evt.data.object as Stripe.Dispute, stripe);
      case 'PAYOUT_PAID':
        return this.payouts.paid(orgId, evt.data.object as Stripe.Payout, stripe);
      case 'PAYOUT_FAILED':
        return this.payouts.failed(orgId, evt.data.object as Stripe.Payout, stripe);
      case 'IGNORED':
        if (cmd.outcome.endsWith('is not used by Settle'))
          logger.info({ orgId, eventId: evt.id, type: evt.type }, 'stripe event acknowledged, nothing to do');
        return cmd.outcome;
    }
  }

  /**
   * An event of a Stripe account or mode the org no longer uses books nothing (the processor sets it
   * aside), but one saying money moved on a Settle invoice (a payment, a refund, a dispute) is money a
   * person must look at: the org's admins are told, in `tx`, with what the event says and where to check
   * it. Nothing is read from Stripe (the key of that account is not Settle's any more).
   */
  async foreignMoneyNotice(tx: EntityManager, orgId: string, evt: Stripe.Event, from: string): Promise<void> {
    const cmd = translateStripeEvent(orgId, evt);
    const o = evt.data.object as {
      payment_status?: string;
      amount?: number;
      amount_total?: number | null;
      amount_paid?: number;
      amount_received?: number;
      currency?: string;
    };
    let invoiceId: string | null;
    let what: string;
    const amount = (n: number | null | undefined) =>
      n != null && o.currency ? ` of ${formatMoney(n, o.currency.toUpperCase())}` : '';
    if (cmd.kind === 'PAYMENT_SUCCEEDED') {
      if (evt.type === 'checkout.session.completed' && o.payment_status !== 'paid') return;
      invoiceId = cmd.invoiceId;
      what = `a payment${amount(o.amount_total ?? o.amount_paid ?? o.amount_received)}`;
    } else if (
      cmd.kind === 'REFUNDED' ||
      cmd.kind === 'REFUND_FAILED' ||
      cmd.kind === 'DISPUTED' ||
      cmd.kind === 'DISPUTE_CLOSED'
    ) {
      const payment = cmd.paymentRef
        ? await tx.findOneBy(Payment, { orgId, source: PaymentSource.STRIPE, externalId: cmd.paymentRef })
        : null;
      invoiceId = payment?.invoiceId ?? null;
      what =
        cmd.kind === 'REFUNDED'
          ? 'a refund'
          : cmd.kind === 'REFUND_FAILED'
            ? `a refund that ${cmd.status}${amount(o.amount)}`
            : `a dispute${amount(o.amount)}`;
    } else return;
    const invoice = invoiceId ? await tx.findOneBy(Invoice, { orgId, id: invoiceId }) : null;
    if (!invoice) return;
    await noticeToAdmins(tx, this.c.email, invoice, {
      kind: 'payment_exception',
      subject: `Stripe reports ${what} on invoice ${invoice.number} in an account Settle no longer uses`,
      text: `Stripe account ${from}, which this organization no longer uses, reports ${what} on invoice ${invoice.number} (event ${evt.id}, ${evt.type}). Settle did not book it. Check it in that Stripe account and, if it is real, record it by hand; the event is in the Stripe event inspector.`,
    });
  }

  /** A session that completed stays complete: an expiry delivered (or processed) after it changes nothing. */
  private async sessionExpired(orgId: string, id: string): Promise<string> {
    const n = await affected(
      this.db,
      `UPDATE stripe_checkout_sessions SET status = 'expired' WHERE org_id = $1 AND id = $2 AND status <> 'complete'`,
      [orgId, id],
    );
    if (n) return 'session expired';
    const known = await this.db.getRepository(StripeCheckoutSession).existsBy({ orgId, id });
    return known ? 'ignored: the session is already complete' : 'ignored: not a Settle checkout session';
  }

  private async invoiceFailureText(orgId: string, stripeInvoiceId: string): Promise<string> {
    try {
      const provider = await this.connections.providerFor(orgId);
      const fresh = await provider!.retrieveInvoice(stripeInvoiceId, ['payments']);
      const pi = fresh.payments?.data.find((p) => p.payment.type === 'payment_intent')?.payment.payment_intent;
      if (pi) return paymentErrorText((await provider!.retrievePaymentIntent(idOf(pi)!)).last_payment_error);
    } catch (err) {
      logger.debug({ orgId, err: (err as Error).message }, 'no payment error details');
    }
    return 'The card payment failed';
  }

  /** Audit + admin notice; the last error shows in the portal unless a newer payment succeeded. */
  private async paymentFailed(
    orgId: string,
    actor: Actor,
    evt: Stripe.Event,
    invoiceId: string | null,
    text: string,
    intent?: { paymentIntent: string; declineCode: string | null },
  ): Promise<string> {
    if (!invoiceId) return 'ignored: not a Settle payment';
    return this.db.transaction(async (tx) => {
      // The invoice's row lock first, as a payment of it takes it before the invoice's `pay:` mark and
      // link: without it the two took those rows in opposite orders and deadlocked. Under the lock the
      // status read is the one a payment committing now leaves (a failure after it is history).
      const invoice = (await lockInvoices(tx, [{ orgId, id: invoiceId }])).get(invoiceKey(orgId, invoiceId));
      if (!invoice) return 'ignored: invoice not found';
      // A failed attempt on an invoice that is settled or cancelled is history: nobody needs an alarm.
      if (invoice.status === InvoiceStatus.PAID || invoice.status === InvoiceStatus.VOID)
        return `ignored: the invoice is already ${invoice.status}`;
      await this.c.audit.record(tx, orgId, actor, { type: 'Invoice', id: invoiceId }, 'invoice.payment_failed', null, {
        eventId: evt.id,
        type: evt.type,
        error: text,
      });
      const newest = await bumpVersion(tx, orgId, `pay:${invoiceId}`, evt.created, evt.id, 'failed');
      if (newest) {
        await tx.upsert(
          StripeInvoiceLink,
          { orgId, invoiceId, sendVia: 'CHECKOUT', lastPaymentError: text, lastPaymentErrorAt: new Date() },
          { conflictPaths: ['invoiceId'], skipUpdateIfNoValuesChanged: false },
        );
      }
      // A hosted invoice left open under the failed bank debit is brought in step with the balance now.
      if (evt.type === 'invoice.payment_failed') await queueInvoiceChanged(tx, orgId, invoiceId);
      // Anyone holding the pay link can fail a payment as often as they like: one notice an hour per invoice.
      await noticeToAdmins(
        tx,
        this.c.email,
        invoice,
        {
          kind: 'payment_failed',
          subject: `Payment failed for invoice ${invoice.number}`,
          text: `A Stripe payment for invoice ${invoice.number} failed: ${text}. The balance due is ${formatMoney(invoice.balanceDue, invoice.currency)}. Further failures within ${PAYMENT_FAILED_QUIET_MINUTES} minutes are in the invoice's timeline, not mailed.`,
        },
        { quietMinutes: PAYMENT_FAILED_QUIET_MINUTES },
      );
      if (intent)
        await this.c.events.emit(tx, 'stripe.payment-intent-failed', { orgId, invoiceId, ...intent, message: text });
      return `payment failed: ${text}`;
    });
  }

  /**
   * Refunds: the charge is read back from Stripe (it must be the recorded payment's and carry at least
   * the refunds the payload claims), then each refund Stripe lists for it is recorded once (its delta,
   * never the running total).
   */
  private async refunded(orgId: string, actor: Actor, ch: Stripe.Charge, stripe: StripeReader): Promise<string> {
    const pi = idOf(ch.payment_intent);
    const payment = pi
      ? await this.db.getRepository(Payment).findOneBy({ orgId, source: PaymentSource.STRIPE, externalId: pi })
      : null;
    if (!payment) return 'ignored: charge is not a recorded Settle payment';
    const fresh = await stripe.read(`charge:${ch.id}`, (p) =>
      readOrReject(`charge ${ch.id}`, () => p.retrieveCharge(ch.id)),
    );
    confirmRefundedCharge(ch, fresh);
    const listed = await stripe.read(`refunds:${ch.id}`, (p) => p.listRefunds(ch.id));
    const refunds = listed.filter(
      (r) => (r.status === 'succeeded' || r.status === 'pending') && idOf(r.charge) === ch.id,
    );
    const conn = await this.connections.find(orgId);
    const zone = await orgTimeZone(this.db, orgId);
    let recorded = 0;
    let lastRefund: string | null = null;
    for (const r of refunds) {
      const res = await this.c.settlement.settle(orgId, actor, {
        invoiceId: payment.invoiceId,
        amount: -r.amount,
        currency: r.currency,
        source: PaymentSource.STRIPE,
        method: payment.method,
        externalId: r.id,
        reference: `Stripe refund ${r.id}`,
        refundsPaymentId: payment.id,
        receivedOn: todayIn(zone, new Date(r.created * 1000)), // the day (org's wall) Stripe made it, however late booked
      });
      if (!res.replayed) recorded++;
      lastRefund = res.payment.id;
    }
    // A refund made in Stripe's dashboard settles the payment's open exception like Settle's own would.
    if (lastRefund) {
      const refunded = refunds.reduce((sum, r) => sum + r.amount, 0);
      await this.c.exceptionRemedies.closeRefundedAtProvider(orgId, actor, payment, refunded, lastRefund);
    }
    // Refunds are read with the current connection's key, so they were made in its account + mode.
    if (conn)
      await recordOrigins(
        this.db.manager,
        refunds.map((r) => ({ orgId, externalId: r.id, scope: scopeOf(conn) })),
      );
    return `refunds: ${refunds.length} on Stripe, ${recorded} newly recorded`;
  }

  /** Void / uncollectible done in Stripe's dashboard is reflected, for the Stripe invoice Settle currently uses. */
  private async stripeInvoiceClosed(
    orgId: string,
    actor: Actor,
    type: 'invoice.voided' | 'invoice.marked_uncollectible',
    invoiceId: string,
    inv: Stripe.Invoice,
    stripe: StripeReader,
  ): Promise<string> {
    const link = await this.db
      .getRepository(StripeInvoiceLink)
      .findOneBy({ orgId, invoiceId, stripeInvoiceId: inv.id });
    if (!link) return 'ignored: a superseded Stripe invoice';
    // Closing a Settle invoice on a payload's word would let a forged event void it: ask Stripe first.
    const fresh = await stripe.read(`invoice-state:${inv.id}`, (p) =>
      readOrReject(`invoice ${inv.id}`, () => p.retrieveInvoice(inv.id)),
    );
    confirmClosedInvoice(orgId, type, inv, fresh);
    const invoice = await this.db.getRepository(Invoice).findOneByOrFail({ orgId, id: invoiceId });
    if (type === 'invoice.voided') {
      if (invoice.status === InvoiceStatus.VOID) return 'already void';
      if (invoice.status === InvoiceStatus.PAID) return 'ignored: the Settle invoice is paid';
      await this.c.invoices.void(orgId, actor, invoiceId);
      return 'voided in Settle';
    }
    if (invoice.status !== InvoiceStatus.SENT && invoice.status !== InvoiceStatus.PARTIALLY_PAID)
      return `ignored: invoice is ${invoice.status}`;
    await this.c.invoices.markUncollectible(orgId, actor, invoiceId);
    return 'marked uncollectible in Settle';
  }
}
