import { formatMoney } from '../../platform/money.js';
import { PaymentKind, PaymentSource, type Payment } from './payment.entity.js';
import { leftToRefund, type RefundRow } from './refundable.js';

/**
 * The ADJUSTMENT a staff void of a payment writes is keyed on this (with source MANUAL): one void per
 * payment, so a double click or a retry finds the void it made instead of writing another.
 */
export const voidKey = (paymentId: string) => `void:${paymentId}`;

/** What of an invoice's payment rows says whether one of them can be voided. */
export type VoidRow = RefundRow & Pick<Payment, 'externalId'>;

export type VoidPaymentFacts = Pick<Payment, 'id' | 'kind' | 'amount' | 'source' | 'currency' | 'keptAsCredit'> & {
  adjustsPaymentId: string | null;
  refundsPaymentId: string | null;
};

/** Why voidPayment refuses a payment, with the field it names (BAD_USER_INPUT) or none (CONFLICT). */
export interface VoidRefusal {
  code: 'BAD_USER_INPUT' | 'CONFLICT';
  message: string;
}

/** The void row of `paymentId` among its invoice's rows, if Settle voided it already. */
export const voidRowOf = <R extends VoidRow>(paymentId: string, rows: readonly R[]): R | undefined =>
  rows.find((r) => r.source === PaymentSource.MANUAL && r.externalId === voidKey(paymentId));

/** A payment's amount with the adjustments that changed it since (edited in QuickBooks, voided). */
export const standingOf = (payment: Pick<Payment, 'id' | 'amount'>, rows: readonly VoidRow[]) =>
  rows.filter((r) => r.adjustsPaymentId === payment.id).reduce((sum, r) => sum + r.amount, payment.amount);

const REFUSED_SOURCES: Partial<Record<PaymentSource, string>> = {
  STRIPE:
    'This payment was taken by Stripe: the card (or bank) was charged, so voiding it in Settle gives no money back. Refund it instead (through Stripe)',
  QUICKBOOKS: 'This payment was recorded in QuickBooks: void or delete it there, and Settle follows within minutes',
};

/**
 * Whether a staff void (a payment recorded by hand by mistake: a typo in the amount, the wrong invoice) may
 * take `payment` off its invoice, from its invoice's rows (`rows`, the payment among them) and what the
 * invoice still holds (`held`, paid-back.ts). A void says the money was never received, so it is refused
 * where that cannot be true without touching money that went on: provider money (refunded or voided where
 * it was taken), a payment refunded in part (a void would give that back twice; refund the rest instead),
 * and money kept as the client's credit or waiting in an open payment exception (it may be spent already).
 * Null: it may be voided. A payment voided already answers null too: the void is then a replay.
 */
export function voidRefusal(payment: VoidPaymentFacts, rows: readonly VoidRow[], held: number): VoidRefusal | null {
  const bad = (message: string): VoidRefusal => ({ code: 'BAD_USER_INPUT', message });
  const no = (message: string): VoidRefusal => ({ code: 'CONFLICT', message });
  const money = (n: number) => formatMoney(n, payment.currency);
  if (payment.kind === PaymentKind.REFUND)
    return bad('This is a refund, not a payment: only a payment recorded by hand can be voided');
  if (payment.kind !== PaymentKind.PAYMENT)
    return bad('This is a correction of a payment, not a payment: void the payment it corrects');
  const refused = REFUSED_SOURCES[payment.source];
  if (refused) return bad(refused);
  if (voidRowOf(payment.id, rows)) return null;
  const standing = standingOf(payment, rows);
  if (standing <= 0)
    return no('This payment no longer counts on its invoice (it was voided or deleted in QuickBooks): nothing to void');
  const left = leftToRefund(payment, rows);
  if (left <= 0)
    return no(
      'This payment was refunded in full already: it no longer counts on its invoice, so there is nothing to void',
    );
  if (left < standing)
    return no(
      `${money(standing - left)} of this payment was refunded already, so voiding it would take that money off the invoice a second time. Record a refund of the rest (${money(left)}) instead, with the reason`,
    );
  if (payment.keptAsCredit > 0 || standing > held)
    return no(
      payment.keptAsCredit > 0
        ? `${money(payment.keptAsCredit)} of this payment was kept as the client's credit, which may be spent on other invoices already, so it cannot be voided. Record what went back with a refund or a credit memo instead`
        : `Part of the money paid on this invoice was kept as the client's credit (it may be spent on other invoices already) or waits in an open payment exception, so voiding this payment would take away money that went on. Resolve the payment exception first, or record what went back with a refund`,
    );
  return null;
}
