// Sales tax on a sales transaction, computed as QBO does from its TaxCodes and TaxRates:
// - US companies: lines say only whether they are taxable (TaxCodeRef TAX or NON) and the
//   transaction names one tax code (TxnTaxDetail.TxnTaxCodeRef) whose sales rates apply to the
//   taxable lines;
// - other countries: each line names its own TaxCode and its sales rates apply to that line.
// Tax is computed per rate on the sum of the lines it applies to (NetAmountTaxable), rounded half
// away from zero to the cent, one TaxLine per rate; TotalTax is their sum. A TotalTax sent with
// the codes that differs from that is QBO's "tax override": it is kept, and the difference shows
// as OverrideDeltaAmount on the first TaxLine. Without any tax code, TotalTax is taken as sent.
import { errors } from '../faults.js';
import type { Json } from '../types.js';
import { type OpCtx, num, resolveRef, round2 } from './common.js';

const US_LINE_CODES = new Set(['TAX', 'NON']);

/** amount × percent / 100 to the cent, half away from zero, in decimal arithmetic (no float drift). */
export function taxAmount(amount: number, percent: number): number {
  const cents = Number((amount * percent).toPrecision(12));
  return (Math.sign(cents) * Math.round(Math.abs(cents))) / 100;
}

export function isUsCompany(ctx: OpCtx): boolean {
  const info = ctx.store.get(ctx.realm, 'CompanyInfo', '1')?.entity;
  return (info?.Country ?? info?.CompanyAddr?.Country ?? 'US') === 'US';
}

function salesRates(ctx: OpCtx, codeRef: Json): Json[] {
  const code = ctx.store.get(ctx.realm, 'TaxCode', codeRef.value)?.entity;
  return ((code?.SalesTaxRateList?.TaxRateDetail ?? []) as Json[]).map((d) => {
    const rate = ctx.store.get(ctx.realm, 'TaxRate', d.TaxRateRef?.value)?.entity;
    if (!rate) throw errors.invalidRef(`TaxRateRef (TaxRate Id=${d.TaxRateRef?.value})`);
    return rate;
  });
}

/** Checks each item line's TaxCodeRef for the company's tax model (a US line defaults to NON). */
export function lineTaxCode(ctx: OpCtx, ref: unknown): Json | undefined {
  if (isUsCompany(ctx)) {
    const value = ref && typeof ref === 'object' ? (ref as Json).value : (ref ?? 'NON');
    if (!US_LINE_CODES.has(String(value)))
      throw errors.business(`A line's TaxCodeRef must be TAX or NON in a US company, not ${String(value)}`);
    return { value: String(value) };
  }
  if (ref === undefined || ref === null) return undefined;
  if (US_LINE_CODES.has(String((ref as Json).value ?? ref)))
    throw errors.invalidRef(`Line.SalesItemLineDetail.TaxCodeRef (${String((ref as Json).value ?? ref)})`);
  return resolveRef(ctx, ref, 'TaxCode', 'Line.SalesItemLineDetail.TaxCodeRef');
}

/** TxnTaxDetail and the tax to add to the total, for already normalised item lines. */
export function salesTax(ctx: OpCtx, input: Json, lines: Json[]): { detail: Json; tax: number } {
  const sent = num(input.TxnTaxDetail?.TotalTax);
  const items = lines.filter((l) => l.DetailType === 'SalesItemLineDetail');
  const bases = new Map<string, { rate: Json; net: number }>();
  const apply = (rates: Json[], amount: number) => {
    for (const rate of rates) {
      const b = bases.get(rate.Id) ?? { rate, net: 0 };
      b.net = round2(b.net + amount);
      bases.set(rate.Id, b);
    }
  };
  const detail: Json = {};
  if (isUsCompany(ctx)) {
    const txnCode = input.TxnTaxDetail?.TxnTaxCodeRef;
    if (txnCode === undefined || txnCode === null) return { detail: { TotalTax: sent ?? 0 }, tax: sent ?? 0 };
    detail.TxnTaxCodeRef = resolveRef(ctx, txnCode, 'TaxCode', 'TxnTaxDetail.TxnTaxCodeRef');
    const rates = salesRates(ctx, detail.TxnTaxCodeRef);
    if (rates.length === 0)
      throw errors.business(`Tax code ${detail.TxnTaxCodeRef.value} has no sales tax rate to apply`);
    const taxable = items.filter((l) => l.SalesItemLineDetail.TaxCodeRef?.value === 'TAX');
    apply(
      rates,
      taxable.reduce((s, l) => round2(s + Number(l.Amount)), 0),
    );
  } else {
    for (const l of items) {
      const ref = l.SalesItemLineDetail.TaxCodeRef;
      if (ref) apply(salesRates(ctx, ref), Number(l.Amount));
    }
    if (bases.size === 0 && !items.some((l) => l.SalesItemLineDetail.TaxCodeRef))
      return { detail: { TotalTax: sent ?? 0 }, tax: sent ?? 0 };
  }
  const taxLines: Json[] = [...bases.values()].map(({ rate, net }) => ({
    Amount: taxAmount(net, Number(rate.RateValue)),
    DetailType: 'TaxLineDetail',
    TaxLineDetail: {
      TaxRateRef: { value: rate.Id, name: rate.Name },
      PercentBased: true,
      TaxPercent: Number(rate.RateValue),
      NetAmountTaxable: net,
    },
  }));
  const computed = round2(taxLines.reduce((s, l) => s + l.Amount, 0));
  let total = computed;
  if (sent !== undefined && round2(sent) !== computed && taxLines.length > 0) {
    const delta = round2(sent - computed);
    taxLines[0] = {
      ...taxLines[0],
      Amount: round2(taxLines[0].Amount + delta),
      TaxLineDetail: { ...taxLines[0].TaxLineDetail, OverrideDeltaAmount: delta },
    };
    total = round2(sent);
  }
  return { detail: { ...detail, TotalTax: total, TaxLine: taxLines }, tax: total };
}
