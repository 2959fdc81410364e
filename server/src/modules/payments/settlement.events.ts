import type { InvoiceChange } from '../invoices/invoice.events.js';
import type { CreditMemo, Payment } from './payment.entity.js';
import type { CreditMemoPurpose, PaymentDispute } from './settlement.types.js';

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
    /**
     * A dispute opened (`open`) or ended on a provider payment: the invoice's disputed flag changed with
     * it. A lost dispute's chargeback is a separate `payment.recorded` (a negative payment).
     */
    'payment.dispute-changed': InvoiceChange & { payment: Payment; open: boolean; dispute: PaymentDispute };
    /**
     * A refund Settle had booked did not happen: the provider reported it failed or canceled later, and
     * `adjustment` (an ADJUSTMENT naming `refund`) took it back off the invoice. The books take back the
     * refund they were given.
     */
    'payment.refund-reversed': InvoiceChange & { refund: Payment; adjustment: Payment };
    /**
     * A payment no longer counts on its invoice because it was voided: by staff in Settle (voidPayment, a
     * payment recorded by hand by mistake; `adjustment.source` MANUAL), or voided or deleted in the books
     * (`adjustment.source` QUICKBOOKS). `adjustment` (an ADJUSTMENT naming `payment`) took it off the invoice,
     * `reason` says why. Once per payment. The books void their Payment when the void was Settle's.
     */
    'payment.voided': InvoiceChange & { payment: Payment; adjustment: Payment; reason: string };
    /**
     * Money was taken away from the invoice (a payment deleted or lowered in the books, a chargeback, a
     * refund made at the provider) below what of its payments had become the client's credit
     * (`invoice.amountKeptAsCredit`): `unfunded` of that credit came from money that is gone. `cause` is
     * the row that took it (the ADJUSTMENT or the REFUND). The handler (client-credits) takes it back from
     * the client's credit, once per cause, and gives it back to the invoice through
     * `SettlementService.takeBackKeptCreditIn`, which updates `invoice` in place; the invoice lock is held.
     * Emitted before the change's own `invoice.balance-changed`, so that sees the balance after it.
     */
    'invoice.kept-credit-unfunded': InvoiceChange & { cause: Payment; unfunded: number };
    /** Balances changed (payment, refund, credit memo): stale payment sessions must go. One entry per invoice. */
    'invoice.balance-changed': InvoiceChange[];
  }
}
