import type { NonEmptyArray } from 'type-graphql';
import { StripeInvoiceFieldsResolver, StripePaymentFieldsResolver, StripeResolver } from '../modules/stripe/stripe.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { AuthResolver } from '../modules/auth/auth.resolver.js';
import { CatalogResolver } from '../modules/catalog/catalog.resolver.js';
import { ClientResolver } from '../modules/clients/client.resolver.js';
import { DashboardResolver } from '../modules/reports/dashboard.resolver.js';
import { EmailResolver } from '../modules/email/email.resolver.js';
import { InvoiceConnectionResolver, InvoiceResolver } from '../modules/invoices/invoice.resolver.js';
import { OrganizationResolver } from '../modules/organizations/organization.resolver.js';
import { PaymentResolver } from '../modules/payments/payment.resolver.js';
import { InvoicePaymentExceptionsResolver, PaymentExceptionResolver } from '../modules/payment-exceptions/payment-exception.resolver.js';
import { TicketResolver } from '../modules/tickets/ticket.resolver.js';
import { TimeEntryResolver } from '../modules/time-entries/time-entry.resolver.js';
import { QuickBooksResolver } from '../modules/quickbooks/quickbooks.resolver.js';

/** Every resolver in the public API. Integration modules append theirs here. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS: NonEmptyArray<Function> = [
  AuthResolver, OrganizationResolver, ClientResolver, CatalogResolver, TicketResolver, TimeEntryResolver,
  InvoiceResolver, InvoiceConnectionResolver, PaymentResolver, PaymentExceptionResolver, InvoicePaymentExceptionsResolver, AuditResolver, EmailResolver, DashboardResolver,
  QuickBooksResolver,
  StripeResolver, StripeInvoiceFieldsResolver, StripePaymentFieldsResolver,
];
