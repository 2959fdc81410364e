import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { AppError, badInput } from '../../platform/errors.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { stillHeld } from './paid-back.js';
import { Payment, PaymentSource } from './payment.entity.js';
import { voidKey, voidRefusal, voidRowOf } from './payment-void-rules.js';
import { correctPaymentIn, type AdjustDeps } from './settlement-adjustment.js';
import { charCount } from '../../platform/text-length.js';

/** The reason is kept whole in the adjustment's reference ("Voided: …"), which lists show. */
export const MAX_VOID_REASON = 200;

export interface VoidPaymentResult {
  /** The payment voided (its own row never changes: the adjustment takes it off the invoice). */
  payment: Payment;
  /** The ADJUSTMENT of minus what stood of it, naming it (adjustsPaymentId). */
  adjustment: Payment;
  invoice: Invoice;
  /** True when the payment had been voided already: nothing was written. */
  replayed: boolean;
}

/**
 * A payment recorded by hand by mistake (a $5,000.00 check typed for $500.00, the wrong invoice) taken off
 * its invoice, as QuickBooks voids a Payment: the settlement path for a correction (settlement-adjustment.ts)
 * under the invoice's row lock, one ADJUSTMENT naming the payment keyed on `void:<payment>`, so the ledger
 * keeps both rows and the paid amount and status are derived again. Audited as `invoice.payment_voided`
 * with the reason, and announced as `payment.voided` (outbound webhook; QuickBooks voids its Payment).
 * Voided already: the same answer, nothing written (a double click, a retry). Refused (voidRefusal): nothing
 * written. A refund of the same payment waits on the same invoice lock, and then finds nothing left of it.
 */
export async function voidPaymentIn(
  tx: EntityManager,
  deps: AdjustDeps,
  orgId: string,
  actor: Actor,
  input: { paymentId: string; reason: string },
): Promise<VoidPaymentResult> {
  const reason = input.reason.trim();
  if (!reason) throw badInput('reason', 'Say why the payment is voided (it is kept on the invoice’s timeline)');
  if (charCount(reason) > MAX_VOID_REASON)
    throw badInput('reason', `The reason can be at most ${MAX_VOID_REASON} characters`);
  const found = await tx.findOneBy(Payment, { orgId, id: input.paymentId });
  if (!found) throw badInput('paymentId', 'No such payment');
  const invoice = await lockInvoice(tx, orgId, found.invoiceId);
  // Read again under the lock: a refund or a credit kept from it may have committed meanwhile.
  const payment = await tx.findOneByOrFail(Payment, { orgId, id: found.id });
  const rows = await tx.find(Payment, { where: { orgId, invoiceId: invoice.id } });
  const refusal = voidRefusal(payment, rows, await stillHeld(tx, invoice));
  if (refusal)
    throw new AppError(refusal.code, refusal.message, refusal.code === 'BAD_USER_INPUT' ? 'paymentId' : undefined);
  const prior = voidRowOf(payment.id, rows);
  if (prior) return { payment, adjustment: prior, invoice, replayed: true };
  const r = await correctPaymentIn(tx, deps, orgId, actor, {
    original: payment,
    invoice,
    amount: 0,
    source: PaymentSource.MANUAL,
    externalId: voidKey(payment.id),
    reference: `Voided: ${reason}`,
    action: 'invoice.payment_voided',
  });
  const adjustment = r.adjustment!;
  await deps.events.emit(tx, 'payment.voided', { orgId, actor, invoice: r.invoice, payment, adjustment, reason });
  return { payment, adjustment, invoice: r.invoice, replayed: false };
}
