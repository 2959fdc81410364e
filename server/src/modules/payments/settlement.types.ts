import type { Actor } from '../../platform/actor.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import type { PaymentExceptionKind } from '../payment-exceptions/payment-exception.entity.js';
import type { Payment, PaymentMethod, PaymentSource } from './payment.entity.js';

/** What a client recognises a provider payment by (stored on the Payment as card_brand, card_last4, receipt_url). */
export interface PaymentCard {
  brand: string | null;
  last4: string | null;
  receiptUrl: string | null;
}

/** What the settlement path takes and answers (settlement.service.ts), for its callers in every payment module. */
export interface SettleInput {
  invoiceId: string;
  /** Positive: money received. Negative: money refunded. Minor units of the invoice currency. */
  amount: number;
  currency?: string;
  source: PaymentSource;
  method: PaymentMethod;
  reference?: string;
  /** The provider's id for this movement (charge, refund, QB Payment). Makes a replay a no-op. */
  externalId?: string | null;
  receivedOn?: string;
  /** A refund: the payment (of this invoice) it gives back, so what is left of each payment is known. */
  refundsPaymentId?: string | null;
  /** A provider card payment: the card's brand and last 4 digits, and the provider's receipt page. */
  card?: PaymentCard | null;
  /**
   * Provider money has already moved, so it is recorded even on a void invoice or past the balance (the
   * money not owed is raised as a payment exception for an admin to refund or dismiss); a person
   * recording by hand is refused instead.
   */
  allowOverpayment?: boolean;
  /**
   * A provider that takes amounts only in steps (Stripe's three-decimal currencies) was paid the balance
   * rounded down: a balance this payment leaves under `below` is closed by a credit memo giving `reason`.
   */
  closeRemainder?: { below: number; reason: string } | null;
}

export interface SettleResult {
  payment: Payment;
  /** The invoice as this payment left it. */
  invoice: Invoice;
  /** True when this external id had been recorded before: nothing changed. */
  replayed: boolean;
  /** The balance due just before this payment. */
  balanceBefore: number;
  /** Money this payment brought that is not owed (raised as a payment exception); null when none. */
  exception?: { kind: PaymentExceptionKind; excess: number } | null;
}

export interface SettleItem {
  orgId: string;
  actor: Actor;
  input: SettleInput;
}
export type SettleOutcome = SettleResult | { error: Error };

/**
 * What a credit memo is for. CREDIT: the usual (money owed back on a paid invoice, a lower balance on an
 * open one). TO_CLIENT_CREDIT: on a PAID or VOID invoice, what is credited stays on the client's account as
 * credit. CLIENT_CREDIT_APPLIED: that credit spent on this invoice (it lowers the balance like any memo).
 */
export const CreditMemoPurpose = {
  CREDIT: 'CREDIT',
  TO_CLIENT_CREDIT: 'TO_CLIENT_CREDIT',
  CLIENT_CREDIT_APPLIED: 'CLIENT_CREDIT_APPLIED',
  /**
   * A CREDIT that goes with a refund the client no longer owes (`creditInvoice`): the refund and the memo
   * leave the balance as it was, so in the books the memo does not lower what the invoice asks for.
   */
  REFUND_CREDITED: 'REFUND_CREDITED',
} as const;
export type CreditMemoPurpose = keyof typeof CreditMemoPurpose;

export interface CreditMemoInput {
  invoiceId: string;
  amount: number;
  reason: string;
  purpose?: CreditMemoPurpose;
}

/** A provider's dispute on a payment, as the provider confirmed it (amount in minor units of the payment's currency). */
export interface PaymentDispute {
  id: string;
  status: string;
  reason?: string | null;
  amount?: number;
}
