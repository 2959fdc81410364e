import { paymentMethodName } from './payment-card';

/** What the API says of a payment row that these words read (its PaymentKind, PaymentSource and PaymentMethod). */
export interface PaymentFacts {
  kind: string;
  source: string;
  method: string;
  amount: number;
  voided?: boolean;
}

/**
 * How the money came (or went back), in words: by hand "Check", "Wire transfer"; through a provider "Card via
 * Stripe", "Check in QuickBooks" (where it was recorded says where to look for it, and where it is refunded).
 */
export function paymentWay(p: Pick<PaymentFacts, 'source' | 'method'>): string {
  const method = paymentMethodName(p.method);
  if (p.source === 'STRIPE') return `${method} via Stripe`;
  if (p.source === 'QUICKBOOKS') return `${method} in QuickBooks`;
  return method;
}

/**
 * What a row is: "Payment", "Payment (voided)", "Refund"; an ADJUSTMENT is "Void" when staff took a payment
 * off in Settle (recorded by hand, negative), else "Correction" (an amount changed in QuickBooks, a refund undone).
 */
export function paymentKindLabel(p: PaymentFacts): string {
  if (p.kind === 'PAYMENT') return p.voided ? 'Payment (voided)' : 'Payment';
  if (p.kind === 'REFUND') return 'Refund';
  if (p.kind === 'ADJUSTMENT') return p.source === 'MANUAL' && p.amount < 0 ? 'Void' : 'Correction';
  return p.kind.charAt(0) + p.kind.slice(1).toLowerCase();
}
