/**
 * What a payment provider holds for one org over a period, in Settle's terms (minor units, upper-case
 * currency): its invoices, charges and refunds, read with list endpoints for the three-way
 * reconciliation. `apiCalls` counts the requests the read made.
 */
export interface ProviderLedger {
  invoices: ProviderInvoiceFacts[];
  charges: ProviderChargeFacts[];
  refunds: ProviderRefundFacts[];
  apiCalls: number;
}

export interface ProviderInvoiceFacts {
  id: string;
  /** The provider's status (Stripe: draft, open, paid, void, uncollectible). */
  status: string;
  total: number;
  amountPaid: number;
  amountRemaining: number;
  currency: string;
  /** The PaymentIntents (or the provider's equivalent) that paid it. */
  paymentIntents: string[];
}

export interface ProviderChargeFacts {
  id: string;
  paymentIntent: string | null;
  amount: number;
  currency: string;
  /** succeeded, pending, failed. */
  status: string;
  /** The provider's processing fee on it; null while not settled into the balance. */
  fee: number | null;
}

export interface ProviderRefundFacts {
  id: string;
  chargeId: string | null;
  paymentIntent: string | null;
  amount: number;
  currency: string;
  status: string;
}

/** Created-time bounds of a ledger read (inclusive). */
export interface LedgerRange {
  from: Date;
  to: Date;
}
