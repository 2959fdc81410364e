import type { EntityManager } from 'typeorm';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus, paidTowards } from '../invoices/invoice-status.js';
import { CreditMemo, Payment, PaymentKind } from './payment.entity.js';

/** What an invoice's payments and credit memos say about money given back, whatever order they came in. */
export interface PaidBackFacts {
  payments: ReadonlyArray<Pick<Payment, 'id' | 'kind' | 'amount' | 'createdAt' | 'adjustsPaymentId'>>;
  memos: ReadonlyArray<Pick<CreditMemo, 'amount' | 'createdAt' | 'toClientCredit' | 'returnsPaid'>>;
  /**
   * Money not owed that waits for an admin's remedy: the excess of the invoice's OPEN payment exceptions
   * (refunded, kept as credit or dismissed there), so no other path gives it back first.
   */
  openExcess: number;
}

type MoneyOf = Pick<Invoice, 'status' | 'amountPaid' | 'amountKeptAsCredit' | 'balanceDue'>;

/**
 * Money paid on an invoice that Settle still holds: what was paid (refunds already taken off), less what
 * was kept as the client's credit (memos to client credit, overpayments kept as credit: money the client
 * can spend already, so never given back a second time) and less the excess of open payment exceptions
 * (its remedy gives it back).
 * Other credit gave nothing back: a discount on an open invoice or client credit spent on it lowered what
 * was due, and a memo that says money is owed back is settled by the refund that follows it. Subtracting
 * those would leave paid money behind unaccounted for. Refunds and a void's question are bounded by it.
 */
export function heldOf(invoice: Pick<Invoice, 'amountPaid' | 'amountKeptAsCredit'>, facts: PaidBackFacts): number {
  return Math.max(0, heldOrShort(invoice, facts));
}

/** heldOf before it is floored at 0: below 0 when more was given back than was paid (an exception's remedy must stop). */
export function heldOrShort(invoice: Pick<Invoice, 'amountPaid' | 'amountKeptAsCredit'>, facts: PaidBackFacts): number {
  return paidTowards(invoice) - facts.openExcess;
}

/**
 * What memos on a paid or void invoice say is owed back and no refund has paid yet: each such memo adds
 * to the debt and each later refund pays it down (a refund made before the memo paid something else). A
 * refund counts for what stands of it: one the provider failed later was undone by an ADJUSTMENT naming it.
 */
export function owedBack(facts: PaidBackFacts): number {
  const undone = new Map<string, number>();
  for (const p of facts.payments)
    if (p.kind === PaymentKind.ADJUSTMENT && p.adjustsPaymentId)
      undone.set(p.adjustsPaymentId, (undone.get(p.adjustsPaymentId) ?? 0) + p.amount);
  const steps = [
    ...facts.memos
      .filter((m) => m.returnsPaid && !m.toClientCredit)
      .map((m) => ({ at: m.createdAt.getTime(), owed: m.amount, order: 0 })),
    ...facts.payments
      .filter((p) => p.kind === PaymentKind.REFUND)
      .map((p) => ({ at: p.createdAt.getTime(), owed: Math.min(0, p.amount + (undone.get(p.id) ?? 0)), order: 1 })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  return steps.reduce((owed, step) => Math.max(0, owed + step.owed), 0);
}

/**
 * How much a new credit memo may credit. On a paid or void invoice (`settled`) it credits money paid: at
 * most what is still held less what earlier memos say is owed back and was not refunded yet (not less a
 * discount that lowered the balance while it was open). On an open one it lowers what is due, at most all
 * of it. A draft is edited, not credited.
 */
export function creditableOf(invoice: MoneyOf, facts: PaidBackFacts): { settled: boolean; creditable: number } {
  const settled = invoice.status === InvoiceStatus.PAID || invoice.status === InvoiceStatus.VOID;
  if (invoice.status === InvoiceStatus.DRAFT) return { settled, creditable: 0 };
  if (!settled) return { settled, creditable: Math.max(0, invoice.balanceDue) };
  return { settled, creditable: Math.max(0, heldOf(invoice, facts) - owedBack(facts)) };
}

type InvoiceKey = Pick<Invoice, 'id' | 'orgId'>;

/** The facts of one invoice, read in the caller's transaction (which holds the invoice's row lock). */
export async function paidBackFacts(tx: EntityManager, invoice: InvoiceKey): Promise<PaidBackFacts> {
  const where = { orgId: invoice.orgId, invoiceId: invoice.id };
  const [payments, memos] = await Promise.all([
    tx.find(Payment, {
      where,
      select: { id: true, kind: true, amount: true, createdAt: true, adjustsPaymentId: true },
    }),
    tx.find(CreditMemo, { where, select: { amount: true, createdAt: true, toClientCredit: true, returnsPaid: true } }),
  ]);
  // The exceptions' own table (payment-exceptions module): settlement raises them, so it may read them.
  const [{ open }] = (await tx.query(
    `SELECT COALESCE(SUM(amount), 0)::bigint AS open FROM payment_exceptions
      WHERE org_id = $1 AND invoice_id = $2 AND status = 'OPEN'`,
    [invoice.orgId, invoice.id],
  )) as [{ open: string }];
  return { payments, memos, openExcess: Number(open) };
}

export async function stillHeld(
  tx: EntityManager,
  invoice: InvoiceKey & Pick<Invoice, 'amountPaid' | 'amountKeptAsCredit'>,
) {
  return heldOf(invoice, await paidBackFacts(tx, invoice));
}

export async function creditMemoBound(tx: EntityManager, invoice: InvoiceKey & MoneyOf) {
  return creditableOf(invoice, await paidBackFacts(tx, invoice));
}
