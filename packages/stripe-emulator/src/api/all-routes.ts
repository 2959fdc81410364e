import type { Route } from './routes.js';
import { accountRoutes } from '../connection/accounts.js';
import { customerRoutes, customerBalanceRoutes } from '../catalog/customers.js';
import { paymentMethodRoutes } from '../payments/payment-method-routes.js';
import { setupIntentRoutes } from '../payments/setup-intents.js';
import { productRoutes } from '../catalog/products.js';
import { priceRoutes } from '../catalog/prices.js';
import { invoiceItemRoutes } from '../invoices/invoice-items.js';
import { invoiceRoutes } from '../invoices/invoices.js';
import { paymentIntentRoutes } from '../payments/payment-intents.js';
import { chargeRoutes } from '../payments/charges.js';
import { refundRoutes } from '../payments/refunds.js';
import { disputeRoutes } from '../payments/disputes.js';
import { payoutRoutes } from '../payments/payouts.js';
import { webhookEndpointRoutes } from '../webhooks/webhook-endpoints.js';
import { eventRoutes } from '../webhooks/events-routes.js';
import { checkoutRoutes } from '../checkout/checkout-sessions.js';

/** Every `/v1` route; the first match on method + path wins. */
export function allRoutes(): Route[] {
  return [
    ...accountRoutes,
    ...customerRoutes,
    ...customerBalanceRoutes,
    ...paymentMethodRoutes,
    ...setupIntentRoutes,
    ...productRoutes,
    ...priceRoutes,
    ...invoiceItemRoutes,
    ...invoiceRoutes,
    ...paymentIntentRoutes,
    ...chargeRoutes,
    ...refundRoutes,
    ...disputeRoutes,
    ...payoutRoutes,
    ...webhookEndpointRoutes,
    ...eventRoutes,
    ...checkoutRoutes,
  ];
}
