import type { QbEntity } from './accounting-provider.js';

/** What a QuickBooks Payment applies to one invoice (QuickBooks decimals): money received, credit spent. */
export interface InvoiceApplication {
  invoiceQbId: string;
  money: number;
  credit: number;
}

/** Rounding off float noise; the currency's own rounding (fromQbAmount) comes after. */
const clean = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * A QuickBooks Payment's lines per invoice, split into money and credit. Credit memos applied in the same
 * Payment (lines linking a CreditMemo: "Receive payment" spends the customer's open credit) pay the
 * invoices first, in line order; only the rest of each invoice's line is money that came in.
 */
export function invoiceApplications(payment: QbEntity): InvoiceApplication[] {
  const lines = (payment.Line ?? []) as QbEntity[];
  const linked = (l: QbEntity, type: string) => (l.LinkedTxn ?? []).filter((t: QbEntity) => t.TxnType === type);
  let credit = clean(
    lines.filter((l) => linked(l, 'CreditMemo').length).reduce((sum, l) => sum + Number(l.Amount ?? 0), 0),
  );
  return lines.flatMap((l) =>
    linked(l, 'Invoice').map((t: QbEntity) => {
      const amount = Number(l.Amount ?? 0);
      const spent = Math.max(0, Math.min(credit, amount));
      credit = clean(credit - spent);
      return { invoiceQbId: String(t.TxnId), money: clean(amount - spent), credit: spent };
    }),
  );
}
