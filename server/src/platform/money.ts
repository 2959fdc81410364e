/**
 * Money is always an integer count of the currency's minor unit. The currency table (known codes and
 * their exponents) lives in @settle/money, shared with both SPAs; this file adds the server's own
 * formatting and rounding.
 */
import { currencyExponent } from '@settle/money';

export { currencyExponent, isKnownCurrency } from '@settle/money';

/** One formatter for every call: toLocaleString builds a new one each time (tens of µs). */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Human format for emails and logs, e.g. formatMoney(123456, 'USD') → "USD 1,234.56". */
export function formatMoney(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = GROUPED.format(Math.floor(abs / 10 ** exp));
  const frac = exp ? '.' + String(abs % 10 ** exp).padStart(exp, '0') : '';
  return `${currency.toUpperCase()} ${sign}${whole}${frac}`;
}

/** Integer division rounding half away from zero, for amounts derived from rates and quantities. */
export function roundDiv(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const r = numerator % denominator;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  const away = twice >= (denominator < 0n ? -denominator : denominator);
  if (!away) return q;
  return numerator < 0n !== denominator < 0n ? q - 1n : q + 1n;
}

/**
 * The largest amount Settle accepts or books, in minor units: 10^13 (USD 100 billion). Every input
 * amount, every line amount and every invoice total stays within it, so sums of up to 500 lines stay
 * far inside both PostgreSQL bigint and JS safe integers (2^53 ≈ 9·10^15) and never round.
 */
export const MAX_AMOUNT = 10_000_000_000_000;
