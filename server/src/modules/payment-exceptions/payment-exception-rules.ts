import { InvoiceStatus } from '../invoices/invoice-status.js';
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

/** The kind in words, for emails and logs (the admin app has its own). */
export function kindInWords(kind: PaymentExceptionKind): string {
  return kind === PaymentExceptionKind.PAID_ON_VOID ? 'Paid on a void invoice' : 'Paid more than the balance due';
}
