/**
 * Money is always an integer count of the currency's minor unit. The exponent table covers the ISO 4217
 * currencies whose exponent is not 2; every other known code uses 2.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** ISO 4217 codes Settle accepts. */
const KNOWN = new Set(
  ('AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BWP BYN BZD CAD ' +
    'CDF CHF CLP CNY COP CRC CVE CZK DJF DKK DOP DZD EGP ETB EUR FJD GBP GEL GHS GIP GMD GNF GTQ GYD HKD ' +
    'HNL HTG HUF IDR ILS INR IQD ISK JMD JOD JPY KES KGS KHR KMF KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD ' +
    'MAD MDL MGA MKD MMK MNT MOP MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR ' +
    'PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SEK SGD SHP SLE SOS SRD STD SZL THB TJS TND TOP TRY TTD TWD ' +
    'TZS UAH UGX USD UYU UZS VND VUV WST XAF XCD XOF XPF YER ZAR ZMW').split(' '),
);

export function isKnownCurrency(code: string): boolean {
  return KNOWN.has(code.toUpperCase());
}

export function currencyExponent(code: string): number {
  return EXPONENTS[code.toUpperCase()] ?? 2;
}

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
  return (numerator < 0n) !== (denominator < 0n) ? q - 1n : q + 1n;
}

/**
 * The largest amount Settle accepts or books, in minor units: 10^13 (USD 100 billion). Every input
 * amount, every line amount and every invoice total stays within it, so sums of up to 500 lines stay
 * far inside both PostgreSQL bigint and JS safe integers (2^53 ≈ 9·10^15) and never round.
 */
export const MAX_AMOUNT = 10_000_000_000_000;
