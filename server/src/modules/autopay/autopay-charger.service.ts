import type Stripe from 'stripe';
import { LessThan, type DataSource, type EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import { portalOpenTo } from '../clients/client-portal.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment, PaymentKind } from '../payments/payment.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { orgTimeZone } from '../organizations/org-today.js';
import { Organization } from '../organizations/organization.entity.js';
import { todayIn } from '../../platform/time-zone.js';
import { isOpenForPayment, type CheckoutLinkService } from '../stripe/checkout-link.service.js';
import type { StripeApi } from '../stripe/stripe-client.js';
import type { StripeConnectionService } from '../stripe/stripe-connection.service.js';
import { paymentBeingConfirmed } from '../stripe/stripe-inbox.js';
import { bookOffSessionIntent } from '../stripe/stripe-off-session.js';
import { stripeChargeable, toStripeCurrency } from '../stripe/stripe-rules.js';
import { queueInvoiceChanged } from '../stripe/stripe.jobs.js';
import type { StripeConnection } from '../stripe/stripe-connection.entity.js';
import {
  hostedDebitProcessing,
  hostedTookMoney,
  invoiceIntentsAtStripe,
  readHostedInvoice,
  unbooked,
} from '../stripe/stripe-in-flight.js';
import { AutopayAttempt, AutopaySetting } from './autopay.entities.js';
import { sweepInBatches } from './autopay-batches.js';
import {
  autopayKey,
  DUE_SQL,
  BELOW_MINIMUM,
  belowStripeStep,
  declineOf,
  nextAttemptAt,
  refused,
  tookMoney,
  unrecordedCharges,
} from './autopay-rules.js';
import type { SavedMethodsService } from './saved-methods.service.js';
import type { AutopayHoldsService } from './autopay-holds.service.js';
import { chargeTiming } from './autopay-settings.service.js';
import { StalledDebits, type StalledOutcome } from './autopay-stalled-debits.js';
import { declineEmail } from './autopay-decline-email.js';
import { lastAttemptSkip, QUIET_SKIPS, skipped, type ChargeOutcome, type ChargeResult } from './autopay-skips.js';

/**
 * Autopay: charges the balance of due invoices off-session to the client's default saved method. The
 * money is booked through the one settlement path, keyed by the PaymentIntent, from what Stripe answers
 * to the charge (in the transaction holding the invoice lock, so no Checkout payment slips in between);
 * the PaymentIntent carries Settle's invoice id in its metadata, so its payment_intent.succeeded event
 * (confirmed with Stripe) books the same money when the process died before committing, and is a
 * replay otherwise. A bank debit (`processing`) is booked by that event when it settles. A decline is recorded, the client is
 * emailed a pay link and a link to update the method, and the charge is tried again 3, 5 and 7 days
 * later by the container's clock.
 */
export class AutopayCharger {
  constructor(
    private readonly db: DataSource,
    private readonly c: Container,
    private readonly connections: StripeConnectionService,
    private readonly checkout: CheckoutLinkService,
    private readonly methods: SavedMethodsService,
    private readonly holds: AutopayHoldsService,
  ) {
    this.stalled = new StalledDebits(db, c, connections, (tx, e) => this.intentFailed(tx, e));
  }

  private readonly stalled: StalledDebits;

  /** Bank debits whose outcome never reached Settle, asked of Stripe (autopay-stalled-debits.ts). */
  checkStalled(now = this.c.clock.now(), batchSize?: number): Promise<Record<StalledOutcome, number>> {
    return this.stalled.check(now, batchSize);
  }

  /**
   * One sweep: every invoice due a charge at the clock's now, read in (due date, id) order a batch at a
   * time. Invoices left due (no saved method, an org whose Stripe key fails, a payment in flight) stay
   * first in that order, so a sweep that read one batch only would never reach the rest: it reads on.
   */
  runDue(now = this.c.clock.now(), batchSize = 500): Promise<Record<ChargeOutcome, number>> {
    return sweepInBatches<{ org_id: string; id: string; due_date: string; time_zone: string }, ChargeOutcome>({
      counts: { charged: 0, recovered: 0, processing: 0, declined: 0, skipped: 0 },
      batchSize,
      start: '0001-01-01',
      read: (dueDate, id, limit) => this.db.query(DUE_SQL, [now, dueDate, id, limit]),
      key: (r) => r.due_date,
      decide: (r) => this.chargeInvoice(r.org_id, r.id, now, r.time_zone),
      // Not a decline (network, Stripe down, a Checkout payment in flight): the next sweep tries again.
      notDecided: (r, err) =>
        logger.warn({ orgId: r.org_id, invoiceId: r.id, err: err.message }, 'autopay charge not made'),
      summary: 'autopay sweep',
    });
  }

  /**
   * One invoice, decided and charged under its row lock (the lock settlement takes, so a payment booked
   * meanwhile is seen, and a Checkout start waits). The attempt row is written in the same transaction
   * as the Stripe call's result; the unique (invoice, attempt) pair, the idempotency key made of it and
   * the amount, and the look at Stripe for a charge whose row was lost (recoverLost) keep a second
   * worker, or a sweep after a crash, from charging twice.
   */
  async chargeInvoice(
    orgId: string,
    invoiceId: string,
    now = this.c.clock.now(),
    timeZone?: string,
  ): Promise<ChargeOutcome> {
    return (await this.chargeInvoiceExplained(orgId, invoiceId, now, timeZone)).outcome;
  }

  /**
   * chargeInvoice, saying which guard stopped it when nothing was charged (`skip`): logged with the org
   * and invoice ids (info when a payment may be under way, debug for the everyday reasons), and kept as the
   * invoice's hold for staff to see (a charge made clears it). The hold is a view: when it cannot be written
   * the decision stands, and the next sweep writes it.
   */
  async chargeInvoiceExplained(
    orgId: string,
    invoiceId: string,
    now = this.c.clock.now(),
    /** The org's time zone when the caller read it already (the sweep, with its rows); else read here. */
    timeZone?: string,
  ): Promise<ChargeResult> {
    const result = await this.decide(orgId, invoiceId, now, timeZone);
    if (result.outcome === 'skipped') {
      const level = QUIET_SKIPS.has(result.skip) ? 'debug' : 'info';
      logger[level]({ orgId, invoiceId, skip: result.skip }, `autopay: nothing charged (${result.skip})`);
    }
    await this.holds
      .record(orgId, invoiceId, result, now)
      .catch((err: Error) => logger.warn({ orgId, invoiceId, err: err.message }, 'autopay hold not recorded'));
    return result;
  }

  private async decide(orgId: string, invoiceId: string, now: Date, timeZone?: string): Promise<ChargeResult> {
    const unlocked = await this.db.getRepository(Invoice).findOneBy({ orgId, id: invoiceId });
    if (!unlocked) return skipped('INVOICE_NOT_FOUND');
    if (await paymentBeingConfirmed(this.db, orgId, invoiceId)) return skipped('STRIPE_EVENT_PENDING');
    const clientId = unlocked.clientId;
    // Read before the lock (network): no default method, nothing is charged; the emailed pay link stands.
    const method = await this.methods.defaultMethod(orgId, clientId);
    if (!method) return skipped('NO_DEFAULT_METHOD');
    const conn = await this.connections.require(orgId);
    const api = this.connections.provider(conn);
    return this.db.transaction(async (tx): Promise<ChargeResult> => {
      const invoice = await lockInvoice(tx, orgId, invoiceId);
      if (!isOpenForPayment(invoice)) return skipped('NOT_OPEN');
      if (invoice.disputed) return skipped('DISPUTED');
      if (!(await this.isDue(tx, invoice, now, timeZone))) return skipped('NOT_DUE');
      if (await tx.existsBy(Payment, { orgId, invoiceId, kind: PaymentKind.REFUND })) return skipped('REFUNDED');
      // A payment taken off again (voided as recorded by mistake, a check voided in QuickBooks): the client may
      // have paid it already (the right amount, say), so a charge on top is staff's call, as after a refund.
      if (await tx.existsBy(Payment, { orgId, invoiceId, kind: PaymentKind.ADJUSTMENT, amount: LessThan(0) }))
        return skipped('PAYMENT_CORRECTED');
      if (!(await tx.findOneBy(AutopaySetting, { orgId, clientId, enabled: true }))) return skipped('AUTOPAY_OFF');
      const last = await tx.findOne(AutopayAttempt, { where: { orgId, invoiceId }, order: { attemptNo: 'DESC' } });
      const lastSkip = last && lastAttemptSkip(last, now);
      if (lastSkip) return skipped(lastSkip);
      // Paid on a page Settle does not run (QuickBooks' Pay Now) and not read back yet (its webhook lost, the
      // poll not come round): not taken again. When that cannot be told now it throws, and a later sweep asks.
      const paidElsewhere = await this.c.paymentProviders.unbookedElsewhere(orgId, invoiceId);
      if (paidElsewhere) {
        logger.info({ orgId, invoiceId, paidElsewhere }, 'autopay: payment not read back yet, nothing charged');
        return skipped('PAID_ELSEWHERE');
      }
      // Open Checkout sessions are expired first (refused when one completed): one payment per balance.
      await this.checkout.expireAllOrRefuse(tx, api, invoice);
      // A hosted Stripe invoice the client may have just paid (its webhook still on the way), or is paying
      // by a bank debit still processing there (money that may yet come): not charged twice.
      const hosted = await readHostedInvoice(tx, api, conn, invoice);
      if (hosted && hostedTookMoney(hosted.live)) return skipped('HOSTED_INVOICE_PAID');
      if (hosted && (await hostedDebitProcessing(api, hosted.live))) return skipped('HOSTED_DEBIT_PROCESSING');
      // Stripe is asked first what became of charges whose transaction was lost (no attempt row).
      const lost = await this.recoverLost(tx, api, conn, invoice, method.customer, (last?.attemptNo ?? 0) + 1);
      if (lost.inFlight) return skipped('PAYMENT_IN_FLIGHT');
      if (lost.processing) return { outcome: 'processing' };
      if (lost.recovered) {
        // Booked above: charged again only if a balance is still open (the lost charge was smaller).
        const fresh = await lockInvoice(tx, orgId, invoiceId);
        if (!isOpenForPayment(fresh) || fresh.balanceDue <= 0) return { outcome: 'recovered' };
        return { outcome: await this.charge(tx, api, conn, fresh, method, lost.nextAttemptNo, now) };
      }
      return { outcome: await this.charge(tx, api, conn, invoice, method, lost.nextAttemptNo, now) };
    });
  }

  /**
   * Asks Stripe for this invoice's autopay PaymentIntents that Settle has no attempt row of (the charge's
   * transaction died after Stripe answered, and its event has not booked it yet). A succeeded one is
   * booked through the one settlement path from Stripe's own answer (read with the org's key, like a
   * retrieve) and recorded as the attempt it was; a debit still processing is recorded and stops this
   * sweep. A PaymentIntent of the invoice made another way (Checkout on this customer) that Stripe holds
   * money for and Settle has not booked stops it too (`inFlight`). Only then may the current balance be
   * charged, under a key of (attempt, amount), so the money already taken is never taken again.
   */
  private async recoverLost(
    tx: EntityManager,
    api: StripeApi,
    conn: StripeConnection,
    invoice: Invoice,
    customer: string,
    attemptNo: number,
  ): Promise<{ nextAttemptNo: number; recovered: boolean; processing: boolean; inFlight: boolean }> {
    const rows = await tx.find(AutopayAttempt, {
      where: { orgId: invoice.orgId, invoiceId: invoice.id },
      select: { paymentIntentId: true },
    });
    const recorded = new Set(rows.map((r) => r.paymentIntentId).filter((id): id is string => !!id));
    const intents = await invoiceIntentsAtStripe(api, invoice, customer);
    // Money of the invoice taken another way on this customer (a Checkout bank debit still processing,
    // a card payment whose webhook is late) and not booked yet: nothing is charged on top of it.
    const elsewhere = await unbooked(
      tx,
      invoice,
      intents.filter((pi) => pi.metadata?.settle_autopay !== 'true'),
    );
    if (elsewhere.length) return { nextAttemptNo: attemptNo, recovered: false, processing: false, inFlight: true };
    const lost = unrecordedCharges(intents, invoice.id, recorded);
    let next = attemptNo;
    for (const pi of lost) {
      await this.book(tx, conn, invoice, pi);
      await tx.insert(AutopayAttempt, {
        orgId: invoice.orgId,
        invoiceId: invoice.id,
        attemptNo: next++,
        amount: pi.amount,
        currency: invoice.currency,
        attemptedAt: new Date(pi.created * 1000),
        ...tookMoney(pi),
      });
      logger.warn(
        { orgId: invoice.orgId, invoiceId: invoice.id, paymentIntent: pi.id },
        'autopay lost charge recovered',
      );
    }
    return {
      nextAttemptNo: next,
      recovered: lost.length > 0,
      processing: lost.some((pi) => pi.status === 'processing'),
      inFlight: false,
    };
  }

  /**
   * Books a charge that took the money (or is debiting it), and closes the invoice's other pay links at
   * Stripe under the same lock: the hosted Stripe invoice is marked paid out of band (voided for a part,
   * or while a bank debit is processing: reissued if it fails, see intentFailed). Left open, the client
   * could pay it until the balance sync got to it, or all the days a debit takes, and pay twice. The
   * charge stands if they cannot be closed now (Stripe unreachable): the sync closes them later.
   */
  private async book(tx: EntityManager, conn: StripeConnection, invoice: Invoice, pi: Stripe.PaymentIntent) {
    if (pi.status !== 'succeeded' && pi.status !== 'processing') return;
    const paid = pi.status === 'succeeded' ? pi.amount_received : undefined;
    await this.c.paymentProviders
      .closePayLinks(tx, invoice.orgId, invoice, paid)
      .catch((err: Error) =>
        logger.warn({ orgId: invoice.orgId, invoiceId: invoice.id, err: err.message }, 'autopay: pay links not closed'),
      );
    await bookOffSessionIntent(this.c, tx, conn, invoice.id, pi);
  }

  /** Charges the invoice's balance off-session as attempt `attemptNo` and records the outcome (in `tx`). */
  private async charge(
    tx: EntityManager,
    api: StripeApi,
    conn: StripeConnection,
    invoice: Invoice,
    method: { customer: string; method: string },
    attemptNo: number,
    now: Date,
  ): Promise<'charged' | 'processing' | 'declined'> {
    const { orgId, id: invoiceId } = invoice;
    const metadata = {
      settle_org_id: orgId,
      settle_invoice_id: invoice.id,
      settle_invoice_number: invoice.number,
      settle_autopay: 'true',
      settle_autopay_attempt: String(attemptNo),
    };
    // In a three-decimal currency Stripe takes the balance only rounded down; settlement credits the rest.
    const amount = stripeChargeable(invoice.balanceDue, invoice.currency);
    const base = {
      orgId,
      invoiceId,
      attemptNo,
      amount,
      currency: invoice.currency,
      attemptedAt: now,
    };
    try {
      // Less than one of Stripe's steps (KWD 0.005 after a part payment): refused as Stripe would, unasked.
      if (!amount) throw belowStripeStep(invoice.currency);
      const pi = await api.createPaymentIntent(
        {
          amount,
          currency: toStripeCurrency(invoice.currency),
          customer: method.customer,
          payment_method: method.method,
          off_session: true,
          confirm: true,
          description: `Invoice ${invoice.number}`,
          metadata,
          expand: ['latest_charge'],
        },
        autopayKey(invoice.id, attemptNo, invoice.balanceDue, method.method),
      );
      // Booked now, from Stripe's answer, under this lock (the payment_intent.succeeded event replays it).
      await this.book(tx, conn, invoice, pi);
      const processing = pi.status === 'processing';
      await tx.insert(AutopayAttempt, { ...base, ...tookMoney(pi) });
      logger.info({ orgId, invoiceId, attemptNo, paymentIntent: pi.id, status: pi.status }, 'autopay charged');
      return processing ? 'processing' : 'charged';
    } catch (err) {
      const decline = declineOf(err) ?? refused(err);
      if (!decline) throw err;
      // Below Stripe's minimum the same charge can never pass, nor can the pay link: staff collect it.
      const tooSmall = decline.code === BELOW_MINIMUM;
      const next = tooSmall ? null : nextAttemptAt(attemptNo, now);
      await tx.insert(AutopayAttempt, {
        ...base,
        status: 'DECLINED',
        paymentIntentId: decline.paymentIntent,
        methodBrand: decline.method.brand,
        methodLast4: decline.method.last4,
        declineCode: decline.code,
        message: decline.message,
        nextAttemptAt: next,
      });
      if (!tooSmall) await this.emailDecline(tx, invoice, invoice.clientId, decline, next, declineOf(err) === null);
      logger.info({ orgId, invoiceId, attemptNo, code: decline.code }, 'autopay declined');
      return 'declined';
    }
  }

  /**
   * A bank debit that was PROCESSING failed later (Stripe confirmed it): the attempt becomes DECLINED with
   * its retry, and the client is told, as for a card declined at once. Card declines were recorded when
   * made (their attempt is not PROCESSING), so a redelivered event changes nothing.
   */
  async intentFailed(
    tx: EntityManager,
    e: { orgId: string; invoiceId: string; paymentIntent: string; declineCode: string | null; message: string },
  ): Promise<boolean> {
    const attempt = await tx.findOne(AutopayAttempt, {
      where: { orgId: e.orgId, invoiceId: e.invoiceId, paymentIntentId: e.paymentIntent, status: 'PROCESSING' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!attempt) return false;
    const next = nextAttemptAt(attempt.attemptNo, this.c.clock.now());
    const code = e.declineCode ?? 'payment_failed';
    await tx.update(
      AutopayAttempt,
      { id: attempt.id },
      { status: 'DECLINED', declineCode: code, message: e.message, nextAttemptAt: next },
    );
    const invoice = await tx.findOneByOrFail(Invoice, { orgId: e.orgId, id: e.invoiceId });
    await this.emailDecline(tx, invoice, invoice.clientId, { code, message: e.message }, next);
    // The hosted Stripe invoice voided when the debit started is issued again for the balance.
    await queueInvoiceChanged(tx, e.orgId, e.invoiceId);
    return true;
  }

  /**
   * Due a charge: on or past its due date, or issued when the client's billing send method is AUTO_CHARGE,
   * both as of today on the org's wall (a New York invoice due on the 1st is not charged at 8 pm on the 31st).
   */
  private async isDue(tx: EntityManager, invoice: Invoice, now: Date, timeZone?: string): Promise<boolean> {
    const today = todayIn(timeZone ?? (await orgTimeZone(tx, invoice.orgId)), now);
    if (invoice.dueDate <= today) return true;
    if (invoice.issueDate > today) return false;
    return (await chargeTiming(tx, invoice.orgId, invoice.clientId)) === 'ISSUE_DATE';
  }

  /** The client hears of a decline with a pay link and a link to update the saved method. */
  private async emailDecline(
    tx: EntityManager,
    invoice: Invoice,
    clientId: string,
    decline: { code: string; message: string },
    next: Date | null,
    /** Stripe refused the request (refusalOf): its message is for staff (ids, parameters), not the client. */
    refusal = false,
  ): Promise<void> {
    const client = await tx.findOneByOrFail(Client, { orgId: invoice.orgId, id: clientId });
    const org = await tx.findOneByOrFail(Organization, { id: invoice.orgId });
    const links = {
      payUrl: this.checkout.payUrl(invoice),
      updateUrl: portalOpenTo(client) ? `${this.c.config.publicUrl}/portal/payment-methods` : null,
    };
    await this.c.email.queue(
      tx,
      invoice.orgId,
      declineEmail(invoice, client.billingEmail, decline, next, refusal, links, org),
    );
  }
}
