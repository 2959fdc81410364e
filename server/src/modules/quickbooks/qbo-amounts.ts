import { currencyExponent } from '../../platform/money.js';

/** Settle minor units → the decimal number QuickBooks expects (e.g. 10000 USD → 100). */
export function toQbAmount(minor: number, currency: string): number {
  const exp = currencyExponent(currency);
  return Number((minor / 10 ** exp).toFixed(exp));
}

/** QuickBooks decimal → Settle minor units, rounded to the currency's exponent. */
export function fromQbAmount(amount: number, currency: string): number {
  return Math.round(Number(amount) * 10 ** currencyExponent(currency));
}

/** A line QuickBooks accepts: Qty × UnitPrice must equal Amount, else the line is booked as 1 × Amount. */
export function salesLine(o: {
  amountMinor: number;
  currency: string;
  description: string;
  itemId: string;
  quantity: number;
  unitPriceMinor: number;
  /** The line's QuickBooks tax code (TAX/NON in a US company, a TaxCode id elsewhere). */
  taxCode?: string | null;
}) {
  const amount = toQbAmount(o.amountMinor, o.currency);
  const exact = o.quantity > 0 && Math.round(o.quantity * o.unitPriceMinor) === o.amountMinor;
  return {
    DetailType: 'SalesItemLineDetail',
    Amount: amount,
    Description: o.description,
    SalesItemLineDetail: {
      ItemRef: { value: o.itemId },
      Qty: exact ? o.quantity : 1,
      UnitPrice: exact ? toQbAmount(o.unitPriceMinor, o.currency) : amount,
      ...(o.taxCode ? { TaxCodeRef: { value: o.taxCode } } : {}),
    },
  };
}
