import { describedEnum } from '../../graphql/described-enum.js';

/** What can really diverge between Settle, Stripe and QuickBooks. */
export const DiscrepancyType = describedEnum('DiscrepancyType', 'A kind of disagreement between the systems.', {
  MISSING_IN_QUICKBOOKS: 'An invoice Settle has is not in QuickBooks.',
  AMOUNT_MISMATCH: 'An invoice totals differently in two systems.',
  BALANCE_MISMATCH: "An invoice's open balance differs between systems.",
  STATUS_MISMATCH: 'An invoice has a different status in two systems.',
  MISSING_IN_STRIPE: 'An invoice Settle sent through Stripe is not in Stripe.',
  OPEN_IN_STRIPE_BUT_SETTLED:
    'Settle has the invoice settled (paid, void or uncollectible) but Stripe still offers it for payment.',
  PAID_IN_STRIPE_NOT_IN_SETTLE: 'Stripe has the invoice paid but Settle does not.',
  MISSING_PAYMENT_IN_QUICKBOOKS: 'A payment Settle recorded is not in QuickBooks.',
  MISSING_PAYMENT_IN_STRIPE: 'A Stripe payment Settle recorded is not in Stripe.',
  PAYMENT_MISSING_IN_SETTLE: 'A payment in Stripe or QuickBooks is not recorded in Settle.',
  PAYMENT_AMOUNT_MISMATCH: 'A payment has a different amount in two systems.',
  REFUND_MISSING: 'A refund Settle recorded is missing in Stripe or QuickBooks.',
  REFUND_MISSING_IN_SETTLE: 'A refund in Stripe or QuickBooks is not recorded in Settle.',
  REFUND_AMOUNT_MISMATCH: 'A refund has a different amount in two systems.',
  FEE_MISSING: "Stripe's processing fee is not booked in QuickBooks.",
  FEE_AMOUNT_MISMATCH: "Stripe's processing fee differs from the fee booked in QuickBooks.",
  PAYOUT_MISSING_IN_SETTLE: 'A Stripe payout is not recorded in Settle.',
  PAYOUT_MISSING_IN_QUICKBOOKS: 'A Stripe payout has no deposit in QuickBooks.',
  PAYOUT_AMOUNT_MISMATCH: 'A Stripe payout differs from its deposit in QuickBooks.',
});
export type DiscrepancyType = keyof typeof DiscrepancyType;

export const ReconciledSystem = describedEnum('ReconciledSystem', 'A system the reconciliation compares.', {
  SETTLE: 'Settle.',
  STRIPE: 'Stripe.',
  QUICKBOOKS: 'QuickBooks Online.',
});
export type ReconciledSystem = keyof typeof ReconciledSystem;

/** What Settle can do by itself about a discrepancy (null on a finding: it needs a person). */
export const FixAction = describedEnum('ReconciliationFixAction', 'What fixing a discrepancy does.', {
  PUSH_INVOICE_TO_QUICKBOOKS: 'Create the invoice in QuickBooks.',
  UPDATE_QUICKBOOKS_INVOICE: "Update QuickBooks' invoice to Settle's.",
  VOID_QUICKBOOKS_INVOICE: 'Void the invoice in QuickBooks.',
  PUSH_PAYMENT_TO_QUICKBOOKS: 'Record the payment in QuickBooks.',
  PUSH_REFUND_TO_QUICKBOOKS: 'Record the refund in QuickBooks.',
  PUSH_FEE_TO_QUICKBOOKS: "Book Stripe's fee in QuickBooks.",
  VOID_STRIPE_INVOICE: 'Void the invoice in Stripe so it cannot be paid twice.',
  PUSH_DEPOSIT_TO_QUICKBOOKS: 'Record the payout as a deposit in QuickBooks.',
  RECORD_STRIPE_PAYOUT: 'Read the payout from Stripe and record it in Settle.',
});
export type FixAction = keyof typeof FixAction;

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
