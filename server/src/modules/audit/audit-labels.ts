/** What an audit action reads as to people; an action not listed reads as its last part ("invoice.sent" → "Sent"). */
const ACTION_LABELS: Record<string, string> = {
  'invoice.created': 'Draft created',
  'invoice.draft_updated': 'Draft edited',
  'invoice.sent': 'Sent',
  'invoice.resent': 'Sent again',
  'invoice.payment_recorded': 'Payment recorded',
  'invoice.payment_failed': 'Payment failed',
  'invoice.refund_recorded': 'Refund recorded',
  'invoice.payment_voided': 'Payment voided (recorded by mistake)',
  'invoice.refund_reversed': 'Refund failed at the provider: undone',
  'invoice.overpaid': 'Overpaid',
  'invoice.credit_memo_issued': 'Credit memo issued',
  'invoice.voided': 'Voided',
  'invoice.voided_work_released': 'Time and contract periods released to be billed again',
  'invoice.marked_uncollectible': 'Marked uncollectible',
  'reminder_policy.set': 'Payment reminders set',
  'reminder_policy.cleared': "Payment reminders follow the organization's",
};

export function actionLabel(action: string): string {
  const known = ACTION_LABELS[action];
  if (known) return known;
  const tail = action.split('.').pop() ?? action;
  return tail.charAt(0).toUpperCase() + tail.slice(1).replace(/_/g, ' ');
}

/** One QuickBooks operation kind: what it did once done, and what it is about while queued or failing. */
const QUICKBOOKS_KINDS: Record<string, { done: string; what: string }> = {
  PUSH_INVOICE: { done: 'Pushed to QuickBooks', what: 'push of the invoice' },
  UPDATE_INVOICE: { done: 'Updated in QuickBooks', what: 'update of the invoice' },
  VOID_INVOICE: { done: 'Voided in QuickBooks', what: 'void of the invoice' },
  EMAIL_INVOICE: { done: 'Emailed by QuickBooks', what: 'email of the invoice' },
  PUSH_PAYMENT: { done: 'Payment pushed to QuickBooks', what: 'push of a payment' },
  VOID_PAYMENT: { done: 'Payment voided in QuickBooks', what: 'void of a payment' },
  PUSH_REFUND: { done: 'Refund pushed to QuickBooks', what: 'push of a refund' },
  DELETE_REFUND: { done: 'Failed refund deleted in QuickBooks', what: 'deletion of a failed refund' },
  PUSH_CREDIT_MEMO: { done: 'Credit memo pushed to QuickBooks', what: 'push of a credit memo' },
  STRIPE_FEE: { done: 'Stripe fee booked in QuickBooks', what: 'booking of the Stripe fee' },
  DELETE_DEPOSIT: { done: 'Returned payout deleted in QuickBooks', what: 'deletion of a returned payout' },
};

/** The QuickBooks entity type an operation kind writes, to name it as QuickBooks does ("Invoice 123"). */
const QUICKBOOKS_TYPES: Record<string, string> = {
  PUSH_INVOICE: 'Invoice',
  UPDATE_INVOICE: 'Invoice',
  VOID_INVOICE: 'Invoice',
  EMAIL_INVOICE: 'Invoice',
  PUSH_PAYMENT: 'Payment',
  VOID_PAYMENT: 'Payment',
  PUSH_REFUND: 'RefundReceipt',
  DELETE_REFUND: 'RefundReceipt',
  PUSH_CREDIT_MEMO: 'CreditMemo',
  STRIPE_FEE: 'Purchase',
  DELETE_DEPOSIT: 'Deposit',
};

export interface QuickBooksOperationRow {
  kind: string;
  status: 'PENDING' | 'DONE' | 'FAILED' | 'SKIPPED';
  attempts: number;
  lastError: string | null;
  qbId: string | null;
}

/** A QuickBooks sync step as a sentence: "Pushed to QuickBooks (Invoice 123)", "QuickBooks sync failed: … retrying". */
export function quickBooksStepLabel(op: QuickBooksOperationRow): string {
  const kind = QUICKBOOKS_KINDS[op.kind] ?? {
    done: `QuickBooks ${op.kind.toLowerCase()}`,
    what: op.kind.toLowerCase(),
  };
  const error = op.lastError ? `: ${op.lastError}` : '';
  switch (op.status) {
    case 'DONE':
      return op.qbId ? `${kind.done} (${QUICKBOOKS_TYPES[op.kind] ?? 'record'} ${op.qbId})` : kind.done;
    case 'FAILED':
      return `QuickBooks sync failed${error} (gave up after ${op.attempts} attempts)`;
    case 'SKIPPED':
      return `Not sent to QuickBooks (${kind.what})${error}`;
    case 'PENDING':
      return op.attempts > 0 ? `QuickBooks sync failed${error}, retrying` : `Queued for QuickBooks: ${kind.what}`;
  }
}
