import { ADMIN, BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { BillingResolver } from './billing.resolver.js';
import { BillingRun, BillingSettingsRow } from './billing.entities.js';
import { billingIntegration } from './billing.integration.js';
import { Billing1795300025000 } from './migrations/0022-billing.migration.js';
import { nodeSource } from '../../graphql/node.js';
import { BillingCheckoutLink1795300030000 } from './migrations/0027-billing-checkout-link.migration.js';

/** Automatic billing: settings, the run at each cycle end, its forecast and its outcomes. */
export const billingModule: SettleModule = {
  name: 'billing',
  entities: [BillingSettingsRow, BillingRun],
  migrations: [Billing1795300025000, BillingCheckoutLink1795300030000],
  resolvers: [BillingResolver],
  nodes: [nodeSource(BillingRun)],
  access: {
    Query: { billingSettings: BILLING, nextInvoicePreview: BILLING, upcomingBilling: BILLING, billingRuns: BILLING },
    Mutation: { updateBillingSettings: ADMIN, runBillingNow: BILLING },
  },
  setup: billingIntegration,
};
