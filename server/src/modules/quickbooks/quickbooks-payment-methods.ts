import { PaymentMethod } from '../payments/payment.entity.js';
import type { AccountingProvider } from './accounting-provider.js';
import { requestIdFor } from './quickbooks-ledger.js';

/**
 * The QuickBooks payment method a Settle payment method is booked with (PaymentMethodRef), by name.
 * A bank debit or ACH is "ACH", made in the company when it has none (QuickBooks' default list has
 * only cash, check and card brands); a card payment carries no brand in Settle, so it names a method
 * only where the company has a plain "Credit Card" one. Pure.
 */
export function quickBooksMethodName(method: PaymentMethod): { name: string; create: boolean } | null {
  switch (method) {
    case PaymentMethod.BANK_DEBIT:
    case PaymentMethod.ACH:
      return { name: 'ACH', create: true };
    case PaymentMethod.CHECK:
      return { name: 'Check', create: false };
    case PaymentMethod.CASH:
      return { name: 'Cash', create: false };
    case PaymentMethod.CARD:
      return { name: 'Credit Card', create: false };
    default:
      return null;
  }
}

/** Payment methods of each company, read once per process (names → ids), so a payment push costs no extra call. */
export class QuickBooksPaymentMethods {
  private readonly byRealm = new Map<string, Promise<Map<string, string>>>();

  async refFor(qb: AccountingProvider, method: PaymentMethod): Promise<{ value: string } | undefined> {
    const wanted = quickBooksMethodName(method);
    if (!wanted) return undefined;
    const key = wanted.name.toLowerCase();
    const known = await this.methods(qb);
    let id = known.get(key);
    if (!id && wanted.create) {
      const made = await qb.createPaymentMethod(
        { Name: wanted.name, Type: 'NON_CREDIT_CARD' },
        requestIdFor('payment-method', qb.realmId, wanted.name),
      );
      id = String(made.Id);
      known.set(key, id);
    }
    return id ? { value: id } : undefined;
  }

  private methods(qb: AccountingProvider): Promise<Map<string, string>> {
    let m = this.byRealm.get(qb.realmId);
    if (!m) {
      m = qb
        .listPaymentMethods()
        .then((refs) => new Map(refs.filter((r) => r.active).map((r) => [r.name.toLowerCase(), r.id])));
      // A failed read is not kept: the next payment asks again.
      m.catch(() => this.byRealm.delete(qb.realmId));
      this.byRealm.set(qb.realmId, m);
    }
    return m;
  }
}
