import { formatMoney } from '../../platform/money.js';
import { remedyOf, type DiscrepancyKind, type RemedyFacts } from './reconciliation-catalogue.js';
import type { Finding } from './reconciliation-findings.js';
import type { ReconciliationInput, SettleInvoiceFacts, SettleMoneyFacts } from './reconciliation-snapshot.js';

/**
 * The reconciliation's comparisons: each check reads the three systems' facts and returns what
 * disagrees. They are independent of each other, so a new kind (payouts and deposits) is one more
 * function in RECONCILIATION_CHECKS.
 */
export type ReconciliationCheck = (input: ReconciliationInput) => Finding[];

const DEAD = new Set(['VOID', 'UNCOLLECTIBLE']);
export const money = (minor: number, currency: string) => formatMoney(minor, currency);

/** What a check found; the catalogue adds the rest (reconciliation-catalogue.ts). */
interface FindingFacts extends RemedyFacts {
  invoice: SettleInvoiceFacts | null;
  subject: string;
  subjectId: string;
  detail: string;
  fixData?: Record<string, string>;
}

export function finding(kind: DiscrepancyKind, p: FindingFacts): Finding {
  const { type, systems, suggestedFix, fix } = remedyOf(kind, p);
  return {
    key: `${type}:${p.subjectId}`,
    type,
    systems,
    invoiceId: p.invoice?.id ?? null,
    invoiceNumber: p.invoice?.number ?? null,
    subject: p.subject,
    subjectId: p.subjectId,
    currency: p.currency,
    settleAmount: p.amounts?.settle ?? null,
    stripeAmount: p.amounts?.stripe ?? null,
    quickBooksAmount: p.amounts?.quickBooks ?? null,
    detail: p.detail,
    suggestedFix,
    fix,
    fixData: p.fixData ?? {},
  };
}

/** Why a document Settle linked is not in QuickBooks (its id as Settle linked it, what QuickBooks has under it). */
export function goneFromQuickBooks(linkedId: string | null, qb: { voided: boolean } | undefined): string {
  if (!linkedId) return 'never reached QuickBooks';
  return qb?.voided ? 'was voided in QuickBooks' : 'was deleted in QuickBooks';
}

/** Invoices: Settle's total, balance and status next to the QuickBooks invoice Settle pushed. */
export const invoicesAgainstQuickBooks: ReconciliationCheck = ({ settle, quickbooks }) => {
  if (!quickbooks) return [];
  const out: Finding[] = [];
  // A refund reopens Settle's balance; in QuickBooks it is a refund receipt that leaves the invoice paid.
  const refunded = new Map<string, number>();
  for (const m of settle.money)
    if (m.kind === 'REFUND') refunded.set(m.invoiceId, (refunded.get(m.invoiceId) ?? 0) + m.amount);
  for (const inv of settle.invoices) {
    if (inv.status === 'DRAFT' || settle.inFlight.has(inv.id)) continue;
    const base = { invoice: inv, subject: `Invoice ${inv.number}`, subjectId: inv.id, currency: inv.currency };
    const qb = inv.qbInvoiceId ? quickbooks.invoices.get(inv.qbInvoiceId) : undefined;
    if (!qb) {
      if (inv.qbInvoiceId === null && DEAD.has(inv.status)) continue; // never booked, and no longer owed
      out.push(
        finding(inv.qbInvoiceId ? 'MISSING_IN_QUICKBOOKS/DELETED' : 'MISSING_IN_QUICKBOOKS', {
          ...base,
          amounts: { settle: inv.total },
          detail: inv.qbInvoiceId
            ? `QuickBooks no longer has invoice ${inv.number} (it was deleted there).`
            : `Invoice ${inv.number} of ${money(inv.total, inv.currency)} was never sent to QuickBooks.`,
        }),
      );
      continue;
    }
    const settleVoid = inv.status === 'VOID';
    if (settleVoid !== qb.voided) {
      out.push(
        finding(settleVoid ? 'STATUS_MISMATCH' : 'STATUS_MISMATCH/VOIDED_IN_QUICKBOOKS', {
          ...base,
          amounts: { settle: settleVoid ? 0 : inv.balance, quickBooks: qb.balance },
          detail: settleVoid
            ? `Invoice ${inv.number} is void in Settle but still open in QuickBooks.`
            : `Invoice ${inv.number} was voided in QuickBooks but is ${inv.status} in Settle.`,
        }),
      );
      continue;
    }
    if (settleVoid) continue;
    if (qb.total !== inv.total) {
      out.push(
        finding('AMOUNT_MISMATCH', {
          ...base,
          amounts: { settle: inv.total, quickBooks: qb.total },
          detail: `Invoice ${inv.number} totals ${money(inv.total, inv.currency)} in Settle and ${money(qb.total, inv.currency)} in QuickBooks.`,
        }),
      );
    } else if (qb.balance !== inv.balance - (refunded.get(inv.id) ?? 0)) {
      out.push(
        finding('BALANCE_MISMATCH', {
          ...base,
          amounts: { settle: inv.balance, quickBooks: qb.balance },
          detail: `Invoice ${inv.number} has ${money(inv.balance, inv.currency)} open in Settle and ${money(qb.balance, inv.currency)} in QuickBooks.`,
        }),
      );
    }
  }
  return out;
};

/** Invoices: the Stripe hosted invoice Settle linked, against Settle's status. */
export const invoicesAgainstStripe: ReconciliationCheck = ({ settle, stripe }) => {
  if (!stripe) return [];
  const out: Finding[] = [];
  const paidBy = settleMoneyByExternalId(settle.money);
  for (const inv of settle.invoices) {
    if (!inv.stripeInvoiceId || inv.status === 'DRAFT') continue;
    const base = { invoice: inv, subject: `Invoice ${inv.number}`, subjectId: inv.id, currency: inv.currency };
    const s = stripe.invoices.get(inv.stripeInvoiceId);
    if (!s) {
      out.push(
        finding('MISSING_IN_STRIPE', {
          ...base,
          amounts: { settle: inv.balance },
          detail: `Stripe has no invoice ${inv.stripeInvoiceId} for ${inv.number} (deleted, or another Stripe account).`,
        }),
      );
      continue;
    }
    const settled = inv.balance <= 0 || DEAD.has(inv.status);
    const amounts = { settle: inv.balance, stripe: s.amountRemaining };
    if (s.status === 'open' && settled) {
      out.push(
        finding('OPEN_IN_STRIPE_BUT_SETTLED', {
          ...base,
          amounts,
          detail: `Invoice ${inv.number} is ${inv.status} in Settle, but its Stripe invoice still asks for ${money(s.amountRemaining, inv.currency)}.`,
        }),
      );
    } else if (s.status === 'paid' && !settled) {
      const known = [s.id, ...s.paymentIntents].some((id) => paidBy.has(id));
      if (!known)
        out.push(
          finding('PAID_IN_STRIPE_NOT_IN_SETTLE', {
            ...base,
            amounts: { settle: inv.balance, stripe: s.amountPaid },
            detail: `Stripe shows invoice ${inv.number} paid (${money(s.amountPaid, inv.currency)}), Settle still shows ${money(inv.balance, inv.currency)} owed.`,
          }),
        );
    } else if ((s.status === 'void' || s.status === 'uncollectible') && !settled) {
      out.push(
        finding('STATUS_MISMATCH/STRIPE', {
          ...base,
          amounts,
          detail: `Invoice ${inv.number} was marked ${s.status} in Stripe but still owes ${money(inv.balance, inv.currency)} in Settle.`,
        }),
      );
    }
  }
  return out;
};

/** Settle's money by the provider id it was recorded under. */
export function settleMoneyByExternalId(money: SettleMoneyFacts[]): Map<string, SettleMoneyFacts> {
  const m = new Map<string, SettleMoneyFacts>();
  for (const x of money) if (x.externalId) m.set(x.externalId, x);
  return m;
}
