import { currencyExponent, minorToDecimal } from '@settle/money';
import { getDisplayLocale } from './locale';

/**
 * Money in the API is an integer count of the currency's minor unit. Display uses the currency's own
 * exponent from @settle/money (the server's table: JPY 0, KWD 3); parsing what a person typed is exact
 * string math, never floats.
 */
export { currencyExponent, minorToDecimal };

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const exp = currencyExponent(code);
  const locale = getDisplayLocale();
  const key = `${locale ?? ''} ${code}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: code,
      minimumFractionDigits: exp,
      maximumFractionDigits: exp,
    });
    formatters.set(key, f);
  }
  // Dividing a safe integer by a power of ten and letting Intl round to `exp` digits is exact for display.
  return f.format(minor / 10 ** exp);
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; error: string };

export interface ParseMoneyOptions {
  allowNegative?: boolean;
  /**
   * Without a dot, a lone comma before one or two digits is the decimal point ("12,50" → 12.50), as payers
   * abroad type it; before three digits it could be either ("1,500": 1500, or 1.5 dinars), so it is refused
   * and the payer asked to type the amount without it; two or more commas separate thousands.
   */
  decimalComma?: boolean;
}

/**
 * "1,234.5" USD → 123450; "1234.567" USD → error (too many decimals); "500" JPY → 500; "12,50" → error (unless
 * decimalComma).
 * Accepts an optional leading minus, thousands separators (commas in groups of three, spaces) and a dot as
 * decimal point.
 */
export function parseMoney(input: string, currency: string, opts: ParseMoneyOptions = {}): ParsedMoney {
  const exp = currencyExponent(currency);
  let text = input.trim().replace(/\s/g, '');
  const loneComma = opts.decimalComma && !text.includes('.') ? /^[^,]*,(\d*)$/.exec(text) : null;
  if (loneComma?.[1]!.length === 3)
    return { ok: false, error: `Type the amount without the comma, such as ${exampleAmount(exp)}` };
  if (loneComma) text = text.replace(',', '.');
  // A comma is read only where it groups thousands: "12,50" typed for twelve fifty, or "1.234,56", would
  // otherwise lose the comma and record 1,250.00 or 1.23456.
  if (text.includes(',') && !/^-?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text))
    return {
      ok: false,
      error: `Use a dot for decimals and commas only between thousands, such as ${groupedExample(exp)}`,
    };
  const cleaned = text.replace(/,/g, '');
  if (cleaned === '') return { ok: false, error: 'Enter an amount' };
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    return { ok: false, error: `Enter a number such as ${exampleAmount(exp)}` };
  const [, minus, whole = '', frac = ''] = m;
  if (minus && !opts.allowNegative) return { ok: false, error: 'Amount cannot be negative' };
  if (frac.length > exp) {
    return {
      ok: false,
      error: exp === 0 ? `${currency} has no decimal places` : `${currency} allows at most ${exp} decimal places`,
    };
  }
  const digits = (whole + frac.padEnd(exp, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false, error: 'Amount is too large' };
  const minor = Number(digits);
  return { ok: true, minor: minus && minor !== 0 ? -minor : minor };
}

/** 1234, 1234.50 or 1234.500: how an amount of a currency with `exp` decimals is typed. */
const exampleAmount = (exp: number) => (exp === 0 ? '1234' : `1234.${'5'.padEnd(exp, '0')}`);
/** 1,234, 1,234.50 or 1,234.500: the same, its thousands grouped. */
const groupedExample = (exp: number) => `1,${exampleAmount(exp).slice(1)}`;

/** Basis points ↔ percent strings, e.g. 825 ↔ "8.25". */
export function bpsToPercent(bps: number): string {
  const s = String(Math.abs(bps)).padStart(3, '0');
  const out = `${s.slice(0, -2)}.${s.slice(-2)}`.replace(/\.?0+$/, '');
  return (bps < 0 ? '-' : '') + out;
}

export function percentToBps(input: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{0,2}))?$/.exec(input.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
