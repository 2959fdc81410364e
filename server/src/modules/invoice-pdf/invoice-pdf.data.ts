import type { Container } from '../../app/container.js';
import type { InvoiceScope } from '../invoices/invoice-query.js';
import { renderInvoicePdf } from './invoice-pdf.render.js';

/** A decimal quantity as people write it: 1.50 → 1.5, 2.00 → 2. */
const plainQuantity = (q: unknown) =>
  String(q)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');

/**
 * The PDF of one invoice the scope may see (NOT_FOUND otherwise), and the file name to give it: the one
 * document the download, the admin preview and the invoice email all carry.
 */
export async function invoicePdfFile(
  container: Container,
  scope: InvoiceScope,
  id: string,
): Promise<{ filename: string; content: Buffer }> {
  const invoice = await container.invoices.get(scope, id);
  const [lines, client, org] = await Promise.all([
    container.invoices.linesFor(invoice.orgId, [invoice.id]),
    container.clients.get(invoice.orgId, invoice.clientId),
    container.organizations.get(invoice.orgId),
  ]);
  const content = await renderInvoicePdf({
    orgName: org.name,
    clientName: client.name,
    clientEmail: client.billingEmail,
    number: invoice.number,
    status: invoice.status,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    currency: invoice.currency,
    memo: invoice.memo,
    lines: lines.map((l) => ({
      description: l.description,
      quantity: plainQuantity(l.quantity),
      unitPrice: l.unitPrice,
      taxRateBps: l.taxRateBps,
      amount: l.amount,
    })),
    subtotal: invoice.subtotal,
    taxTotal: invoice.taxTotal,
    total: invoice.total,
    amountPaid: invoice.amountPaid,
    amountKeptAsCredit: invoice.amountKeptAsCredit,
    amountCredited: invoice.amountCredited,
    balanceDue: invoice.balanceDue,
  });
  return { filename: `invoice-${invoice.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`, content };
}
