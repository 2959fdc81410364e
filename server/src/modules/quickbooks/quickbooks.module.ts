import type { SettleModule } from '../../app/settle-module.js';
import { ADMIN, ADMIN_PEOPLE, BILLING } from '../../graphql/access-policy.js';
import { QuickBooksResolver } from './quickbooks.resolver.js';
import { QUICKBOOKS_ENTITIES, QuickBooksException, QuickBooksOperation } from './quickbooks.entities.js';
import { QuickBooksSchema1795300002000 } from './migrations/0003-quickbooks-schema.migration.js';
import { QuickBooksCompanyCountry1795300013000 } from './migrations/0011-quickbooks-company-country.migration.js';
import { QuickBooksCurrencyTax1795300016000 } from './migrations/0014-quickbooks-currency-tax.migration.js';
import { QuickBooksPullback1795300017000 } from './migrations/0015-quickbooks-pullback.migration.js';
import { LinksPerCompany1795300043000 } from './migrations/0040-links-per-company.migration.js';
import { nodeSource } from '../../graphql/node.js';
import { registerQuickBooks } from './quickbooks.integration.js';

/** QuickBooks Online: outbound operation queue, inbound webhooks + CDC, OAuth callback. */
export const quickBooksModule: SettleModule = {
  name: 'quickbooks',
  entities: QUICKBOOKS_ENTITIES,
  migrations: [
    QuickBooksSchema1795300002000,
    QuickBooksCompanyCountry1795300013000,
    QuickBooksCurrencyTax1795300016000,
    QuickBooksPullback1795300017000,
    LinksPerCompany1795300043000,
  ],
  resolvers: [QuickBooksResolver],
  nodes: [nodeSource(QuickBooksException), nodeSource(QuickBooksOperation)],
  access: {
    Query: {
      quickBooksConnection: BILLING,
      quickBooksItems: BILLING,
      quickBooksAccounts: BILLING,
      quickBooksTaxCodes: BILLING,
      quickBooksExceptions: BILLING,
      quickBooksWebhookEvents: BILLING,
      quickBooksOperations: BILLING,
      quickBooksAuthorizeUrl: ADMIN_PEOPLE,
    },
    Mutation: {
      disconnectQuickBooks: ADMIN_PEOPLE,
      updateQuickBooksMapping: ADMIN,
      sendInvoiceToQuickBooks: BILLING,
      syncClientToQuickBooks: BILLING,
      emailInvoiceViaQuickBooks: BILLING,
      resolveQuickBooksException: BILLING,
      retryQuickBooksException: BILLING,
      keepSettleVersion: BILLING,
      acceptQuickBooksVersion: BILLING,
    },
  },
  setup: registerQuickBooks,
};
