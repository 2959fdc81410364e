import type { Container } from '../../app/container.js';
import type { InvoiceScope } from '../invoices/invoice-query.js';
import { reportedBalanceDue } from '../invoices/invoice-status.js';
import { renderInvoicePdf, type InvoicePdfData } from './invoice-pdf.render.js';

/** A decimal quantity as people write it: 1.50 → 1.5, 2.00 → 2. */
const plainQuantity = (q: unknown) =>
  String(q)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');

/**
 * What the PDF of one invoice the scope may see shows (NOT_FOUND otherwise), and its number. The balance
 * is the one the API reports (a void invoice owes nothing, whatever was open when it was voided).
 */
export async function invoicePdfData(container: Container, scope: InvoiceScope, id: string): Promise<InvoicePdfData> {
  const invoice = await container.invoices.get(scope, id);
  const [lines, client, org] = await Promise.all([
    container.invoices.linesFor(invoice.orgId, [invoice.id]),
    container.clients.get(invoice.orgId, invoice.clientId),
    container.organizations.get(invoice.orgId),
  ]);
  return {
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
    balanceDue: reportedBalanceDue(invoice.status, invoice.balanceDue),
  };
}

/**
 * The PDF of one invoice the scope may see (NOT_FOUND otherwise), and the file name to give it: the one
 * document the download, the admin preview and the invoice email all carry.
 */
export async function invoicePdfFile(
  container: Container,
  scope: InvoiceScope,
  id: string,
): Promise<{ filename: string; content: Buffer }> {
  const data = await invoicePdfData(container, scope, id);
  const content = await renderInvoicePdf(data);
  return { filename: `invoice-${data.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`, content };
}
