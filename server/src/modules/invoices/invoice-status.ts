import { stringEnum } from '../../platform/string-enum.js';
import { registerDescribedEnum } from '../../graphql/described-enum.js';

/** What each stored status means, as the schema says it. */
const STORED_STATUSES = {
  DRAFT: 'Being prepared; not sent, not owed.',
  SENT: 'Sent and owed in full.',
  PARTIALLY_PAID: 'Part paid; the rest is owed.',
  PAID: 'Paid in full.',
  VOID: 'Cancelled: not owed.',
  UNCOLLECTIBLE: 'Written off: not payable online, still owed.',
} as const;

export const InvoiceStatus = stringEnum('DRAFT', 'SENT', 'PARTIALLY_PAID', 'PAID', 'VOID', 'UNCOLLECTIBLE');
export type InvoiceStatus = keyof typeof InvoiceStatus;
registerDescribedEnum(InvoiceStatus, 'InvoiceStatus', "An invoice's stored lifecycle status.", STORED_STATUSES);

/** What a person sees: the stored status, or OVERDUE when an open invoice is past due. */
export const InvoiceDisplayStatus = stringEnum(...(Object.values(InvoiceStatus) as InvoiceStatus[]), 'OVERDUE');
export type InvoiceDisplayStatus = keyof typeof InvoiceDisplayStatus;
registerDescribedEnum(
  InvoiceDisplayStatus,
  'InvoiceDisplayStatus',
  'An invoice status as people see it: the stored status, or OVERDUE.',
  { ...STORED_STATUSES, OVERDUE: 'Sent or part paid, with a balance, past its due date.' },
);

export interface StatusFacts {
  finalizedAt: Date | null;
  voidedAt: Date | null;
  uncollectibleAt: Date | null;
  total: number;
  amountPaid: number;
  /** Of amountPaid, what became the client's credit: it pays nothing on this invoice. */
  amountKeptAsCredit: number;
  amountCredited: number;
}

/**
 * What of the money paid still pays this invoice: paid, less what was kept as the client's credit. Below
 * 0 when money the credit was kept out of is gone (a payment deleted in the books, a chargeback) and the
 * client had already spent that credit: the settlement path takes back what the client still has
 * (`unfundedKeptCredit`), and what is left kept stays owed here, on the invoice whose money never came
 * (paid 0.00 of a 100.00 invoice whose 10.00 overpayment was kept as credit and spent: 110.00 is owed).
 * Money given back past what was paid (a refund, then a chargeback of all of it) counts as nothing paid,
 * not as a debt: only kept credit is owed back this way.
 */
export const paidTowards = (f: Pick<StatusFacts, 'amountPaid' | 'amountKeptAsCredit'>) =>
  Math.max(0, f.amountPaid) - f.amountKeptAsCredit;

/**
 * Of the money kept as the client's credit out of this invoice's payments, what no longer has money behind
 * it: what was kept past what still stands paid. 0 while the payments hold it (kept credit is never more
 * than was paid: memos and remedies are bounded by what is held); above 0 once a correction or a
 * chargeback took the payments below it.
 */
export const unfundedKeptCredit = (f: Pick<StatusFacts, 'amountPaid' | 'amountKeptAsCredit'>) =>
  Math.max(0, -paidTowards(f));

/**
 * The one place invoice status comes from. Nothing sets PAID by hand: payments and credits change the
 * amounts, and this function turns amounts and lifecycle timestamps into a status.
 */
export function deriveInvoiceStatus(f: StatusFacts): InvoiceStatus {
  if (!f.finalizedAt) return InvoiceStatus.DRAFT;
  if (f.voidedAt) return InvoiceStatus.VOID;
  if (balanceDue(f) <= 0) return InvoiceStatus.PAID;
  if (f.uncollectibleAt) return InvoiceStatus.UNCOLLECTIBLE;
  if (paidTowards(f) > 0 || f.amountCredited > 0) return InvoiceStatus.PARTIALLY_PAID;
  return InvoiceStatus.SENT;
}

/** What the client still owes; never negative (money past the balance is raised as a payment exception, not a negative balance). */
export function balanceDue(
  f: Pick<StatusFacts, 'total' | 'amountPaid' | 'amountKeptAsCredit' | 'amountCredited'>,
): number {
  return Math.max(0, f.total - paidTowards(f) - f.amountCredited);
}

/**
 * The balance the API reports. A VOID invoice owes nothing: it was cancelled, so 0, whatever was open
 * when it was voided (the stored balance keeps that figure for the books and for money arriving after the
 * void, which payment exceptions measure against it). An UNCOLLECTIBLE invoice still reports what was
 * written off: the client still owes it (it can still be paid by hand) and the dashboard shows it as
 * written off, not as nothing.
 */
export function reportedBalanceDue(status: InvoiceStatus, storedBalance: number): number {
  return status === InvoiceStatus.VOID ? 0 : storedBalance;
}

export function isOverdue(status: InvoiceStatus, dueDate: string, balance: number, today: string): boolean {
  return (status === InvoiceStatus.SENT || status === InvoiceStatus.PARTIALLY_PAID) && balance > 0 && dueDate < today;
}

export function displayStatus(
  status: InvoiceStatus,
  dueDate: string,
  balance: number,
  today: string,
): InvoiceDisplayStatus {
  return isOverdue(status, dueDate, balance, today) ? InvoiceDisplayStatus.OVERDUE : status;
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
