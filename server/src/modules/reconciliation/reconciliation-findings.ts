import { registerEnumType } from 'type-graphql';
import { stringEnum } from '../../platform/string-enum.js';

/** What can really diverge between Settle, Stripe and QuickBooks. */
export const DiscrepancyType = stringEnum(
  'MISSING_IN_QUICKBOOKS',
  'AMOUNT_MISMATCH',
  'BALANCE_MISMATCH',
  'STATUS_MISMATCH',
  'MISSING_IN_STRIPE',
  'OPEN_IN_STRIPE_BUT_SETTLED',
  'PAID_IN_STRIPE_NOT_IN_SETTLE',
  'MISSING_PAYMENT_IN_QUICKBOOKS',
  'MISSING_PAYMENT_IN_STRIPE',
  'PAYMENT_MISSING_IN_SETTLE',
  'PAYMENT_AMOUNT_MISMATCH',
  'REFUND_MISSING',
  'REFUND_MISSING_IN_SETTLE',
  'REFUND_AMOUNT_MISMATCH',
  'FEE_MISSING',
  'FEE_AMOUNT_MISMATCH',
  'PAYOUT_MISSING_IN_SETTLE',
  'PAYOUT_MISSING_IN_QUICKBOOKS',
  'PAYOUT_AMOUNT_MISMATCH',
);
export type DiscrepancyType = keyof typeof DiscrepancyType;
registerEnumType(DiscrepancyType, {
  name: 'DiscrepancyType',
  description: 'A kind of disagreement between the systems.',
});

export const ReconciledSystem = stringEnum('SETTLE', 'STRIPE', 'QUICKBOOKS');
export type ReconciledSystem = keyof typeof ReconciledSystem;
registerEnumType(ReconciledSystem, { name: 'ReconciledSystem' });

/** What Settle can do by itself about a discrepancy (null on a finding: it needs a person). */
export const FixAction = stringEnum(
  'PUSH_INVOICE_TO_QUICKBOOKS',
  'UPDATE_QUICKBOOKS_INVOICE',
  'VOID_QUICKBOOKS_INVOICE',
  'PUSH_PAYMENT_TO_QUICKBOOKS',
  'PUSH_REFUND_TO_QUICKBOOKS',
  'PUSH_FEE_TO_QUICKBOOKS',
  'VOID_STRIPE_INVOICE',
  'PUSH_DEPOSIT_TO_QUICKBOOKS',
  'RECORD_STRIPE_PAYOUT',
);
export type FixAction = keyof typeof FixAction;
registerEnumType(FixAction, { name: 'ReconciliationFixAction' });

/** One discrepancy as a check reports it. */
export interface Finding {
  /** Stable identity (type and subject): a later run that still finds it reports the same key. */
  key: string;
  type: DiscrepancyType;
  systems: ReconciledSystem[];
  invoiceId: string | null;
  invoiceNumber: string | null;
  /** What it is about, in words ("Payment chk-1 of 100.00"), and the id the fix acts on. */
  subject: string;
  subjectId: string;
  currency: string;
  settleAmount: number | null;
  stripeAmount: number | null;
  quickBooksAmount: number | null;
  /** What differs, for an accountant. */
  detail: string;
  suggestedFix: string;
  fix: FixAction | null;
  /** What the fix needs besides the subject (e.g. the Settle payment a fee belongs to). */
  fixData: Record<string, string>;
}

/** Accountant-facing words for each type (admin page, CSV, emails). */
export const DISCREPANCY_LABELS: Record<DiscrepancyType, string> = {
  MISSING_IN_QUICKBOOKS: 'Invoice missing in QuickBooks',
  AMOUNT_MISMATCH: 'Invoice total differs',
  BALANCE_MISMATCH: 'Invoice balance differs',
  STATUS_MISMATCH: 'Invoice status differs',
  MISSING_IN_STRIPE: 'Invoice missing in Stripe',
  OPEN_IN_STRIPE_BUT_SETTLED: 'Still payable in Stripe',
  PAID_IN_STRIPE_NOT_IN_SETTLE: 'Paid in Stripe, open in Settle',
  MISSING_PAYMENT_IN_QUICKBOOKS: 'Payment missing in QuickBooks',
  MISSING_PAYMENT_IN_STRIPE: 'Payment missing in Stripe',
  PAYMENT_MISSING_IN_SETTLE: 'Payment missing in Settle',
  PAYMENT_AMOUNT_MISMATCH: 'Payment amount differs',
  REFUND_MISSING: 'Refund missing in QuickBooks',
  REFUND_MISSING_IN_SETTLE: 'Refund missing in Settle',
  REFUND_AMOUNT_MISMATCH: 'Refund amount differs',
  FEE_MISSING: 'Stripe fee missing in QuickBooks',
  FEE_AMOUNT_MISMATCH: 'Stripe fee differs in QuickBooks',
  PAYOUT_MISSING_IN_SETTLE: 'Stripe payout missing in Settle',
  PAYOUT_MISSING_IN_QUICKBOOKS: 'Payout deposit missing in QuickBooks',
  PAYOUT_AMOUNT_MISMATCH: 'Payout deposit differs in QuickBooks',
};
