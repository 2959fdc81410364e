import type { InvoiceChange } from '../invoices/invoice.events.js';
import type { CreditMemo, Payment } from './payment.entity.js';
import type { CreditMemoPurpose } from './settlement.types.js';

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /**
     * Payments or refunds from any source (`payment.source` tells where each came from). A settlement
     * batch records many in one transaction, so handlers get them all at once and can read what they
     * need in one statement.
     */
    'payment.recorded': Array<InvoiceChange & { payment: Payment }>;
    /** `purpose` says whether it credits, keeps the credit on the client's account, or spends that credit. */
    'credit-memo.issued': InvoiceChange & { creditMemo: CreditMemo; purpose: CreditMemoPurpose };
    /** Balances changed (payment, refund, credit memo): stale payment sessions must go. One entry per invoice. */
    'invoice.balance-changed': InvoiceChange[];
  }
}
