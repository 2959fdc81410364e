// A small but valid single-page PDF (correct xref offsets) rendering an invoice summary,
// so clients that store or forward GET /invoice/:id/pdf get a real document.
import type { Json } from './types.js';

function esc(s: string): string {
  return s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
}

export function invoicePdf(inv: Json, companyName: string): Buffer {
  const lines = [
    `${companyName}`,
    `INVOICE ${inv.DocNumber ?? inv.Id}`,
    `Customer: ${inv.CustomerRef?.name ?? inv.CustomerRef?.value ?? ''}`,
    `Date: ${inv.TxnDate ?? ''}    Due: ${inv.DueDate ?? ''}`,
    '',
    ...((inv.Line ?? []) as Json[])
      .filter((l) => l.DetailType === 'SalesItemLineDetail')
      .map((l) => `${l.SalesItemLineDetail?.ItemRef?.name ?? 'Item'}  ${l.Description ?? ''}  ${Number(l.Amount).toFixed(2)}`),
    '',
    `Total: ${Number(inv.TotalAmt ?? 0).toFixed(2)} USD`,
    `Balance due: ${Number(inv.Balance ?? 0).toFixed(2)} USD`,
  ];
  const text = lines.map((l, i) => `BT /F1 ${i === 1 ? 16 : 11} Tf 56 ${760 - i * 18} Td (${esc(l)}) Tj ET`).join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
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
