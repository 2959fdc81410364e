import type {
  ProviderChargeFacts,
  ProviderInvoiceFacts,
  ProviderPayoutFacts,
  ProviderRefundFacts,
} from '../payments/provider-ledger.js';

/**
 * What each of the three systems says about one organization's period, in Settle's terms (integer
 * minor units, upper-case currency). The checks (reconciliation-checks.ts) compare these and nothing
 * else, so they are pure and run without a database or an API.
 */

export interface SettleInvoiceFacts {
  id: string;
  number: string;
  currency: string;
  /** InvoiceStatus: DRAFT, SENT, PARTIALLY_PAID, PAID, VOID, UNCOLLECTIBLE. */
  status: string;
  total: number;
  paid: number;
  balance: number;
  /** The Stripe invoice Settle linked (hosted invoices), if any. */
  stripeInvoiceId: string | null;
  /** The QuickBooks invoice Settle pushed, if any. */
  qbInvoiceId: string | null;
}

export interface SettleMoneyFacts {
  id: string;
  invoiceId: string;
  kind: 'PAYMENT' | 'REFUND';
  /** PaymentSource: MANUAL, STRIPE, QUICKBOOKS. */
  source: string;
  /** Positive, for payments and refunds alike. */
  amount: number;
  currency: string;
  externalId: string | null;
  /** The QuickBooks Payment (payments) or RefundReceipt (refunds) Settle wrote or matched, if any. */
  qbId: string | null;
}

/** A Stripe payout Settle recorded (stripe_payouts), and the QuickBooks Deposit it booked it as. */
export interface SettlePayoutFacts {
  id: string;
  stripePayoutId: string;
  amount: number;
  currency: string;
  arrivalDate: string;
  qbDepositId: string | null;
}

export interface SettleSide {
  invoices: SettleInvoiceFacts[];
  money: SettleMoneyFacts[];
  /** A Stripe payment's id as Settle recorded it → the QuickBooks Purchase Settle booked its fee as. */
  feeLinks: Map<string, string>;
  /** Settle entity ids with a QuickBooks operation still queued: not a discrepancy yet, only in flight. */
  inFlight: Set<string>;
  /** Both fee accounts are mapped, so every Stripe fee is expected in QuickBooks. */
  feesBooked: boolean;
  /** Stripe payouts Settle recorded arriving from the period's start on (a day's margin, as Stripe's read). */
  payouts: SettlePayoutFacts[];
  /** Payout deposits are mapped (payout bank and its source accounts), so every recorded payout is expected as a Deposit. */
  payoutsBooked: boolean;
}

export type StripeInvoiceFacts = ProviderInvoiceFacts;
export type StripeChargeFacts = ProviderChargeFacts;
export type StripeRefundFacts = ProviderRefundFacts;
export type StripePayoutFacts = ProviderPayoutFacts;

export interface StripeSide {
  invoices: Map<string, StripeInvoiceFacts>;
  charges: StripeChargeFacts[];
  refunds: StripeRefundFacts[];
  payouts: StripePayoutFacts[];
}

export interface QbAmountFacts {
  id: string;
  /** Minor units of the document's currency. */
  total: number;
  voided: boolean;
}

export interface QbInvoiceFacts extends QbAmountFacts {
  balance: number;
}

export interface QbPaymentFacts extends QbAmountFacts {
  /** The QuickBooks invoices it is applied to. */
  invoiceIds: string[];
}

export interface QuickBooksSide {
  invoices: Map<string, QbInvoiceFacts>;
  payments: Map<string, QbPaymentFacts>;
  refundReceipts: Map<string, QbAmountFacts>;
  purchases: Map<string, QbAmountFacts>;
  deposits: Map<string, QbAmountFacts>;
}

/** Everything one run compares. A system the org has not connected is null and is not compared. */
export interface ReconciliationInput {
  settle: SettleSide;
  stripe: StripeSide | null;
  quickbooks: QuickBooksSide | null;
}
