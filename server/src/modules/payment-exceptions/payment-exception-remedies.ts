import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, conflict, notFound } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import type { AuditService } from '../audit/audit.service.js';
import { MANUAL_PAYMENT_METHODS, Payment, PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { PaymentProviders } from '../payments/payment-provider.js';
import { heldOrShort, paidBackFacts } from '../payments/paid-back.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { refundThroughProvider } from '../payments/payment-refunds.js';
import type { SettlementService } from '../payments/settlement.service.js';
import type { SettleInput } from '../payments/settlement.types.js';
import { PaymentException, PaymentExceptionStatus } from './payment-exception.entity.js';
import { charCount, clipChars } from '../../platform/text-length.js';

/** Money recorded by a person or from the books (QuickBooks): it went back outside any payment provider. */
const RECORDED_OUTSIDE_PROVIDERS = new Set<PaymentSource>([PaymentSource.MANUAL, PaymentSource.QUICKBOOKS]);
const MAX_NOTE = 1000;

/**
 * What an admin does with an exception: refund the excess or dismiss it with a reason. Each runs in one
 * transaction holding the exception's row lock, so two clicks (or a refund racing a dismissal) resolve
 * it once; the refund itself is recorded through the settlement path, as a negative payment.
 */
export class PaymentExceptionRemedies {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly settlement: SettlementService,
    private readonly providers: PaymentProviders,
  ) {}

  /**
   * Money a payment provider took goes back through it (Stripe: a Refund on the PaymentIntent, with the
   * org's key), recorded from the refund the provider returned; the provider's later refund event
   * replays it harmlessly. Money QuickBooks or a person recorded went back outside Settle: it is
   * recorded as a manual refund, and `note` (how it was returned) is required.
   */
  async refund(orgId: string, actor: Actor, id: string, note?: string | null): Promise<PaymentException> {
    const text = note?.trim() || null;
    if (text && charCount(text) > MAX_NOTE) throw badInput('note', `The note can be at most ${MAX_NOTE} characters`);
    return this.db.transaction(async (tx) => {
      const { exc } = await this.lockForRemedy(tx, orgId, id);
      const payment = await tx.findOneByOrFail(Payment, { orgId, id: exc.paymentId });
      const input = RECORDED_OUTSIDE_PROVIDERS.has(exc.source)
        ? manualRefund(exc, payment, text)
        : await this.providerRefund(orgId, exc, payment);
      const settled = await this.settlement.settleIn(tx, orgId, actor, input);
      return this.resolve(tx, exc, actor, PaymentExceptionStatus.REFUNDED, text, settled.payment.id);
    });
  }

  async dismiss(orgId: string, actor: Actor, id: string, reason: string): Promise<PaymentException> {
    const text = reason?.trim() ?? '';
    if (!text)
      throw badInput('reason', 'Say why the money is kept (for example: the client asked to keep it on account)');
    if (charCount(text) > MAX_NOTE) throw badInput('reason', `The reason can be at most ${MAX_NOTE} characters`);
    return this.db.transaction(async (tx) => {
      const exc = await this.lockOpen(tx, orgId, id);
      return this.resolve(tx, exc, actor, PaymentExceptionStatus.DISMISSED, text, null);
    });
  }

  /**
   * Keeps the excess as credit on the client's account, in the caller's transaction (the client-credits
   * module writes the ledger row in it): the exception is closed under its row lock, once.
   */
  async keepAsCreditIn(tx: EntityManager, orgId: string, actor: Actor, id: string): Promise<PaymentException> {
    const { exc, invoice } = await this.lockForRemedy(tx, orgId, id);
    // No longer held on the invoice: a refund or a void must not give it back as well.
    await this.settlement.keepForClientIn(tx, actor, invoice, exc.paymentId, exc.amount);
    return this.resolve(tx, exc, actor, PaymentExceptionStatus.KEPT_AS_CREDIT, 'Kept as client credit', null);
  }

  /**
   * Money a provider refunded outside Settle (in Stripe's dashboard, say) on a payment that raised an
   * exception: once the refunds recorded on that payment cover the money not owed, its open exception is
   * closed as refunded, so nobody refunds the same excess again from Settle. `refunded` is the total
   * refunded on the payment (minor units, positive) and `refundPaymentId` the last refund Settle recorded.
   */
  async closeRefundedAtProvider(
    orgId: string,
    actor: Actor,
    payment: { id: string; source: PaymentSource },
    refunded: number,
    refundPaymentId: string,
  ): Promise<PaymentException[]> {
    return this.db.transaction(async (tx) => {
      const open = await tx.find(PaymentException, {
        where: { orgId, paymentId: payment.id, status: PaymentExceptionStatus.OPEN },
        lock: { mode: 'pessimistic_write' },
      });
      const covered = open.filter((exc) => refunded >= exc.amount);
      const note = `Refunded in ${this.providers.of(payment.source)?.name ?? payment.source}, outside Settle`;
      for (const exc of covered)
        await this.resolve(tx, exc, actor, PaymentExceptionStatus.REFUNDED, note, refundPaymentId);
      return covered;
    });
  }

  /**
   * The invoice's row lock first (as every change to its money takes it), then the open exception; and
   * its excess must still be there: money given back meanwhile by another path (a refund of the whole
   * payment, a memo to client credit) is not given back a second time.
   */
  private async lockForRemedy(tx: EntityManager, orgId: string, id: string) {
    const found = await tx.findOneBy(PaymentException, { orgId, id });
    if (!found) throw notFound('Payment exception');
    const invoice = await lockInvoice(tx, orgId, found.invoiceId);
    const exc = await this.lockOpen(tx, orgId, id);
    const short = heldOrShort(invoice, await paidBackFacts(tx, invoice));
    if (short < 0)
      throw conflict(
        `${formatMoney(-short, exc.currency)} of this excess went back to the client already (refunded or kept as credit); dismiss the exception with a note instead`,
      );
    return { exc, invoice };
  }

  private async lockOpen(tx: EntityManager, orgId: string, id: string): Promise<PaymentException> {
    const exc = await tx.findOne(PaymentException, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
    if (!exc) throw notFound('Payment exception');
    if (exc.status !== PaymentExceptionStatus.OPEN)
      throw conflict(`This payment exception is already ${exc.status.toLowerCase().replace(/_/g, ' ')}`);
    return exc;
  }

  private async providerRefund(orgId: string, exc: PaymentException, payment: Payment): Promise<SettleInput> {
    const provider = this.providers.of(exc.source);
    if (!provider || !exc.providerPaymentId)
      throw conflict(
        `Settle cannot refund through ${exc.source} here; refund it there, then dismiss this exception saying so`,
      );
    // The exception id keys the request, so a retry or a double click gets the same refund back.
    const req = {
      orgId,
      payment,
      amount: exc.amount,
      idempotencyKey: `settle-exception-refund-${exc.id}`,
      reason: { paymentExceptionId: exc.id },
    };
    return { ...(await refundThroughProvider(provider, req, 'payment exception')), invoiceId: exc.invoiceId };
  }

  private async resolve(
    tx: EntityManager,
    exc: PaymentException,
    actor: Actor,
    status: PaymentExceptionStatus,
    note: string | null,
    refundPaymentId: string | null,
  ): Promise<PaymentException> {
    const before = { ...exc };
    Object.assign(exc, {
      status,
      resolutionNote: note,
      refundPaymentId,
      resolvedAt: new Date(),
      resolvedByType: actor.type,
      resolvedById: actor.id,
      resolvedByLabel: actor.label,
    });
    await tx.save(exc);
    const action = {
      REFUNDED: 'invoice.payment_exception_refunded',
      DISMISSED: 'invoice.payment_exception_dismissed',
      KEPT_AS_CREDIT: 'invoice.payment_exception_kept_as_credit',
      OPEN: 'invoice.payment_exception_reopened',
    }[status];
    await this.audit.record(
      tx,
      exc.orgId,
      actor,
      { type: 'Invoice', id: exc.invoiceId },
      action,
      { paymentException: before },
      {
        paymentException: { ...exc, amountText: formatMoney(exc.amount, exc.currency) },
      },
    );
    return exc;
  }
}

/** Money returned outside any provider Settle can drive: a manual refund, once per exception. */
function manualRefund(exc: PaymentException, payment: Payment, note: string | null): SettleInput {
  if (!note) throw badInput('note', 'Say how the money was returned (for example: check 1042 mailed to the client)');
  return {
    invoiceId: exc.invoiceId,
    amount: -exc.amount,
    currency: exc.currency,
    source: PaymentSource.MANUAL,
    method: MANUAL_PAYMENT_METHODS.includes(payment.method) ? payment.method : PaymentMethod.OTHER,
    externalId: `payment-exception:${exc.id}`,
    // An exception raised by a correction (an ADJUSTMENT) gives back money of the payment it corrected.
    refundsPaymentId: payment.adjustsPaymentId ?? payment.id,
    reference: clipChars(`Refund (payment exception): ${note}`, 200),
  };
}
