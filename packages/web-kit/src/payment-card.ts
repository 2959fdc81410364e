/** Card brands as their owners write them (Stripe's `payment_method_details.card.brand`); others are capitalised. */
const BRAND: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  cartes_bancaires: 'Cartes Bancaires',
};

/** A card's brand in words: `visa` → "Visa". */
export const cardBrandName = (brand: string) => BRAND[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1);

/** How a payment was made, in words (the API's PaymentMethod): "Check", "Bank transfer (ACH)". */
const METHOD: Record<string, string> = {
  CARD: 'Card',
  BANK_DEBIT: 'Bank debit',
  ACH: 'Bank transfer (ACH)',
  WIRE: 'Wire transfer',
  CHECK: 'Check',
  CASH: 'Cash',
  OTHER: 'Other',
};

/** A payment method in words: `CHECK` → "Check", `ACH` → "Bank transfer (ACH)"; an unknown one capitalised. */
export const paymentMethodName = (method: string) =>
  METHOD[method] ?? method.charAt(0) + method.slice(1).replace(/_/g, ' ').toLowerCase();

/**
 * What a payer recognises a card (or bank account) by: "Visa ·· 4242", or `fallback` ·· its last 4 when
 * the brand is unknown; null when neither is known.
 */
export function cardLabel(
  card: { cardBrand?: string | null; cardLast4?: string | null },
  fallback: string,
): string | null {
  if (!card.cardBrand && !card.cardLast4) return null;
  const name = card.cardBrand ? cardBrandName(card.cardBrand) : fallback;
  return card.cardLast4 ? `${name} ·· ${card.cardLast4}` : name;
}
