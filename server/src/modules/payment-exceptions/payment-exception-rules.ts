import { InvoiceStatus, paidTowards } from '../invoices/invoice-status.js';
import { PaymentExceptionKind } from './payment-exception.entity.js';

/** The invoice as it stood just before a payment. */
export interface InvoiceBefore {
  status: InvoiceStatus;
  balanceDue: number;
}

/**
 * Whether a payment of `amount` (minor units) on an invoice in this state is money that should not have
 * arrived, and how much of it: all of it on a void invoice, the part above the balance otherwise.
 * Refunds (negative amounts) never are. Pure: the settlement path calls it per payment.
 */
export function exceptionFor(
  before: InvoiceBefore,
  amount: number,
): { kind: PaymentExceptionKind; excess: number } | null {
  if (amount <= 0) return null;
  if (before.status === InvoiceStatus.VOID) return { kind: PaymentExceptionKind.PAID_ON_VOID, excess: amount };
  const excess = amount - Math.max(0, before.balanceDue);
  return excess > 0 ? { kind: PaymentExceptionKind.OVERPAID, excess } : null;
}

/**
 * What of the money paid on an invoice is past what it asks now: on a void invoice all of it, otherwise what
 * pays it beyond its total less its credits. Open exceptions never claim more (an excess taken away by a
 * correction is no longer there to refund or keep). Pure.
 */
export function excessPaid(
  invoice: { status: InvoiceStatus; total: number; amountCredited: number } & Parameters<typeof paidTowards>[0],
): number {
  const paying = paidTowards(invoice);
  return Math.max(0, invoice.status === InvoiceStatus.VOID ? paying : paying + invoice.amountCredited - invoice.total);
}

/** The kind in words, for emails and logs (the admin app has its own). */
export function kindInWords(kind: PaymentExceptionKind): string {
  return kind === PaymentExceptionKind.PAID_ON_VOID ? 'Paid on a void invoice' : 'Paid more than the balance due';
}
