import { StripeConnection, StripePaymentSettings } from './stripe-connection.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { StripePayout } from './stripe-payout.entity.js';
import {
  StripeCatalogLink,
  StripeCheckoutSession,
  StripeClientLink,
  StripeInvoiceLink,
  StripeObjectVersion,
  StripePaymentOrigin,
  StripeWebhookSecret,
} from './stripe-links.entity.js';

/** The Stripe module's TypeORM entities (declared by stripe.module.ts). */
export const STRIPE_ENTITIES = [
  StripeConnection,
  StripePaymentSettings,
  StripeClientLink,
  StripeInvoiceLink,
  StripeCheckoutSession,
  StripeCatalogLink,
  StripeObjectVersion,
  StripeEventInbox,
  StripeWebhookSecret,
  StripePaymentOrigin,
  StripePayout,
];
