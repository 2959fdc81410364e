/**
 * What a payment provider holds for one org over a period, in Settle's terms (minor units, upper-case
 * currency): its invoices, charges, refunds and payouts, read with list endpoints for the three-way
 * reconciliation. `apiCalls` counts the requests the read made.
 */
export interface ProviderLedger {
  invoices: ProviderInvoiceFacts[];
  charges: ProviderChargeFacts[];
  refunds: ProviderRefundFacts[];
  /** Payouts to the bank arriving in the range. */
  payouts: ProviderPayoutFacts[];
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

export interface ProviderPayoutFacts {
  id: string;
  /** Net paid to the bank (minor units). */
  amount: number;
  currency: string;
  /** Stripe: pending, in_transit, paid, failed, canceled. */
  status: string;
  /** ISO date the money reaches the bank. */
  arrivalDate: string;
}

/** Created-time bounds of a ledger read (inclusive). */
export interface LedgerRange {
  from: Date;
  to: Date;
}
