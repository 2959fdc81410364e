import { MAX_AMOUNT, roundDiv } from '../../platform/money.js';
import { InvoiceLineKind } from './invoice-line.entity.js';

/** Quantities are exact decimals with 4 places; math runs on BigInt ten-thousandths, never floats. */
export function parseQuantity(q: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(q.trim());
  if (!m) throw new Error(`Not a decimal quantity: ${q}`);
  const scaled = BigInt(m[2]!) * 10000n + BigInt((m[3] ?? '').padEnd(4, '0') || '0');
  return m[1] ? -scaled : scaled;
}

export function formatQuantity(scaled: bigint): string {
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const frac = (abs % 10000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${abs / 10000n}${frac ? '.' + frac : ''}`;
}

/** Hours as an exact 4-place decimal string from minutes (90 → "1.5", 20 → "0.3333"). */
export function hoursFromMinutes(minutes: number): string {
  return formatQuantity(roundDiv(BigInt(minutes) * 10000n, 60n));
}

export interface LineFigures {
  kind: InvoiceLineKind;
  quantity: string;
  unitPrice: number;
  discount: number;
  taxRateBps: number;
}

/**
 * A line's amount is quantity × unit price − discount, rounded half away from zero to the minor unit;
 * DISCOUNT lines are the same figure made negative. Tax is computed per line, so every line can be
 * checked by hand from what is printed on it.
 */
export function lineAmounts(line: LineFigures): { amount: number; taxAmount: number } {
  const gross = Number(roundDiv(parseQuantity(line.quantity) * BigInt(line.unitPrice), 10000n));
  const net = gross - line.discount;
  const amount = line.kind === InvoiceLineKind.DISCOUNT ? -net : net;
  const taxAmount = Number(roundDiv(BigInt(amount) * BigInt(line.taxRateBps), 10000n));
  return { amount, taxAmount };
}

export function invoiceTotals(lines: Array<{ amount: number; taxAmount: number }>): {
  subtotal: number;
  taxTotal: number;
  total: number;
} {
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  const taxTotal = lines.reduce((s, l) => s + l.taxAmount, 0);
  return { subtotal, taxTotal, total: subtotal + taxTotal };
}

/** Why a line cannot stand, or null. Field names match the GraphQL input so errors point at them. */
export function lineProblem(line: LineFigures): { field: string; message: string } | null {
  if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0)
    return { field: 'unitPrice', message: 'Unit price must be a whole, non-negative number of minor units' };
  if (line.unitPrice > MAX_AMOUNT)
    return { field: 'unitPrice', message: `Unit price cannot exceed ${MAX_AMOUNT} minor units` };
  if (!Number.isSafeInteger(line.discount) || line.discount < 0)
    return { field: 'discount', message: 'Discount cannot be negative' };
  if (!/^-?\d{1,10}(\.\d{1,4})?$/.test(line.quantity.trim()))
    return {
      field: 'quantity',
      message: 'Quantity must be a decimal with at most 10 digits before and 4 after the point',
    };
  if (parseQuantity(line.quantity) <= 0n) return { field: 'quantity', message: 'Quantity must be greater than zero' };
  if (!Number.isInteger(line.taxRateBps) || line.taxRateBps < 0 || line.taxRateBps > 10000)
    return { field: 'taxRateBps', message: 'Tax rate must be between 0 and 10000 basis points' };
  // In BigInt: quantity × price can pass 2^53 long before the per-figure bounds are reached.
  const gross = roundDiv(parseQuantity(line.quantity) * BigInt(line.unitPrice), 10000n);
  if (gross > BigInt(MAX_AMOUNT))
    return { field: 'quantity', message: `Quantity × unit price cannot exceed ${MAX_AMOUNT} minor units on one line` };
  if (line.discount > Number(gross)) return { field: 'discount', message: 'Discount cannot exceed the line amount' };
  return null;
}

/** Why an invoice's totals cannot be booked, or null: the sum of valid lines may still pass MAX_AMOUNT. */
export function totalsProblem(totals: { subtotal: number; taxTotal: number; total: number }): string | null {
  const worst = Math.max(Math.abs(totals.subtotal), Math.abs(totals.taxTotal), Math.abs(totals.total));
  return worst > MAX_AMOUNT
    ? `The invoice total cannot exceed ${MAX_AMOUNT} minor units; split the work across invoices`
    : null;
}

export function addDays(date: string, days: number): string {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
