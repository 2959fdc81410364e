import { ADMIN, BILLING, BILLING_OR_PORTAL } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceResolver } from './invoice.resolver.js';
import { ClientOpenBalanceResolver } from './client-open-balance.resolver.js';
import { nodeSource } from '../../graphql/node.js';
import { TimeItemization1795300022000 } from './migrations/0019-time-itemization.migration.js';
import { OverdueReported1795300033000 } from './migrations/0030-overdue-reported.migration.js';
import { KeptCreditPaysNothing1795300039000 } from './migrations/0036-kept-credit-pays-nothing.migration.js';
import { registerInvoices } from './invoices.integration.js';
import { issuedToClient } from './invoice-query.js';

/** Invoices and their lines: drafting, finalizing, voiding, generation from time, the overdue sweep. */
export const invoicesModule: SettleModule = {
  name: 'invoices',
  entities: [Invoice, InvoiceLine],
  migrations: [TimeItemization1795300022000, OverdueReported1795300033000, KeptCreditPaysNothing1795300039000],
  resolvers: [InvoiceResolver, ClientOpenBalanceResolver],
  nodes: [
    nodeSource(Invoice, (inv, clientId) => inv.clientId === clientId && issuedToClient(inv)),
    nodeSource(InvoiceLine),
  ],
  access: {
    Query: {
      invoices: BILLING_OR_PORTAL,
      invoice: BILLING_OR_PORTAL,
    },
    Mutation: {
      generateInvoices: BILLING,
      createInvoice: BILLING,
      updateDraftInvoice: BILLING,
      sendInvoice: BILLING,
      voidInvoice: BILLING,
      markInvoiceUncollectible: BILLING,
      releaseVoidedInvoiceTime: ADMIN,
    },
    Subscription: {
      invoiceUpdated: BILLING_OR_PORTAL,
    },
    // Notes are internal (the memo is what the client reads): staff only, never a portal user.
    Invoice: { timeline: BILLING, notes: BILLING },
  },
  setup: registerInvoices,
};
