import { ADMIN, ADMIN_PEOPLE, BILLING, BILLING_OR_PORTAL } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { StripeSchema1795300001000 } from './migrations/0002-stripe-schema.migration.js';
import { StripeInboxForVolume1795300003000 } from './migrations/0004-stripe-inbox-for-volume.migration.js';
import { ConfirmEvents1795300007000 } from './migrations/0006-confirm-events.migration.js';
import { StripeAccount1795300008000 } from './migrations/0007-stripe-account.migration.js';
import { Payouts1795300014000 } from './migrations/0012-payouts.migration.js';
import { InboxWithoutOrgLock1795300035000 } from './migrations/0032-inbox-without-org-lock.migration.js';
import { SweepReadsEveryOrg1795300038000 } from './migrations/0035-sweep-reads-every-org.migration.js';
import { WebhookTargetsNotify1795300061000 } from './migrations/0046-webhook-targets-notify.migration.js';
import { STRIPE_ENTITIES } from './stripe-entities.js';
import { stripeIntegration } from './stripe.integration.js';
import { StripeInvoiceFieldsResolver, StripePaymentFieldsResolver, StripeResolver } from './stripe.resolver.js';
import { nodeSource } from '../../graphql/node.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';

/** Stripe: connection, webhook inbox + worker, Checkout / hosted invoices, /pay links, sweep, catalog sync. */
export const stripeModule: SettleModule = {
  name: 'stripe',
  nodes: [nodeSource(StripeEventInbox)],
  entities: STRIPE_ENTITIES,
  migrations: [
    StripeSchema1795300001000,
    StripeInboxForVolume1795300003000,
    ConfirmEvents1795300007000,
    StripeAccount1795300008000,
    Payouts1795300014000,
    InboxWithoutOrgLock1795300035000,
    SweepReadsEveryOrg1795300038000,
    WebhookTargetsNotify1795300061000,
  ],
  resolvers: [StripeResolver, StripeInvoiceFieldsResolver, StripePaymentFieldsResolver],
  access: {
    Query: {
      stripeConnection: BILLING,
      paymentSettings: BILLING,
      stripeOAuthUrl: ADMIN_PEOPLE,
      stripeWebhookEvents: BILLING,
    },
    Mutation: {
      connectStripe: ADMIN_PEOPLE,
      testStripeConnection: ADMIN,
      disconnectStripe: ADMIN_PEOPLE,
      registerStripeWebhook: ADMIN,
      setStripeWebhookSecret: ADMIN,
      rotateStripeWebhookToken: ADMIN,
      updatePaymentSettings: ADMIN,
      setClientStripeSendVia: ADMIN,
      linkStripeCustomer: ADMIN,
      replayStripeWebhookEvent: ADMIN,
      startInvoicePayment: BILLING_OR_PORTAL,
    },
  },
  setup: stripeIntegration,
};
