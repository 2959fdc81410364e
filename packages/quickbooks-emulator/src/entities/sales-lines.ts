// Line handling shared by Invoice and CreditMemo (SalesTransaction in Finance.xsd).
// QBO recomputes the SubTotalLineDetail line and TotalAmt itself; clients send item lines.
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type OpCtx, num, resolveRef, round2 } from './common.js';
import { transactionCurrency } from './currency.js';
import { lineTaxCode, salesTax } from './sales-tax.js';

export interface SalesTotals {
  lines: Json[];
  subtotal: number;
  total: number;
  /** TxnTaxDetail as QBO computes it from the tax codes (sales-tax.ts). */
  taxDetail: Json;
}

/** The start of an Invoice or CreditMemo write: the customer reference, the lines, totals and currency. */
export function salesDocument(input: Json, ctx: OpCtx): { out: Json; total: number } {
  const out = { ...input };
  out.CustomerRef = resolveRef(ctx, input.CustomerRef, 'Customer', 'CustomerRef', true);
  const { lines, total, taxDetail } = normalizeSalesLines(input, ctx);
  out.Line = lines;
  out.TxnTaxDetail = taxDetail;
  out.TotalAmt = total;
  const customer = ctx.store.get(ctx.realm, 'Customer', out.CustomerRef!.value)?.entity;
  Object.assign(out, { ExchangeRate: undefined }, transactionCurrency(ctx, input, customer, total));
  return { out, total };
}

export function normalizeSalesLines(input: Json, ctx: OpCtx): SalesTotals {
  const raw = input.Line;
  if (!Array.isArray(raw) || raw.length === 0) throw errors.required('Line');
  const lines: Json[] = [];
  let subtotal = 0;
  let discount = 0;
  const discountLines: Json[] = [];
  for (const l of raw as Json[]) {
    if (!l || typeof l !== 'object') throw errors.required('Line');
    const type =
      l.DetailType ??
      (l.SalesItemLineDetail ? 'SalesItemLineDetail' : l.DiscountLineDetail ? 'DiscountLineDetail' : undefined);
    if (type === 'SubTotalLineDetail') continue; // recomputed below
    if (type === undefined) throw errors.required('Line.DetailType');
    if (type === 'DescriptionOnly') {
      lines.push({ ...l, DetailType: type, DescriptionLineDetail: l.DescriptionLineDetail ?? {} });
      continue;
    }
    if (type === 'DiscountLineDetail') {
      discountLines.push({ ...l, DetailType: type });
      continue;
    }
    if (type !== 'SalesItemLineDetail') throw errors.invalidEnum(String(type), 'Line.DetailType');
    const d: Json = { ...(l.SalesItemLineDetail ?? {}) };
    const qty = num(d.Qty);
    const price = num(d.UnitPrice);
    let amount = num(l.Amount);
    if (amount === undefined && qty !== undefined && price !== undefined) amount = round2(qty * price);
    if (amount === undefined) throw errors.required('Line.Amount');
    if (qty !== undefined && price !== undefined && lineProduct(qty, price) !== round2(amount))
      throw errors.amountMismatch(amount);
    if (d.ItemRef !== undefined) d.ItemRef = resolveRef(ctx, d.ItemRef, 'Item', 'Line.SalesItemLineDetail.ItemRef');
    else d.ItemRef = defaultServicesItemRef(ctx);
    d.TaxCodeRef = lineTaxCode(ctx, d.TaxCodeRef);
    if (d.TaxCodeRef === undefined) delete d.TaxCodeRef;
    lines.push({ ...l, Amount: round2(amount), DetailType: type, SalesItemLineDetail: d });
    subtotal = round2(subtotal + amount);
  }
  for (const l of discountLines) {
    const d: Json = { ...(l.DiscountLineDetail ?? {}) };
    const pct = num(d.DiscountPercent);
    const amount = d.PercentBased && pct !== undefined ? round2((subtotal * pct) / 100) : num(l.Amount);
    if (amount === undefined) throw errors.required('Line.Amount');
    discount = round2(discount + amount);
    lines.push({ ...l, Amount: amount, DiscountLineDetail: d });
  }
  lines.forEach((l, i) => {
    l.Id = String(i + 1);
    l.LineNum = i + 1;
  });
  lines.push({ Amount: subtotal, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
  const { detail: taxDetail, tax } = salesTax(ctx, input, lines);
  const total = round2(subtotal - discount + tax);
  if (total < 0) throw errors.business('Transaction total cannot be negative');
  return { lines, subtotal, total, taxDetail };
}

/** Qty × UnitPrice to the cent, half-up as decimal arithmetic gives it (1.5 × 3.33 = 5.00, not 4.99). */
function lineProduct(qty: number, price: number): number {
  return Math.round(Number((qty * price * 100).toPrecision(12))) / 100;
}

/** QBO falls back to the company's "Services" item when a sales line has no ItemRef. */
function defaultServicesItemRef(ctx: OpCtx): Json {
  const rec =
    ctx.store.live(ctx.realm, 'Item').find((r) => r.entity.Name === 'Services') ?? ctx.store.live(ctx.realm, 'Item')[0];
  return rec ? { value: rec.entity.Id, name: rec.entity.Name } : { value: '1', name: 'Services' };
}

/** Void: amounts and quantities go to zero; the document itself stays. */
export function zeroLines(lines: Json[] | undefined): Json[] {
  return (lines ?? []).map((l) => {
    const out: Json = { ...l, Amount: 0 };
    if (out.SalesItemLineDetail) out.SalesItemLineDetail = { ...out.SalesItemLineDetail, Qty: 0 };
    return out;
  });
}

export function voidNote(existing: unknown): string {
  return typeof existing === 'string' && existing ? `Voided - ${existing}` : 'Voided';
}
