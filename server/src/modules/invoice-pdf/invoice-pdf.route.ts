import type { Express, Request, Response } from 'express';
import type { Container } from '../../app/container.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import { AppError } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { visibleInvoicesOf } from '../../graphql/guards.js';
import { renderInvoicePdf } from './invoice-pdf.render.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /portal-api/invoices/:id/pdf — session cookie (SPAs) or bearer token (tools). */
export function invoicePdfRoute(container: Container): (app: Express) => void {
  return (app) => {
    app.get('/portal-api/invoices/:id/pdf', async (req: Request, res: Response) => {
      const principal = await container.auth.resolve(tokenFromRequest(req));
      if (!principal) return void res.status(401).type('text').send('Sign in first');
      const scope = visibleInvoicesOf(principal); // the same invoices the API shows this caller
      if (!scope) return void res.status(403).type('text').send('Your role cannot see invoices');
      const id = String(req.params.id);
      // Unknown, malformed and other clients' ids all look the same from outside.
      if (!UUID.test(id)) return void res.status(404).type('text').send('Invoice not found');
      try {
        const invoice = await container.invoices.get(scope, id);
        const [lines, client, org] = await Promise.all([
          container.invoices.linesFor(invoice.orgId, [invoice.id]),
          container.clients.get(invoice.orgId, invoice.clientId),
          container.organizations.get(invoice.orgId),
        ]);
        const pdf = await renderInvoicePdf({
          orgName: org.name,
          clientName: client.name,
          clientEmail: client.billingEmail,
          number: invoice.number,
          status: invoice.status,
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          currency: invoice.currency,
          memo: invoice.memo,
          notes: invoice.notes,
          lines: lines.map((l) => ({
            description: l.description,
            quantity: String(l.quantity)
              .replace(/(\.\d*?)0+$/, '$1')
              .replace(/\.$/, ''),
            unitPrice: l.unitPrice,
            taxRateBps: l.taxRateBps,
            amount: l.amount,
          })),
          subtotal: invoice.subtotal,
          taxTotal: invoice.taxTotal,
          total: invoice.total,
          amountPaid: invoice.amountPaid,
          amountCredited: invoice.amountCredited,
          balanceDue: invoice.balanceDue,
        });
        const filename = `invoice-${invoice.number.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
        res
          .status(200)
          .set({
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="${filename}"`,
            'cache-control': 'private, no-store',
          })
          .send(pdf);
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND')
          return void res.status(404).type('text').send('Invoice not found');
        logger.error({ err, invoiceId: id, orgId: scope.orgId }, 'invoice PDF failed');
        res.status(500).type('text').send('Could not render this invoice');
      }
    });
  };
}
