/**
 * Money arrives as integer minor units. The exponent table mirrors the server's (ISO 4217 currencies
 * whose exponent is not 2), so JPY shows no decimals and KWD shows three.
 */
const EXPONENTS: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? 2;
}

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency, minimumFractionDigits: exp, maximumFractionDigits: exp });
    formatters.set(currency, f);
  }
  return f.format(minor / 10 ** exp);
}

/**
 * "12.5" → 1250 for USD, without floating point. Returns null for anything that is not a plain positive
 * amount with at most the currency's number of decimals.
 */
export function parseMoney(text: string, currency: string): number | null {
  const exp = currencyExponent(currency);
  let t = text.replace(/\s/g, '');
  t = t.includes('.') ? t.replace(/,/g, '') : t.replace(',', '.');
  const m = /^(\d{1,12})(?:\.(\d*))?$/.exec(t);
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > exp) return null;
  return Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
}

/** Minor units as the plain decimal a person types ("1234.50"). */
export function toDecimalString(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  if (!exp) return String(minor);
  const s = String(Math.abs(minor)).padStart(exp + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}
