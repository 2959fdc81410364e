import { describedEnum } from '../../graphql/described-enum.js';

/** What one outbound QuickBooks operation does (the `qbo_operations.kind` column). */
export const OpKind = describedEnum('QuickBooksOperationKind', 'What an outbound QuickBooks operation does.', {
  PUSH_INVOICE: 'Create the invoice in QuickBooks.',
  UPDATE_INVOICE: 'Update the invoice in QuickBooks.',
  VOID_INVOICE: 'Void the invoice in QuickBooks.',
  EMAIL_INVOICE: 'Have QuickBooks email the invoice.',
  PUSH_PAYMENT: 'Record a payment in QuickBooks.',
  VOID_PAYMENT: 'Void the Payment of a payment staff voided in Settle (recorded by mistake).',
  PUSH_CREDIT_MEMO: 'Record a credit memo in QuickBooks.',
  PUSH_REFUND: 'Record a refund (refund receipt) in QuickBooks.',
  DELETE_REFUND: 'Delete the refund receipt of a refund that failed at the payment provider.',
  STRIPE_FEE: "Record Stripe's processing fee as a Purchase.",
  UPDATE_CUSTOMER: 'Create or update the customer.',
  PUSH_DEPOSIT: 'Record a Stripe payout as a Deposit.',
  DELETE_DEPOSIT: 'Delete the Deposit of a Stripe payout the bank returned.',
  STRIPE_DISPUTE_FEE: "Record Stripe's dispute fee as a Purchase.",
  APPLY_CLIENT_CREDIT: 'Apply client credit (credit memos) to an invoice.',
  VOID_CREDIT_APPLICATION: 'Undo an application of client credit.',
});
export type OpKind = keyof typeof OpKind;

export const OperationStatus = describedEnum(
  'QuickBooksOperationStatus',
  'Where an outbound QuickBooks operation stands.',
  {
    PENDING: 'Waiting to run, or to be retried.',
    DONE: 'QuickBooks has it.',
    FAILED: 'Gave up after its retries; a QuickBooks exception says why.',
    SKIPPED: 'Not needed any more (e.g. QuickBooks already had it).',
  },
);
export type OperationStatus = keyof typeof OperationStatus;
