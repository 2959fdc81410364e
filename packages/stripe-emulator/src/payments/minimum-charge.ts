import { invalidRequest } from '../core/errors.js';

/**
 * Stripe's smallest charge per currency, in minor units (docs.stripe.com/currencies, "Minimum and maximum
 * charge amounts"): USD 0.50, GBP 0.30, JPY 50, HUF 175.00… A currency not listed has no minimum here
 * (Stripe converts it to the account's settlement currency and holds that minimum).
 */
const MINIMUM: Record<string, number> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

const ZERO_DECIMAL = new Set(['jpy', 'krw', 'vnd', 'clp', 'isk', 'ugx', 'xaf', 'xof', 'pyg', 'rwf']);
/**
 * Stripe's three-decimal currencies: it takes their amounts only in steps of 10 minor units ("Your
 * integration must round amounts to the nearest ten. For example, 5.124 KWD must be rounded to 5120 or
 * 5130", docs.stripe.com/currencies#three-decimal).
 */
const THREE_DECIMAL = new Set(['bhd', 'jod', 'kwd', 'omr', 'tnd']);

/** The minimum as Stripe words it: "$0.50 usd", "0.30 gbp", "50 jpy". */
function worded(currency: string, minor: number): string {
  const digits = ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.has(currency) ? 3 : 2;
  const amount = (minor / 10 ** digits).toFixed(digits);
  return `${currency === 'usd' ? '$' : ''}${amount} ${currency}`;
}

/**
 * Throws `amount_too_small` for an amount under the currency's minimum: a PaymentIntent's `amount`, or
 * the least a payer may enter for a custom-amount price (`custom_unit_amount[minimum]`, which Stripe's
 * reference says "must be at least the minimum charge amount").
 */
export function requireChargeable(amount: number, currency: string, param = 'amount'): void {
  // A currency without a listed minimum still takes no charge of nothing (Stripe holds the settlement
  // currency's minimum there; at least one minor unit is certain).
  const min = MINIMUM[currency] ?? 1;
  if (amount < min) throw invalidRequest(`Amount must be at least ${worded(currency, min)}`, param, 'amount_too_small');
}

/** The same for a Checkout Session in payment mode, whose line items must add up to the minimum. */
export function requireChargeableSession(total: number, currency: string): void {
  const min = MINIMUM[currency];
  if (min !== undefined && total < min)
    throw invalidRequest(
      `The Checkout Session's total amount due must add up to at least ${worded(currency, min)}`,
      'line_items',
      'amount_too_small',
    );
}

/** Throws for an amount in a three-decimal currency whose least-significant digit is not 0. */
export function requireTenStep(
  amount: number | null | undefined,
  currency: string | undefined,
  param = 'amount',
): void {
  if (amount == null || !currency || !THREE_DECIMAL.has(currency) || amount % 10 === 0) return;
  const down = amount - (amount % 10);
  throw invalidRequest(
    `Invalid amount: ${amount} ${currency}. Amounts in ${currency} must be rounded to the nearest ten (the last digit must be 0), for example ${down} or ${down + 10}.`,
    param,
    'amount_invalid',
  );
}
