import type { WInvoice } from './wire-types.js';
import { money } from './html-layout.js';

/** Escapes text for a PDF string literal. */
const pdfText = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');

/**
 * A small but valid single-page PDF (Helvetica text, correct xref offsets), so apps that
 * download `invoice_pdf` get a real PDF rather than HTML.
 */
export function renderInvoicePdf(inv: WInvoice): Buffer {
  const lines = [
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
  ];
  const content = ['BT', '/F1 12 Tf', '14 TL', '56 780 Td', ...lines.map((l) => `(${pdfText(l)}) '`), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content)} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
