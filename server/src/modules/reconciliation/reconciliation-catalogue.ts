import { formatMoney } from '../../platform/money.js';
import type { DiscrepancyType, FixAction, ReconciledSystem } from './reconciliation-findings.js';

/** The amounts a finding reports, for remedy words that name one. */
export interface RemedyFacts {
  currency: string;
  amounts?: { settle?: number | null; stripe?: number | null; quickBooks?: number | null };
}

/** What an accountant should do about a kind of discrepancy: fixed words, or words naming an amount. */
type Remedy = string | ((f: RemedyFacts) => string);

const back = (amount: number | null | undefined, f: RemedyFacts) => formatMoney(amount ?? 0, f.currency);

/** The pairs of systems a discrepancy can be between. */
const SETTLE_QUICKBOOKS: ReconciledSystem[] = ['SETTLE', 'QUICKBOOKS'];
const SETTLE_STRIPE: ReconciledSystem[] = ['SETTLE', 'STRIPE'];
const STRIPE_QUICKBOOKS: ReconciledSystem[] = ['STRIPE', 'QUICKBOOKS'];
const STRIPE_SETTLE: ReconciledSystem[] = ['STRIPE', 'SETTLE'];

/** A payment or refund edited in QuickBooks: Settle's amount is what really moved. */
const setBackInQuickBooks = (f: RemedyFacts) =>
  `Someone edited it in QuickBooks. Set it back to ${back(f.amounts?.settle, f)} there (what the client really paid), or record the difference in Settle.`;

/**
 * The catalogue of discrepancies the checks report, so each check writes only its facts (subject, amounts,
 * detail). A key is the DiscrepancyType, or `TYPE/VARIANT` where one type is found in a second way that
 * asks for other words (e.g. a status that differs from Stripe's rather than QuickBooks'). First what an
 * accountant should do about each:
 */
const SUGGESTED_FIXES = {
  MISSING_IN_QUICKBOOKS:
    'Send the invoice to QuickBooks with everything that happened to it (payments, credits, refunds), so revenue and receivables are complete.',
  'MISSING_IN_QUICKBOOKS/DELETED':
    'Someone deleted the invoice in QuickBooks. Restore it there from the audit log, or re-enter it with its payments, so revenue and receivables are complete.',
  STATUS_MISMATCH: 'Void the invoice in QuickBooks so it no longer counts as revenue or money owed.',
  'STATUS_MISMATCH/VOIDED_IN_QUICKBOOKS':
    'Decide which is right: void the invoice in Settle too (the client owes nothing), or re-create it in QuickBooks.',
  'STATUS_MISMATCH/STRIPE':
    'The client can no longer pay it online. Void it in Settle if it is no longer owed, or send a new payment link.',
  AMOUNT_MISMATCH:
    'Someone edited the invoice in QuickBooks. Put Settle’s lines back in QuickBooks (the client was billed Settle’s amount), or issue a credit in Settle if the change was meant.',
  BALANCE_MISMATCH:
    'A payment, credit or refund differs between the systems; fix the payment lines of this invoice below, then run again.',
  MISSING_IN_STRIPE:
    'Check the Stripe account connected to Settle; send the client a new payment link if they still owe.',
  OPEN_IN_STRIPE_BUT_SETTLED: 'Void the Stripe invoice so the client cannot pay twice.',
  PAID_IN_STRIPE_NOT_IN_SETTLE:
    'Check in Stripe how it was paid. A payment outside Stripe ("paid out of band") is recorded in Settle as a manual payment; a card payment reaches Settle with Stripe’s next event.',
  MISSING_PAYMENT_IN_QUICKBOOKS:
    'Record the payment in QuickBooks again so the invoice shows paid there and the deposit matches the bank.',
  REFUND_MISSING:
    'Record the refund in QuickBooks (a refund receipt from the account the payment went to) so the bank register matches.',
  PAYMENT_AMOUNT_MISMATCH: setBackInQuickBooks,
  'PAYMENT_AMOUNT_MISMATCH/STRIPE': 'Stripe is what the client paid: correct the payment in Settle to Stripe’s amount.',
  REFUND_AMOUNT_MISMATCH: setBackInQuickBooks,
  'REFUND_AMOUNT_MISMATCH/STRIPE':
    'Stripe is what the client got back: correct the refund in Settle to Stripe’s amount.',
  PAYMENT_MISSING_IN_SETTLE:
    'If the client really paid, record the payment in Settle; otherwise delete it in QuickBooks.',
  MISSING_PAYMENT_IN_STRIPE:
    'Look the payment up in Stripe: if the client was never charged, reverse the payment in Settle and ask them to pay again.',
  REFUND_MISSING_IN_SETTLE:
    'Record the refund on the invoice in Settle (it then reaches QuickBooks as a refund receipt), so the client’s balance is right.',
  FEE_MISSING: 'Book the fee as an expense from the Stripe clearing account, so the deposit matches the payout.',
  FEE_AMOUNT_MISMATCH: (f) => `Set the fee expense in QuickBooks back to Stripe’s ${back(f.amounts?.stripe, f)}.`,
  PAYOUT_MISSING_IN_SETTLE:
    'Record the payout from Stripe in Settle; its deposit then reaches QuickBooks and matches the bank statement.',
  PAYOUT_MISSING_IN_QUICKBOOKS:
    'Book the payout in QuickBooks again as a deposit into the payout bank account, so the bank register matches the statement.',
  PAYOUT_AMOUNT_MISMATCH: (f) =>
    `Someone edited the deposit in QuickBooks. Set it back to ${back(f.amounts?.settle, f)}, what reached the bank.`,
} satisfies Record<DiscrepancyType | `${DiscrepancyType}/${string}`, Remedy>;

/** Which systems disagree. */
const SYSTEMS: Record<DiscrepancyKind, ReconciledSystem[]> = {
  MISSING_IN_QUICKBOOKS: SETTLE_QUICKBOOKS,
  'MISSING_IN_QUICKBOOKS/DELETED': SETTLE_QUICKBOOKS,
  STATUS_MISMATCH: SETTLE_QUICKBOOKS,
  'STATUS_MISMATCH/VOIDED_IN_QUICKBOOKS': SETTLE_QUICKBOOKS,
  'STATUS_MISMATCH/STRIPE': SETTLE_STRIPE,
  AMOUNT_MISMATCH: SETTLE_QUICKBOOKS,
  BALANCE_MISMATCH: SETTLE_QUICKBOOKS,
  MISSING_IN_STRIPE: SETTLE_STRIPE,
  OPEN_IN_STRIPE_BUT_SETTLED: SETTLE_STRIPE,
  PAID_IN_STRIPE_NOT_IN_SETTLE: SETTLE_STRIPE,
  MISSING_PAYMENT_IN_QUICKBOOKS: SETTLE_QUICKBOOKS,
  REFUND_MISSING: SETTLE_QUICKBOOKS,
  PAYMENT_AMOUNT_MISMATCH: SETTLE_QUICKBOOKS,
  'PAYMENT_AMOUNT_MISMATCH/STRIPE': SETTLE_STRIPE,
  REFUND_AMOUNT_MISMATCH: SETTLE_QUICKBOOKS,
  'REFUND_AMOUNT_MISMATCH/STRIPE': SETTLE_STRIPE,
  PAYMENT_MISSING_IN_SETTLE: SETTLE_QUICKBOOKS,
  MISSING_PAYMENT_IN_STRIPE: SETTLE_STRIPE,
  REFUND_MISSING_IN_SETTLE: SETTLE_STRIPE,
  FEE_MISSING: STRIPE_QUICKBOOKS,
  FEE_AMOUNT_MISMATCH: STRIPE_QUICKBOOKS,
  PAYOUT_MISSING_IN_SETTLE: STRIPE_SETTLE,
  PAYOUT_MISSING_IN_QUICKBOOKS: SETTLE_QUICKBOOKS,
  PAYOUT_AMOUNT_MISMATCH: SETTLE_QUICKBOOKS,
};

/** What Settle can do by itself (the rest needs a person). */
const FIXES: Partial<Record<DiscrepancyKind, FixAction>> = {
  MISSING_IN_QUICKBOOKS: 'PUSH_INVOICE_TO_QUICKBOOKS',
  STATUS_MISMATCH: 'VOID_QUICKBOOKS_INVOICE',
  AMOUNT_MISMATCH: 'UPDATE_QUICKBOOKS_INVOICE',
  OPEN_IN_STRIPE_BUT_SETTLED: 'VOID_STRIPE_INVOICE',
  MISSING_PAYMENT_IN_QUICKBOOKS: 'PUSH_PAYMENT_TO_QUICKBOOKS',
  REFUND_MISSING: 'PUSH_REFUND_TO_QUICKBOOKS',
  FEE_MISSING: 'PUSH_FEE_TO_QUICKBOOKS',
  PAYOUT_MISSING_IN_SETTLE: 'RECORD_STRIPE_PAYOUT',
  PAYOUT_MISSING_IN_QUICKBOOKS: 'PUSH_DEPOSIT_TO_QUICKBOOKS',
};

/** A catalogue entry: a DiscrepancyType, or one of its variants. */
export type DiscrepancyKind = keyof typeof SUGGESTED_FIXES;

/** The type, systems, suggested fix and fix action of a kind, for the facts a check found. */
export function remedyOf(kind: DiscrepancyKind, facts: RemedyFacts) {
  const words: Remedy = SUGGESTED_FIXES[kind];
  return {
    type: kind.split('/')[0] as DiscrepancyType,
    systems: [...SYSTEMS[kind]],
    suggestedFix: typeof words === 'string' ? words : words(facts),
    fix: FIXES[kind] ?? null,
  };
}
