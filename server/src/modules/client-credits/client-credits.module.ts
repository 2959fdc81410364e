import { ADMIN, BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { ClientCredit, ClientCreditSettingsRow } from './client-credit.entity.js';
import {
  ClientCreditEntryResolver,
  ClientCreditFieldsResolver,
  ClientCreditResolver,
  InvoiceCreditFieldsResolver,
} from './client-credit.resolver.js';
import { clientCreditsIntegration } from './client-credits.integration.js';
import { nodeSource } from '../../graphql/node.js';
import { ClientCredit1795300027000 } from './migrations/0024-client-credit.migration.js';
import { CreditTakenBack1795300041000 } from './migrations/0038-credit-taken-back.migration.js';

/** Credit on a client's account: granted from credit memos and overpayments, spent on open invoices. */
export const clientCreditsModule: SettleModule = {
  name: 'client-credits',
  entities: [ClientCredit, ClientCreditSettingsRow],
  migrations: [ClientCredit1795300027000, CreditTakenBack1795300041000],
  resolvers: [ClientCreditResolver, ClientCreditFieldsResolver, InvoiceCreditFieldsResolver, ClientCreditEntryResolver],
  nodes: [nodeSource(ClientCredit)],
  access: {
    Query: { clientCreditSettings: BILLING },
    Mutation: { applyClientCredit: BILLING, keepPaymentExceptionAsCredit: BILLING, updateClientCreditSettings: ADMIN },
    // Client.creditBalance has no row: portal users read their own (the resolver narrows to the caller's invoices).
    Client: { creditLedger: BILLING },
  },
  setup: clientCreditsIntegration,
};
