/**
 * Money in the API is an integer count of the currency's minor unit. Formatting uses the currency's own
 * exponent (JPY 0, KWD 3); parsing what a person typed is exact string math, never floats.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

/** Same table as the server (platform/money.ts), so both sides agree on where the point goes. */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number, currency: string): string {
  const code = currency.toUpperCase();
  const exp = currencyExponent(code);
  let f = formatters.get(code);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, minimumFractionDigits: exp, maximumFractionDigits: exp });
    formatters.set(code, f);
  }
  // Dividing a safe integer by a power of ten and letting Intl round to `exp` digits is exact for display.
  return f.format(minor / 10 ** exp);
}

/** Minor units as a plain decimal string for editing, e.g. 12345 USD → "123.45", 500 JPY → "500". */
export function minorToInput(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; error: string };

/**
 * "1,234.5" USD → 123450; "1234.567" USD → error (too many decimals); "500" JPY → 500.
 * Accepts an optional leading minus, thousands separators (commas, spaces) and a dot as decimal point.
 */
export function parseMoney(input: string, currency: string, opts: { allowNegative?: boolean } = {}): ParsedMoney {
  const exp = currencyExponent(currency);
  const cleaned = input.trim().replace(/[,\s]/g, '');
  if (cleaned === '') return { ok: false, error: 'Enter an amount' };
  const m = /^(-)?(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return { ok: false, error: 'Enter a number such as 1234.50' };
  const [, minus, whole = '', frac = ''] = m;
  if (minus && !opts.allowNegative) return { ok: false, error: 'Amount cannot be negative' };
  if (frac.length > exp) {
    return { ok: false, error: exp === 0 ? `${currency} has no decimal places` : `${currency} allows at most ${exp} decimal places` };
  }
  const digits = (whole + frac.padEnd(exp, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return { ok: false, error: 'Amount is too large' };
  const minor = Number(digits);
  return { ok: true, minor: minus && minor !== 0 ? -minor : minor };
}

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

/** Decimal hours from minutes, for display: 90 → "1.5 h". */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : `${h}h ${String(m).padStart(2, '0')}m`;
}
