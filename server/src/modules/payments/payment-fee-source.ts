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

/**
 * Every payment module's fee source behind one: asked in turn, the first fee known wins. Payment modules
 * declare theirs (ModuleParts.paymentFees); accounting integrations read this one from the container.
 */
export class PaymentFeeSources implements PaymentFeeSource {
  private readonly sources: PaymentFeeSource[] = [];

  add(source: PaymentFeeSource): void {
    this.sources.push(source);
  }

  async feeFor(orgId: string, paymentExternalId: string): Promise<PaymentFee | null> {
    for (const source of this.sources) {
      const fee = await source.feeFor(orgId, paymentExternalId);
      if (fee) return fee;
    }
    return null;
  }
}
