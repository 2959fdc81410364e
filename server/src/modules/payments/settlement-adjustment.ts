import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { notFound } from '../../platform/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { applyDerived, lockInvoice, saveMoneyStates } from '../invoices/invoice-state.js';
import { unfundedKeptCredit } from '../invoices/invoice-status.js';
import { orgToday } from '../organizations/org-today.js';
import type { PaymentExceptionService } from '../payment-exceptions/payment-exception.service.js';
import { exceptionFor } from '../payment-exceptions/payment-exception-rules.js';
import { Payment, PaymentKind, type PaymentSource } from './payment.entity.js';

/**
 * What a payment can change on an invoice, with what identifies it: the audit row of a payment records
 * these rather than the whole invoice (whose memo, notes and dates a payment never touches).
 */
export const moneyState = (i: Invoice) => ({
  id: i.id,
  number: i.number,
  currency: i.currency,
  total: i.total,
  status: i.status,
  amountPaid: i.amountPaid,
  amountKeptAsCredit: i.amountKeptAsCredit,
  amountCredited: i.amountCredited,
  balanceDue: i.balanceDue,
  paidAt: i.paidAt,
});

/** A recorded payment changed or deleted where it was booked (the books): what now stands of it. */
export interface AdjustInput {
  /** The payment (kind PAYMENT) being corrected. */
  paymentId: string;
  /** What now stands of it, minor units of the invoice currency: 0 when it was deleted. */
  amount: number;
  /** Who reported the change (its source on the adjustment row). */
  source: PaymentSource;
  /** The provider's id of this change: the same change reported twice adjusts once. */
  externalId: string;
  reference: string;
  /**
   * Set when the payment was voided or deleted where it was booked (`amount` 0): the words `payment.voided`
   * carries ("Voided in QuickBooks"). Announced with the adjustment row, so once per void: a replay of the
   * change writes no row and announces nothing.
   */
  voidReason?: string;
}

export interface AdjustResult {
  /** The adjustment row written (amount: the difference), or null when nothing changed or it was a replay. */
  adjustment: Payment | null;
  invoice: Invoice;
  replayed: boolean;
}

export interface AdjustDeps {
  audit: AuditService;
  events: DomainEventBus;
  exceptions: PaymentExceptionService;
}

/**
 * The settlement path for a correction: under the invoice row lock, what stands of the payment (its
 * amount plus its earlier adjustments) becomes `input.amount` by one ADJUSTMENT row of the difference,
 * unique on (org, source, externalId) like every provider movement. The status is derived again (a
 * deleted payment reopens a PAID invoice), audited, and the balance change announced. An increase past
 * the balance is raised as a payment exception like any overpayment. A decrease below what of the
 * invoice's payments was kept as the client's credit takes that credit back (`invoice.kept-credit-unfunded`).
 */
export async function adjustPaymentIn(
  tx: EntityManager,
  deps: AdjustDeps,
  orgId: string,
  actor: Actor,
  input: AdjustInput,
): Promise<AdjustResult> {
  const original = await tx.findOneBy(Payment, { orgId, id: input.paymentId, kind: PaymentKind.PAYMENT });
  if (!original) throw notFound('Payment');
  const invoice = await lockInvoice(tx, orgId, original.invoiceId);
  const { amount, source, externalId, reference } = input;
  const action = amount === 0 ? 'invoice.payment_reversed' : 'invoice.payment_adjusted';
  const r = await correctPaymentIn(tx, deps, orgId, actor, {
    original,
    invoice,
    amount,
    source,
    externalId,
    reference,
    action,
  });
  // Integrators mirroring payments learn of a void in the books as of one in Settle (voidPayment).
  if (input.voidReason !== undefined && amount === 0 && r.adjustment)
    await deps.events.emit(tx, 'payment.voided', {
      orgId,
      actor,
      invoice: r.invoice,
      payment: original,
      adjustment: r.adjustment,
      reason: input.voidReason,
    });
  return r;
}

/** One correction of a recorded payment or refund, its invoice already locked by the caller. */
export interface Correction extends Omit<AdjustInput, 'paymentId'> {
  original: Payment;
  /** The original's invoice, locked (FOR UPDATE) in this transaction. */
  invoice: Invoice;
  /** The audit action. */
  action: string;
  /** The payment that money coming back past the balance is raised against (default: the adjustment row). */
  raiseOn?: Payment;
}

/**
 * What adjustPaymentIn does once the invoice is locked: the ADJUSTMENT row of the difference between what
 * stands of `original` and `amount` (nothing when a row with this externalId exists, or nothing differs),
 * the invoice's amounts and status derived again, credit kept out of money now gone taken back, the audit
 * row, a payment exception for money past the balance, and `invoice.balance-changed`.
 */
export async function correctPaymentIn(
  tx: EntityManager,
  deps: AdjustDeps,
  orgId: string,
  actor: Actor,
  c: Correction,
): Promise<AdjustResult> {
  const { original, invoice } = c;
  const prior = await tx.findOneBy(Payment, { orgId, source: c.source, externalId: c.externalId });
  if (prior) return { adjustment: null, invoice, replayed: true };
  const [row] = (await tx.query(
    `SELECT coalesce(sum(amount), 0)::bigint AS adjusted FROM payments WHERE org_id = $1 AND adjusts_payment_id = $2`,
    [orgId, original.id],
  )) as Array<{ adjusted: string }>;
  const standing = original.amount + Number(row!.adjusted);
  const delta = c.amount - standing;
  if (delta === 0) return { adjustment: null, invoice, replayed: false };

  const before = Object.assign(new Invoice(), invoice);
  const adjustment = await tx.save(
    Object.assign(new Payment(), {
      orgId,
      invoiceId: invoice.id,
      clientId: invoice.clientId,
      kind: PaymentKind.ADJUSTMENT,
      amount: delta,
      currency: invoice.currency,
      source: c.source,
      method: original.method,
      reference: c.reference,
      externalId: c.externalId,
      receivedOn: await orgToday(tx, orgId, new Date()), // the day of the change on the org's wall
      actorType: actor.type,
      actorId: actor.id,
      adjustsPaymentId: original.id,
      keptAsCredit: 0,
    }),
  );
  invoice.amountPaid += delta;
  applyDerived(invoice);
  await saveMoneyStates(tx, [invoice]);
  // Money taken away that had become the client's credit (paid 100.00, 30.00 of it kept as credit, the
  // payment deleted): the credit is taken back in this transaction, before anything reads the balance.
  const unfunded = delta < 0 ? unfundedKeptCredit(invoice) : 0;
  if (unfunded > 0)
    await deps.events.emit(tx, 'invoice.kept-credit-unfunded', { orgId, actor, invoice, cause: adjustment, unfunded });
  await deps.audit.record(tx, orgId, actor, { type: 'Invoice', id: invoice.id }, c.action, moneyState(before), {
    ...moneyState(invoice),
    payment: original,
    adjustment,
    standing: c.amount,
  });
  // Money past the balance that open exceptions wait on may be what was taken away: they claim what is left.
  if (delta < 0) await deps.exceptions.shrinkIn(tx, actor, invoice, c.reference ?? 'the payment was corrected');
  const exception = delta > 0 ? exceptionFor(before, delta) : null;
  if (exception)
    await deps.exceptions.raiseIn(tx, [{ orgId, actor, invoice, payment: c.raiseOn ?? adjustment, ...exception }]);
  await deps.events.emit(tx, 'invoice.balance-changed', [{ orgId, actor, invoice }]);
  return { adjustment, invoice, replayed: false };
}
