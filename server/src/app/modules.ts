import { autopayModule } from '../modules/autopay/autopay.module.js';
import { auditModule } from '../modules/audit/audit.module.js';
import { authModule } from '../modules/auth/auth.module.js';
import { billingModule } from '../modules/billing/billing.module.js';
import { catalogModule } from '../modules/catalog/catalog.module.js';
import { clientCreditsModule } from '../modules/client-credits/client-credits.module.js';
import { clientsModule } from '../modules/clients/clients.module.js';
import { contractsModule } from '../modules/contracts/contracts.module.js';
import { emailModule } from '../modules/email/email.module.js';
import { idempotencyModule } from '../modules/idempotency/idempotency.module.js';
import { invoicePdfModule } from '../modules/invoice-pdf/invoice-pdf.module.js';
import { invoicesModule } from '../modules/invoices/invoices.module.js';
import { nodesModule } from '../modules/nodes/nodes.module.js';
import { organizationsModule } from '../modules/organizations/organizations.module.js';
import { paymentExceptionsModule } from '../modules/payment-exceptions/payment-exceptions.module.js';
import { paymentsModule } from '../modules/payments/payments.module.js';
import { quickBooksModule } from '../modules/quickbooks/quickbooks.module.js';
import { reconciliationModule } from '../modules/reconciliation/reconciliation.module.js';
import { remindersModule } from '../modules/reminders/reminders.module.js';
import { reportsModule } from '../modules/reports/reports.module.js';
import { stripeModule } from '../modules/stripe/stripe.module.js';
import { ticketsModule } from '../modules/tickets/tickets.module.js';
import { timeEntriesModule } from '../modules/time-entries/time-entries.module.js';
import { usersModule } from '../modules/users/users.module.js';
import { webhookEndpointsModule } from '../modules/webhook-endpoints/webhook-endpoints.module.js';
import { coreModule } from './core.module.js';
import { databaseSchemaOf } from './module-runtime.js';
import type { SettleModule } from './settle-module.js';

/**
 * Every module of Settle, in order: the one list the data source, the migration runner, the GraphQL
 * schema and the start-up read. Adding a module is its folder plus one line here. Integrations come
 * last: they are set up once the billing core they plug into is.
 */
export const SETTLE_MODULES: readonly SettleModule[] = [
  coreModule,
  authModule,
  usersModule,
  organizationsModule,
  idempotencyModule,
  clientsModule,
  catalogModule,
  ticketsModule,
  timeEntriesModule,
  invoicesModule,
  contractsModule,
  billingModule,
  paymentsModule,
  paymentExceptionsModule,
  clientCreditsModule,
  auditModule,
  emailModule,
  reportsModule,
  invoicePdfModule,
  quickBooksModule,
  stripeModule,
  autopayModule,
  reconciliationModule,
  remindersModule,
  webhookEndpointsModule,
  nodesModule,
];

/** The entities and migrations of every module: what the data source maps and the runner runs. */
export const SETTLE_SCHEMA = databaseSchemaOf(SETTLE_MODULES);
