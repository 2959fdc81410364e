import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { Payment, PaymentKind, type PaymentSource } from './payment.entity.js';
import { correctPaymentIn, type AdjustDeps } from './settlement-adjustment.js';
import { clipChars } from '../../platform/text-length.js';

/** A provider refund that did not happen after all (the provider reports it failed or canceled). */
export interface RefundReversalInput {
  /**
   * The invoice of the payment refunded. It is locked before the refund is looked for: a refund being
   * booked right now holds this lock while its provider answers, so it is seen once it commits.
   */
  invoiceId: string;
  source: PaymentSource;
  /** The provider's id of the refund (what the refund row is keyed on). */
  refundRef: string;
  /** The payment the refund gave back money of: money now held past the balance is raised against it. */
  paymentId: string | null;
  /** What happened, in words (kept as the adjustment's reference). */
  reference: string;
}

export interface RefundReversal {
  /** The refund row undone; null when Settle never booked the refund (nothing to undo). */
  refund: Payment | null;
  /** The ADJUSTMENT written, or null when nothing changed (a replay, or already undone). */
  adjustment: Payment | null;
  invoice: Invoice;
  replayed: boolean;
}

/**
 * A refund Settle booked as money given back, that the provider reports failed or canceled later: the
 * money stayed with the business. Under the invoice row lock one ADJUSTMENT row naming the refund
 * (adjusts_payment_id) brings what stands of it to zero, unique on (org, source, `<refund id>:reversed`)
 * so a replayed failure adds nothing. The paid amount goes back up and the status is derived again (the
 * invoice the refund had reopened is PAID again), audited as `invoice.refund_reversed`. Money now held
 * past the balance (the client paid again meanwhile) or on a void invoice is raised as a payment exception
 * against the refunded payment, and `payment.refund-reversed` tells the books to take the refund back.
 */
export async function reverseRefundIn(
  tx: EntityManager,
  deps: AdjustDeps,
  orgId: string,
  actor: Actor,
  input: RefundReversalInput,
): Promise<RefundReversal> {
  let invoice = await lockInvoice(tx, orgId, input.invoiceId);
  const refund = await tx.findOneBy(Payment, {
    orgId,
    source: input.source,
    externalId: input.refundRef,
    kind: PaymentKind.REFUND,
  });
  if (!refund) return { refund: null, adjustment: null, invoice, replayed: false };
  if (refund.invoiceId !== invoice.id) invoice = await lockInvoice(tx, orgId, refund.invoiceId);
  const raiseOn = input.paymentId ? await tx.findOneBy(Payment, { orgId, id: input.paymentId }) : null;
  const r = await correctPaymentIn(tx, deps, orgId, actor, {
    original: refund,
    invoice,
    amount: 0,
    source: input.source,
    externalId: `${input.refundRef}:reversed`,
    reference: clipChars(input.reference, 200),
    action: 'invoice.refund_reversed',
    raiseOn: raiseOn ?? undefined,
  });
  if (r.adjustment)
    await deps.events.emit(tx, 'payment.refund-reversed', {
      orgId,
      actor,
      invoice: r.invoice,
      refund,
      adjustment: r.adjustment,
    });
  return { refund, ...r };
}
