// GET /invoice/:id/pdf: a real (small) PDF of the invoice summary, as clients store or forward it.
import { textPdf } from '@settle/emulator-kit';
import type { Json } from './types.js';

export function invoicePdf(inv: Json, companyName: string): Buffer {
  return textPdf(
    [
      `${companyName}`,
      `INVOICE ${inv.DocNumber ?? inv.Id}`,
      `Customer: ${inv.CustomerRef?.name ?? inv.CustomerRef?.value ?? ''}`,
      `Date: ${inv.TxnDate ?? ''}    Due: ${inv.DueDate ?? ''}`,
      '',
      ...((inv.Line ?? []) as Json[])
        .filter((l) => l.DetailType === 'SalesItemLineDetail')
        .map(
          (l) =>
            `${l.SalesItemLineDetail?.ItemRef?.name ?? 'Item'}  ${l.Description ?? ''}  ${Number(l.Amount).toFixed(2)}`,
        ),
      '',
      `Total: ${Number(inv.TotalAmt ?? 0).toFixed(2)} USD`,
      `Balance due: ${Number(inv.Balance ?? 0).toFixed(2)} USD`,
    ],
    { largeLine: 1 },
  );
}
