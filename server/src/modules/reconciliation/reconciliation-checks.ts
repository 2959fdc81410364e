import { formatMoney } from '../../platform/money.js';
import type { DiscrepancyType, Finding, FixAction, ReconciledSystem } from './reconciliation-findings.js';
import type { ReconciliationInput, SettleInvoiceFacts, SettleMoneyFacts } from './reconciliation-snapshot.js';

/**
 * The reconciliation's comparisons: each check reads the three systems' facts and returns what
 * disagrees. They are independent of each other, so a new kind (payouts and deposits) is one more
 * function in RECONCILIATION_CHECKS.
 */
export type ReconciliationCheck = (input: ReconciliationInput) => Finding[];

const DEAD = new Set(['VOID', 'UNCOLLECTIBLE']);
export const money = (minor: number, currency: string) => formatMoney(minor, currency);

interface FindingParts {
  type: DiscrepancyType;
  systems: ReconciledSystem[];
  invoice: SettleInvoiceFacts | null;
  subject: string;
  subjectId: string;
  currency: string;
  amounts?: { settle?: number | null; stripe?: number | null; quickBooks?: number | null };
  detail: string;
  suggestedFix: string;
  fix?: FixAction | null;
  fixData?: Record<string, string>;
}

export function finding(p: FindingParts): Finding {
  return {
    key: `${p.type}:${p.subjectId}`,
    type: p.type,
    systems: p.systems,
    invoiceId: p.invoice?.id ?? null,
    invoiceNumber: p.invoice?.number ?? null,
    subject: p.subject,
    subjectId: p.subjectId,
    currency: p.currency,
    settleAmount: p.amounts?.settle ?? null,
    stripeAmount: p.amounts?.stripe ?? null,
    quickBooksAmount: p.amounts?.quickBooks ?? null,
    detail: p.detail,
    suggestedFix: p.suggestedFix,
    fix: p.fix ?? null,
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
        finding({
          ...base,
          type: 'MISSING_IN_QUICKBOOKS',
          systems: ['SETTLE', 'QUICKBOOKS'],
          amounts: { settle: inv.total },
          detail: inv.qbInvoiceId
            ? `QuickBooks no longer has invoice ${inv.number} (it was deleted there).`
            : `Invoice ${inv.number} of ${money(inv.total, inv.currency)} was never sent to QuickBooks.`,
          suggestedFix: inv.qbInvoiceId
            ? 'Someone deleted the invoice in QuickBooks. Restore it there from the audit log, or re-enter it with its payments, so revenue and receivables are complete.'
            : 'Send the invoice to QuickBooks with everything that happened to it (payments, credits, refunds), so revenue and receivables are complete.',
          fix: inv.qbInvoiceId ? null : 'PUSH_INVOICE_TO_QUICKBOOKS',
        }),
      );
      continue;
    }
    const settleVoid = inv.status === 'VOID';
    if (settleVoid !== qb.voided) {
      out.push(
        finding({
          ...base,
          type: 'STATUS_MISMATCH',
          systems: ['SETTLE', 'QUICKBOOKS'],
          amounts: { settle: settleVoid ? 0 : inv.balance, quickBooks: qb.balance },
          detail: settleVoid
            ? `Invoice ${inv.number} is void in Settle but still open in QuickBooks.`
            : `Invoice ${inv.number} was voided in QuickBooks but is ${inv.status} in Settle.`,
          suggestedFix: settleVoid
            ? 'Void the invoice in QuickBooks so it no longer counts as revenue or money owed.'
            : 'Decide which is right: void the invoice in Settle too (the client owes nothing), or re-create it in QuickBooks.',
          fix: settleVoid ? 'VOID_QUICKBOOKS_INVOICE' : null,
        }),
      );
      continue;
    }
    if (settleVoid) continue;
    if (qb.total !== inv.total) {
      out.push(
        finding({
          ...base,
          type: 'AMOUNT_MISMATCH',
          systems: ['SETTLE', 'QUICKBOOKS'],
          amounts: { settle: inv.total, quickBooks: qb.total },
          detail: `Invoice ${inv.number} totals ${money(inv.total, inv.currency)} in Settle and ${money(qb.total, inv.currency)} in QuickBooks.`,
          suggestedFix:
            'Someone edited the invoice in QuickBooks. Put Settle’s lines back in QuickBooks (the client was billed Settle’s amount), or issue a credit in Settle if the change was meant.',
          fix: 'UPDATE_QUICKBOOKS_INVOICE',
        }),
      );
    } else if (qb.balance !== inv.balance - (refunded.get(inv.id) ?? 0)) {
      out.push(
        finding({
          ...base,
          type: 'BALANCE_MISMATCH',
          systems: ['SETTLE', 'QUICKBOOKS'],
          amounts: { settle: inv.balance, quickBooks: qb.balance },
          detail: `Invoice ${inv.number} has ${money(inv.balance, inv.currency)} open in Settle and ${money(qb.balance, inv.currency)} in QuickBooks.`,
          suggestedFix:
            'A payment, credit or refund differs between the systems; fix the payment lines of this invoice below, then run again.',
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
        finding({
          ...base,
          type: 'MISSING_IN_STRIPE',
          systems: ['SETTLE', 'STRIPE'],
          amounts: { settle: inv.balance },
          detail: `Stripe has no invoice ${inv.stripeInvoiceId} for ${inv.number} (deleted, or another Stripe account).`,
          suggestedFix:
            'Check the Stripe account connected to Settle; send the client a new payment link if they still owe.',
        }),
      );
      continue;
    }
    const settled = inv.balance <= 0 || DEAD.has(inv.status);
    const amounts = { settle: inv.balance, stripe: s.amountRemaining };
    if (s.status === 'open' && settled) {
      out.push(
        finding({
          ...base,
          type: 'OPEN_IN_STRIPE_BUT_SETTLED',
          systems: ['SETTLE', 'STRIPE'],
          amounts,
          detail: `Invoice ${inv.number} is ${inv.status} in Settle, but its Stripe invoice still asks for ${money(s.amountRemaining, inv.currency)}.`,
          suggestedFix: 'Void the Stripe invoice so the client cannot pay twice.',
          fix: 'VOID_STRIPE_INVOICE',
        }),
      );
    } else if (s.status === 'paid' && !settled) {
      const known = [s.id, ...s.paymentIntents].some((id) => paidBy.has(id));
      if (!known)
        out.push(
          finding({
            ...base,
            type: 'PAID_IN_STRIPE_NOT_IN_SETTLE',
            systems: ['SETTLE', 'STRIPE'],
            amounts: { settle: inv.balance, stripe: s.amountPaid },
            detail: `Stripe shows invoice ${inv.number} paid (${money(s.amountPaid, inv.currency)}), Settle still shows ${money(inv.balance, inv.currency)} owed.`,
            suggestedFix:
              'Check in Stripe how it was paid. A payment outside Stripe ("paid out of band") is recorded in Settle as a manual payment; a card payment reaches Settle with Stripe’s next event.',
          }),
        );
    } else if ((s.status === 'void' || s.status === 'uncollectible') && !settled) {
      out.push(
        finding({
          ...base,
          type: 'STATUS_MISMATCH',
          systems: ['SETTLE', 'STRIPE'],
          amounts,
          detail: `Invoice ${inv.number} was marked ${s.status} in Stripe but still owes ${money(inv.balance, inv.currency)} in Settle.`,
          suggestedFix:
            'The client can no longer pay it online. Void it in Settle if it is no longer owed, or send a new payment link.',
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
