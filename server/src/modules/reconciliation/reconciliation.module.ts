import type { SettleModule } from '../../app/settle-module.js';
import { ADMIN, BILLING } from '../../graphql/access-policy.js';
import { Reconciliation1795300015000 } from './migrations/0013-reconciliation.migration.js';
import { RECONCILIATION_ENTITIES, ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';
import { READ_RECONCILIATION, registerReconciliation } from './reconciliation.integration.js';
import { nodeSource } from '../../graphql/node.js';
import { ReconciliationResolver } from './reconciliation.resolver.js';

/** Three-way reconciliation of Settle, Stripe and QuickBooks: runs, discrepancies, fixes, the nightly run. */
export const reconciliationModule: SettleModule = {
  name: 'reconciliation',
  entities: RECONCILIATION_ENTITIES,
  migrations: [Reconciliation1795300015000],
  resolvers: [ReconciliationResolver],
  nodes: [nodeSource(ReconciliationRun), nodeSource(ReconciliationDiscrepancy)],
  access: {
    Query: { reconciliationRuns: READ_RECONCILIATION, reconciliationRun: READ_RECONCILIATION },
    Mutation: { runReconciliation: BILLING, fixReconciliationDiscrepancy: ADMIN },
  },
  setup: registerReconciliation,
};
