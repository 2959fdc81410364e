import { formatMoney } from '../../platform/money.js';
import type { DiscrepancyType, FixAction, ReconciledSystem } from './reconciliation-findings.js';

/** The amounts a finding reports, for remedy words that name one. */
export interface RemedyFacts {
  currency: string;
  amounts?: { settle?: number | null; stripe?: number | null; quickBooks?: number | null };
}

/** What a kind of discrepancy is between, what an accountant should do, and what Settle can do itself. */
interface Remedy {
  systems: ReconciledSystem[];
  suggestedFix: string | ((f: RemedyFacts) => string);
  fix?: FixAction;
}

const back = (amount: number | null | undefined, f: RemedyFacts) => formatMoney(amount ?? 0, f.currency);

/**
 * The catalogue of discrepancies the checks report, so each check writes only its facts (subject, amounts,
 * detail). A key is the DiscrepancyType, or `TYPE/VARIANT` where one type is found in a second way that
 * asks for other words (e.g. a status that differs from Stripe's rather than QuickBooks').
 */
const REMEDIES = {
  MISSING_IN_QUICKBOOKS: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Send the invoice to QuickBooks with everything that happened to it (payments, credits, refunds), so revenue and receivables are complete.',
    fix: 'PUSH_INVOICE_TO_QUICKBOOKS',
  },
  'MISSING_IN_QUICKBOOKS/DELETED': {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Someone deleted the invoice in QuickBooks. Restore it there from the audit log, or re-enter it with its payments, so revenue and receivables are complete.',
  },
  STATUS_MISMATCH: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix: 'Void the invoice in QuickBooks so it no longer counts as revenue or money owed.',
    fix: 'VOID_QUICKBOOKS_INVOICE',
  },
  'STATUS_MISMATCH/VOIDED_IN_QUICKBOOKS': {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Decide which is right: void the invoice in Settle too (the client owes nothing), or re-create it in QuickBooks.',
  },
  'STATUS_MISMATCH/STRIPE': {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix:
      'The client can no longer pay it online. Void it in Settle if it is no longer owed, or send a new payment link.',
  },
  AMOUNT_MISMATCH: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Someone edited the invoice in QuickBooks. Put Settle’s lines back in QuickBooks (the client was billed Settle’s amount), or issue a credit in Settle if the change was meant.',
    fix: 'UPDATE_QUICKBOOKS_INVOICE',
  },
  BALANCE_MISMATCH: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'A payment, credit or refund differs between the systems; fix the payment lines of this invoice below, then run again.',
  },
  MISSING_IN_STRIPE: {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix: 'Check the Stripe account connected to Settle; send the client a new payment link if they still owe.',
  },
  OPEN_IN_STRIPE_BUT_SETTLED: {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix: 'Void the Stripe invoice so the client cannot pay twice.',
    fix: 'VOID_STRIPE_INVOICE',
  },
  PAID_IN_STRIPE_NOT_IN_SETTLE: {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix:
      'Check in Stripe how it was paid. A payment outside Stripe ("paid out of band") is recorded in Settle as a manual payment; a card payment reaches Settle with Stripe’s next event.',
  },
  MISSING_PAYMENT_IN_QUICKBOOKS: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Record the payment in QuickBooks again so the invoice shows paid there and the deposit matches the bank.',
    fix: 'PUSH_PAYMENT_TO_QUICKBOOKS',
  },
  REFUND_MISSING: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Record the refund in QuickBooks (a refund receipt from the account the payment went to) so the bank register matches.',
    fix: 'PUSH_REFUND_TO_QUICKBOOKS',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix: (f) =>
      `Someone edited it in QuickBooks. Set it back to ${back(f.amounts?.settle, f)} there (what the client really paid), or record the difference in Settle.`,
  },
  'PAYMENT_AMOUNT_MISMATCH/STRIPE': {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix: 'Stripe is what the client paid: correct the payment in Settle to Stripe’s amount.',
  },
  REFUND_AMOUNT_MISMATCH: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix: (f) =>
      `Someone edited it in QuickBooks. Set it back to ${back(f.amounts?.settle, f)} there (what the client really paid), or record the difference in Settle.`,
  },
  'REFUND_AMOUNT_MISMATCH/STRIPE': {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix: 'Stripe is what the client got back: correct the refund in Settle to Stripe’s amount.',
  },
  PAYMENT_MISSING_IN_SETTLE: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix: 'If the client really paid, record the payment in Settle; otherwise delete it in QuickBooks.',
  },
  MISSING_PAYMENT_IN_STRIPE: {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix:
      'Look the payment up in Stripe: if the client was never charged, reverse the payment in Settle and ask them to pay again.',
  },
  REFUND_MISSING_IN_SETTLE: {
    systems: ['SETTLE', 'STRIPE'],
    suggestedFix:
      'Record the refund on the invoice in Settle (it then reaches QuickBooks as a refund receipt), so the client’s balance is right.',
  },
  FEE_MISSING: {
    systems: ['STRIPE', 'QUICKBOOKS'],
    suggestedFix: 'Book the fee as an expense from the Stripe clearing account, so the deposit matches the payout.',
    fix: 'PUSH_FEE_TO_QUICKBOOKS',
  },
  FEE_AMOUNT_MISMATCH: {
    systems: ['STRIPE', 'QUICKBOOKS'],
    suggestedFix: (f) => `Set the fee expense in QuickBooks back to Stripe’s ${back(f.amounts?.stripe, f)}.`,
  },
  PAYOUT_MISSING_IN_SETTLE: {
    systems: ['STRIPE', 'SETTLE'],
    suggestedFix:
      'Record the payout from Stripe in Settle; its deposit then reaches QuickBooks and matches the bank statement.',
    fix: 'RECORD_STRIPE_PAYOUT',
  },
  PAYOUT_MISSING_IN_QUICKBOOKS: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix:
      'Book the payout in QuickBooks again as a deposit into the payout bank account, so the bank register matches the statement.',
    fix: 'PUSH_DEPOSIT_TO_QUICKBOOKS',
  },
  PAYOUT_AMOUNT_MISMATCH: {
    systems: ['SETTLE', 'QUICKBOOKS'],
    suggestedFix: (f) =>
      `Someone edited the deposit in QuickBooks. Set it back to ${back(f.amounts?.settle, f)}, what reached the bank.`,
  },
} satisfies Record<DiscrepancyType | `${DiscrepancyType}/${string}`, Remedy>;

/** A catalogue entry: a DiscrepancyType, or one of its variants. */
export type DiscrepancyKind = keyof typeof REMEDIES;

/** The type, systems, suggested fix and fix action of a kind, for the facts a check found. */
export function remedyOf(kind: DiscrepancyKind, facts: RemedyFacts) {
  const r: Remedy = REMEDIES[kind];
  return {
    type: kind.split('/')[0] as DiscrepancyType,
    systems: [...r.systems],
    suggestedFix: typeof r.suggestedFix === 'string' ? r.suggestedFix : r.suggestedFix(facts),
    fix: r.fix ?? null,
  };
}
