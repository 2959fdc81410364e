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
registerDescribedEnum(InvoiceStatus, 'InvoiceStatus', STORED_STATUSES, "An invoice's stored lifecycle status.");

/** What a person sees: the stored status, or OVERDUE when an open invoice is past due. */
export const InvoiceDisplayStatus = stringEnum(...(Object.values(InvoiceStatus) as InvoiceStatus[]), 'OVERDUE');
export type InvoiceDisplayStatus = keyof typeof InvoiceDisplayStatus;
registerDescribedEnum(
  InvoiceDisplayStatus,
  'InvoiceDisplayStatus',
  { ...STORED_STATUSES, OVERDUE: 'Sent or part paid, with a balance, past its due date.' },
  'An invoice status as people see it: the stored status, or OVERDUE.',
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
 * What of the money paid still pays this invoice: paid, less what was kept as the client's credit. Never
 * below 0: when more comes back from outside Settle than it held (a chargeback of a payment whose excess
 * the client kept as credit, say), the invoice is owed in full, not more than its total.
 */
export const paidTowards = (f: Pick<StatusFacts, 'amountPaid' | 'amountKeptAsCredit'>) =>
  Math.max(0, f.amountPaid - f.amountKeptAsCredit);

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
