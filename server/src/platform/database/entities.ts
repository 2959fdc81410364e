import { STRIPE_ENTITIES } from '../../modules/stripe/stripe-entities.js';
import { Organization } from '../../modules/organizations/organization.entity.js';
import { User } from '../../modules/auth/user.entity.js';
import { PortalUser } from '../../modules/auth/portal-user.entity.js';
import { ApiToken } from '../../modules/auth/api-token.entity.js';
import { MagicLink, Session } from '../../modules/auth/session.entity.js';
import { Client } from '../../modules/clients/client.entity.js';
import { ClientRate } from '../../modules/clients/client-rate.entity.js';
import { Service, ServicePrice } from '../../modules/catalog/service.entity.js';
import { Ticket } from '../../modules/tickets/ticket.entity.js';
import { TimeEntry } from '../../modules/time-entries/time-entry.entity.js';
import { Invoice } from '../../modules/invoices/invoice.entity.js';
import { InvoiceLine } from '../../modules/invoices/invoice-line.entity.js';
import { CreditMemo, Payment } from '../../modules/payments/payment.entity.js';
import { AuditEvent } from '../../modules/audit/audit-event.entity.js';
import { Email } from '../../modules/email/email.entity.js';
import { PaymentException } from '../../modules/payment-exceptions/payment-exception.entity.js';
import { QUICKBOOKS_ENTITIES } from '../../modules/quickbooks/quickbooks.entities.js';

/** Every TypeORM entity. Modules append theirs here. */
export const ENTITIES = [
  Organization, User, PortalUser, ApiToken, Session, MagicLink, Client, ClientRate, Service, ServicePrice, Ticket,
  TimeEntry, Invoice, InvoiceLine, Payment, CreditMemo, AuditEvent, Email, PaymentException,
  ...QUICKBOOKS_ENTITIES,
  ...STRIPE_ENTITIES,
];
