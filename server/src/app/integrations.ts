import type { Container } from './container.js';
import { stripeIntegration } from '../modules/stripe/stripe.integration.js';
import { quickBooksOf, registerQuickBooks } from '../modules/quickbooks/quickbooks.module.js';
import { stripeOf } from '../modules/stripe/stripe.integration.js';
import { registerInvoicePdfRoute } from '../modules/invoice-pdf/invoice-pdf.route.js';

/**
 * Integration modules (Stripe, QuickBooks) wire themselves into the container here: hooks, tasks,
 * routes. Each entry runs once at start-up, after the core services exist.
 */
export const INTEGRATIONS: Array<(container: Container) => Promise<void> | void> = [];

// Invoice PDF download for the portal and staff: GET /portal-api/invoices/:id/pdf.
INTEGRATIONS.push(registerInvoicePdfRoute);

// QuickBooks Online: outbound operation queue, inbound webhooks + CDC, OAuth callback.
INTEGRATIONS.push(registerQuickBooks);

// Stripe: connection, webhook inbox + worker, Checkout / hosted invoices, /pay links, sweep, catalog sync.
INTEGRATIONS.push(stripeIntegration);

// QuickBooks posts Stripe's processing fees, asked through the fee source the Stripe module exports.
INTEGRATIONS.push((c) => {
  quickBooksOf(c).feeSource = stripeOf(c).fees;
});
