import type { SettleModule } from '../../app/settle-module.js';
import { invoicePdfFile } from './invoice-pdf.data.js';
import { invoicePdfRoute } from './invoice-pdf.route.js';

/**
 * Invoice PDFs: the download for the portal and staff (GET /portal-api/invoices/:id/pdf), and the file
 * the invoice email carries, rendered when the email leaves.
 */
export const invoicePdfModule: SettleModule = {
  name: 'invoice-pdf',
  setup: (c) => ({
    routes: [invoicePdfRoute(c)],
    emailAttachments: {
      kind: 'invoice',
      attachmentsFor: async (orgId, invoiceId) => {
        const { filename, content } = await invoicePdfFile(c, { orgId }, invoiceId);
        return [{ filename, content, contentType: 'application/pdf' }];
      },
    },
  }),
};
