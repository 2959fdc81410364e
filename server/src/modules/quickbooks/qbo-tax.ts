// How Settle's invoice tax reaches QuickBooks: through its sales tax codes, never as a plain line.
// Pure functions (no database, no QuickBooks call), unit-tested in qbo-tax.test.ts.
import { roundDiv } from '../../platform/money.js';
import { toQbAmount } from './qbo-amounts.js';

/** A QuickBooks sales tax code with the sum of its sales rates (null: none, as the US TAX/NON codes). */
export interface QbTaxCode {
  id: string;
  name: string;
  active: boolean;
  salesRatePercent: number | null;
}

export interface TaxedLine {
  amount: number;
  taxRateBps: number;
}

/** Settle rate (basis points) → QuickBooks TaxCode id, chosen on the mapping page. */
export type TaxCodeOverrides = Record<string, string>;

/**
 * The tax QuickBooks computes for these lines, in minor units: per rate, on the sum of the lines
 * it applies to, rounded half away from zero (one TaxLine per rate). Settle rounds each line's tax
 * instead, so the two can differ by a minor unit per line.
 */
export function quickBooksTax(lines: TaxedLine[]): number {
  const byRate = new Map<number, number>();
  for (const l of lines) if (l.taxRateBps > 0) byRate.set(l.taxRateBps, (byRate.get(l.taxRateBps) ?? 0) + l.amount);
  let tax = 0;
  for (const [bps, net] of byRate) tax += Number(roundDiv(BigInt(net) * BigInt(bps), 10000n));
  return tax;
}

export const percentOf = (bps: number) => `${(bps / 100).toString()}%`;

/** The code for a Settle rate: the one chosen for it, else the first active code with exactly that rate. */
export function taxCodeFor(bps: number, codes: QbTaxCode[], overrides: TaxCodeOverrides): QbTaxCode | null {
  const chosen = overrides[String(bps)];
  if (chosen) return codes.find((c) => c.id === chosen && c.active) ?? null;
  return (
    codes.find(
      (c) => c.active && c.salesRatePercent !== null && Math.round(c.salesRatePercent * 100) === Math.round(bps),
    ) ?? null
  );
}

export interface TaxPlan {
  /** TaxCodeRef of each line, in order. */
  lineCodes: Array<string | null>;
  /** TxnTaxDetail to send, when the invoice is taxed. */
  txnTaxDetail: Record<string, unknown> | null;
  /** Settle's tax minus QuickBooks' own computation (sent as QuickBooks' tax override when not 0). */
  roundingDelta: number;
}

export interface TaxPlanInput {
  /** US companies: TAX/NON per line and one code for the invoice; others: a code per line. */
  us: boolean;
  invoiceNumber: string;
  currency: string;
  lines: TaxedLine[];
  taxTotal: number;
  codes: QbTaxCode[];
  overrides: TaxCodeOverrides;
}

const noCode = (bps: number, number: string) =>
  `Invoice ${number} has tax at ${percentOf(bps)}, and no active QuickBooks sales tax code has that rate. ` +
  `Create one in QuickBooks, or choose the code for ${percentOf(bps)} in Settle's QuickBooks settings (tax codes), then retry.`;

/** The tax codes of an invoice for QuickBooks, or why it cannot be booked (a sentence for an accountant). */
export function taxPlan(p: TaxPlanInput): TaxPlan | { refuse: string } {
  const rates = [...new Set(p.lines.map((l) => l.taxRateBps).filter((r) => r > 0))];
  const settleTax = p.taxTotal;
  const roundingDelta = settleTax - quickBooksTax(p.lines);
  if (rates.length === 0 && settleTax === 0)
    return { lineCodes: p.lines.map(() => (p.us ? 'NON' : null)), txnTaxDetail: null, roundingDelta: 0 };
  const totalTax = toQbAmount(settleTax, p.currency);
  if (p.us) {
    if (rates.length > 1)
      return {
        refuse:
          `Invoice ${p.invoiceNumber} has lines taxed at ${rates.map(percentOf).join(' and ')}; a US QuickBooks ` +
          `company applies one sales tax rate to a whole invoice. Bill the differently taxed work on separate invoices.`,
      };
    const code = taxCodeFor(rates[0]!, p.codes, p.overrides);
    if (!code) return { refuse: noCode(rates[0]!, p.invoiceNumber) };
    return {
      lineCodes: p.lines.map((l) => (l.taxRateBps > 0 ? 'TAX' : 'NON')),
      txnTaxDetail: { TxnTaxCodeRef: { value: code.id }, TotalTax: totalTax },
      roundingDelta,
    };
  }
  const lineCodes: string[] = [];
  for (const l of p.lines) {
    const code = taxCodeFor(l.taxRateBps, p.codes, p.overrides);
    if (!code) return { refuse: noCode(l.taxRateBps, p.invoiceNumber) };
    lineCodes.push(code.id);
  }
  return { lineCodes, txnTaxDetail: { TotalTax: totalTax }, roundingDelta };
}

/** What the invoice's private note says when Settle's per-line rounding overrides QuickBooks' tax. */
export function roundingNote(delta: number, currency: string): string {
  return (
    `Tax is Settle's (rounded per line): it overrides QuickBooks' per-rate rounding by ` +
    `${toQbAmount(delta, currency)} ${currency}, so the total matches the invoice the client received.`
  );
}
