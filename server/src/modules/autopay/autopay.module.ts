import { BILLING, BILLING_OR_PORTAL } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { AutopayAttempt, AutopayHold, AutopaySetting } from './autopay.entities.js';
import { autopayIntegration } from './autopay.integration.js';
import { AutopayResolver, InvoiceAutopayHoldResolver } from './autopay.resolver.js';
import { Autopay1795300026000 } from './migrations/0023-autopay.migration.js';
import { AutopayAttempts1795300029000 } from './migrations/0026-autopay-attempts.migration.js';
import { AutopayHolds1795300080000 } from './migrations/0048-autopay-holds.migration.js';
import { viewNodeSource } from '../../graphql/node.js';
import { attemptNodeView } from './autopay-attempts.service.js';

/** Autopay: saved payment methods (at Stripe), a per-client flag, and off-session charges of due invoices. */
export const autopayModule: SettleModule = {
  name: 'autopay',
  nodes: [viewNodeSource(AutopayAttempt, attemptNodeView, { access: BILLING })],
  entities: [AutopaySetting, AutopayAttempt, AutopayHold],
  migrations: [Autopay1795300026000, AutopayAttempts1795300029000, AutopayHolds1795300080000],
  resolvers: [AutopayResolver, InvoiceAutopayHoldResolver],
  access: {
    Query: { savedPaymentMethods: BILLING_OR_PORTAL, autopay: BILLING_OR_PORTAL, autopayAttempts: BILLING },
    Mutation: {
      startSavePaymentMethod: BILLING_OR_PORTAL,
      setDefaultPaymentMethod: BILLING_OR_PORTAL,
      removePaymentMethod: BILLING_OR_PORTAL,
      setAutopay: BILLING_OR_PORTAL,
    },
    Invoice: { autopayHold: BILLING },
  },
  setup: autopayIntegration,
};
