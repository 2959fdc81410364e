import { textPdf } from '@settle/emulator-kit';
import type { WInvoice } from '../core/wire-types.js';
import { money } from '../hosted/html-layout.js';

/** `invoice_pdf`: apps that download it get a real (small) PDF rather than HTML. */
export function renderInvoicePdf(inv: WInvoice): Buffer {
  return textPdf(
    [
      `${inv.account_name ?? 'Merchant'}`,
      `Invoice ${inv.number ?? inv.id}   Status: ${inv.status}`,
      `Billed to: ${inv.customer_name ?? ''} ${inv.customer_email ?? ''}`,
      inv.due_date ? `Due: ${new Date(inv.due_date * 1000).toISOString().slice(0, 10)}` : '',
      '',
      ...inv.lines.data.map((l) => `${l.description ?? 'Item'}  x${l.quantity ?? 1}   ${money(l.amount, l.currency)}`),
      '',
      `Total: ${money(inv.total, inv.currency)}`,
      `Amount paid: ${money(inv.amount_paid, inv.currency)}`,
      `Amount remaining: ${money(inv.amount_remaining, inv.currency)}`,
    ],
    { largeLine: 1 },
  );
}
