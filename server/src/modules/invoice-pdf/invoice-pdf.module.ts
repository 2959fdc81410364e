import type { SettleModule } from '../../app/settle-module.js';
import { invoicePdfRoute } from './invoice-pdf.route.js';

/** Invoice PDF download for the portal and staff: GET /portal-api/invoices/:id/pdf. */
export const invoicePdfModule: SettleModule = {
  name: 'invoice-pdf',
  setup: (c) => ({ routes: [invoicePdfRoute(c)] }),
};
