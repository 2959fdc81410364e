import type Stripe from 'stripe';
import type { DataSource, EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import type { StripeConnectionService } from '../stripe/stripe-connection.service.js';
import { bookOffSessionIntent } from '../stripe/stripe-off-session.js';
import { noticeToAdmins } from '../stripe/stripe-admin-notices.js';
import { AutopayAttempt } from './autopay.entities.js';
import { sweepInBatches } from './autopay-batches.js';

const DAY_MS = 86_400_000;
/**
 * A US bank debit (ACH) settles within 4 business days: 7 calendar days covers a weekend and a bank
 * holiday. A PROCESSING attempt older than that whose webhook has not come is asked of Stripe.
 */
export const STALLED_AFTER_DAYS = 7;
/** Still processing at Stripe after twice that: no longer normal, a person must look (admins are told once). */
export const ALERT_AFTER_DAYS = 14;

export type StalledOutcome = 'succeeded' | 'declined' | 'processing' | 'alerted' | 'skipped';

/**
 * PROCESSING attempts to look at: those past the bound, and any whose PaymentIntent is booked already (its
 * payment_intent.succeeded came, which books the money but leaves the attempt row as it was).
 */
const STALLED_SQL = `
  SELECT t.org_id, t.id, t.attempted_at::text AS attempted_at
    FROM autopay_attempts t
   WHERE t.status = 'PROCESSING' AND t.payment_intent_id IS NOT NULL
     AND (t.attempted_at <= $1 OR EXISTS (
           SELECT 1 FROM payments p WHERE p.org_id = t.org_id AND p.source = 'STRIPE' AND p.external_id = t.payment_intent_id))
     AND (t.attempted_at, t.id) > ($2::timestamptz, $3::uuid)
   ORDER BY t.attempted_at, t.id
   LIMIT $4`;

/** Records a PROCESSING debit that failed at Stripe as declined, with its retry (AutopayCharger.intentFailed). */
type DebitFailed = (
  tx: EntityManager,
  e: { orgId: string; invoiceId: string; paymentIntent: string; declineCode: string | null; message: string },
) => Promise<boolean>;

/** Autopay bank debits whose outcome never reached Settle, asked of Stripe (the autopay job runs it first). */
export class StalledDebits {
  constructor(
    private readonly db: DataSource,
    private readonly c: Container,
    private readonly connections: StripeConnectionService,
    private readonly failed: DebitFailed,
  ) {}

  /**
   * Bank debits whose outcome never reached Settle (a payment_intent.succeeded or payment_failed webhook
   * lost for good) would hold the invoice for ever: reminders postponed, Checkout refused, no retry. Each
   * PROCESSING attempt older than STALLED_AFTER_DAYS is asked of Stripe under the invoice lock: succeeded
   * is booked through the one settlement path from Stripe's answer (as its webhook would), failed or
   * canceled is recorded DECLINED with its retry and the client emailed (as a failed debit is), and one
   * still processing after ALERT_AFTER_DAYS stays so but is raised to the org's admins, once. Runs on
   * the autopay schedule, before the charges.
   */
  check(now = this.c.clock.now(), batchSize = 200): Promise<Record<StalledOutcome, number>> {
    const bound = new Date(now.getTime() - STALLED_AFTER_DAYS * DAY_MS);
    // Read on a batch at a time: debits still processing stay first (oldest), and would hide the rest.
    return sweepInBatches<{ org_id: string; id: string; attempted_at: string }, StalledOutcome>({
      counts: { succeeded: 0, declined: 0, processing: 0, alerted: 0, skipped: 0 },
      batchSize,
      start: '-infinity',
      read: (at, id, limit) => this.db.query(STALLED_SQL, [bound, at, id, limit]),
      key: (r) => r.attempted_at,
      decide: (r) => this.checkAttempt(r.org_id, r.id, now),
      // Stripe unreachable, or it cannot say: the next sweep asks again (and the alert bound still applies).
      notDecided: (r, err) =>
        logger.warn({ orgId: r.org_id, attempt: r.id, err: err.message }, 'stalled autopay debit not checked'),
      summary: 'autopay stalled debits checked',
    });
  }

  /** One PROCESSING attempt, decided under its invoice's row lock from what Stripe says now. */
  async checkAttempt(orgId: string, attemptId: string, now = this.c.clock.now()): Promise<StalledOutcome> {
    const first = await this.db.getRepository(AutopayAttempt).findOneBy({ orgId, id: attemptId });
    if (!first?.paymentIntentId || first.status !== 'PROCESSING') return 'skipped';
    const conn = await this.connections.require(orgId);
    const api = this.connections.provider(conn);
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, first.invoiceId);
      const attempt = await tx.findOneBy(AutopayAttempt, { orgId, id: attemptId, status: 'PROCESSING' });
      if (!attempt?.paymentIntentId) return 'skipped';
      const pid = attempt.paymentIntentId;
      const booked = await tx.existsBy(Payment, { orgId, source: PaymentSource.STRIPE, externalId: pid });
      if (booked) {
        await tx.update(AutopayAttempt, { id: attempt.id }, { status: 'SUCCEEDED' });
        return 'succeeded';
      }
      const age = now.getTime() - attempt.attemptedAt.getTime();
      if (age < STALLED_AFTER_DAYS * DAY_MS) return 'skipped';
      let pi: Stripe.PaymentIntent;
      try {
        pi = await api.retrievePaymentIntent(pid, ['latest_charge']);
      } catch (err) {
        // Not answered (Stripe down, a key that no longer reaches it): asked again next sweep, raised once late.
        if (age < ALERT_AFTER_DAYS * DAY_MS) throw err;
        const why = `Stripe could not be asked: ${(err as Error).message}`;
        return (await this.alert(tx, invoice, attempt, now, why)) ? 'alerted' : 'skipped';
      }
      if (pi.metadata?.settle_invoice_id !== invoice.id)
        throw new Error(`PaymentIntent ${pid} is not invoice ${invoice.id}'s at Stripe`);
      if (pi.status === 'succeeded') {
        await bookOffSessionIntent(this.c, tx, conn, invoice.id, pi);
        await tx.update(AutopayAttempt, { id: attempt.id }, { status: 'SUCCEEDED' });
        logger.warn(
          { orgId, invoiceId: invoice.id, paymentIntent: pid },
          'stalled autopay debit succeeded at Stripe: booked',
        );
        return 'succeeded';
      }
      if (pi.status === 'requires_payment_method' || pi.status === 'canceled') {
        const err = pi.last_payment_error;
        const message =
          err?.message ?? (pi.status === 'canceled' ? 'The bank debit was canceled' : 'The bank debit failed');
        await this.failed(tx, {
          orgId,
          invoiceId: invoice.id,
          paymentIntent: pid,
          declineCode: err?.decline_code ?? err?.code ?? (pi.status === 'canceled' ? 'canceled' : null),
          message,
        });
        await noticeToAdmins(tx, this.c.email, invoice, {
          kind: 'payment_failed',
          subject: `Payment failed for invoice ${invoice.number}`,
          text: `The automatic bank debit ${pid} for invoice ${invoice.number} failed at Stripe (${message}); Stripe's webhook about it never reached Settle, so Settle asked Stripe. The balance due is ${formatMoney(invoice.balanceDue, invoice.currency)}; the debit is retried on the autopay schedule.`,
        });
        logger.warn(
          { orgId, invoiceId: invoice.id, paymentIntent: pid },
          'stalled autopay debit failed at Stripe: declined',
        );
        return 'declined';
      }
      if (age < ALERT_AFTER_DAYS * DAY_MS) return 'processing';
      return (await this.alert(tx, invoice, attempt, now, `Stripe says it is ${pi.status}`)) ? 'alerted' : 'processing';
    });
  }

  /**
   * A debit still not settled long past its time: its attempt says so (staff read it on the client and
   * invoice pages) and the org's admins are emailed, once per attempt. The attempt stays PROCESSING: the
   * money may still come, so nothing else is charged or offered meanwhile.
   */
  private async alert(
    tx: EntityManager,
    invoice: Invoice,
    attempt: AutopayAttempt,
    now: Date,
    why: string,
  ): Promise<boolean> {
    if (attempt.message) return false;
    const days = Math.floor((now.getTime() - attempt.attemptedAt.getTime()) / DAY_MS);
    const message = `Still not settled ${days} days after it was started (${why}); Settle keeps asking Stripe. Until it settles, reminders wait and the invoice takes no other online payment: check it with Stripe, and cancel the PaymentIntent there if it will not settle.`;
    await tx.update(AutopayAttempt, { id: attempt.id }, { message });
    await noticeToAdmins(tx, this.c.email, invoice, {
      kind: 'payment_stalled',
      subject: `Bank debit for invoice ${invoice.number} is still processing`,
      text: `The automatic bank debit ${attempt.paymentIntentId} of ${formatMoney(attempt.amount, attempt.currency)} for invoice ${invoice.number}: ${message}`,
    });
    logger.warn(
      { orgId: invoice.orgId, invoiceId: invoice.id, paymentIntent: attempt.paymentIntentId, days },
      'autopay debit stalled: admins told',
    );
    return true;
  }
}
