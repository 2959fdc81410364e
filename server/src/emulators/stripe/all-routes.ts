import type { Route } from './routes.js';
import { accountRoutes } from './resources/accounts.js';
import { customerRoutes } from './resources/customers.js';
import { productRoutes } from './resources/products.js';
import { priceRoutes } from './resources/prices.js';
import { invoiceItemRoutes } from './resources/invoice-items.js';
import { invoiceRoutes } from './resources/invoices.js';
import { paymentIntentRoutes } from './resources/payment-intents.js';
import { chargeRoutes } from './resources/charges.js';
import { refundRoutes } from './resources/refunds.js';
import { disputeRoutes } from './resources/disputes.js';
import { webhookEndpointRoutes } from './resources/webhook-endpoints.js';
import { eventRoutes } from './resources/events-routes.js';
import { checkoutRoutes } from './resources/checkout-sessions.js';

/** Every `/v1` route; the first match on method + path wins. */
export function allRoutes(): Route[] {
  return [
    ...accountRoutes,
    ...customerRoutes,
    ...productRoutes,
    ...priceRoutes,
    ...invoiceItemRoutes,
    ...invoiceRoutes,
    ...paymentIntentRoutes,
    ...chargeRoutes,
    ...refundRoutes,
    ...disputeRoutes,
    ...webhookEndpointRoutes,
    ...eventRoutes,
    ...checkoutRoutes,
  ];
}
