/** The processing fee a payment provider kept on one payment Settle recorded from it (minor units). */
export interface PaymentFee {
  /** The provider's id of the charge the fee was taken on. */
  chargeId: string;
  gross: number;
  fee: number;
  /** ISO 4217, upper case. */
  currency: string;
}

/**
 * Where an accounting integration (QuickBooks) finds provider fees, without knowing the provider: a
 * payment module exports one and the composition wires it in. Null while the fee is not known yet (not
 * settled into the balance) or when the org has no such provider connected.
 */
export interface PaymentFeeSource {
  feeFor(orgId: string, paymentExternalId: string): Promise<PaymentFee | null>;
}

/** No payment provider to ask: no fee is ever known. */
export const NO_PAYMENT_FEES: PaymentFeeSource = { feeFor: async () => null };
