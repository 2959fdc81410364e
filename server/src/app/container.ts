import type { DataSource } from 'typeorm';
import type { SettleConfig } from '../platform/config.js';
import type { SecretBox } from '../platform/crypto.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { DomainEventBus } from '../platform/events/domain-events.js';
import { SettleMetrics } from '../platform/metrics/settle-metrics.js';
import { createSettlePubSub, type SettlePubSub } from '../platform/events/invoice-events.js';
import { RateLimiter } from '../platform/rate-limit/rate-limiter.js';
import { RefusalBudget } from '../platform/rate-limit/refusal-budget.js';
import { rateRulesFrom } from '../platform/rate-limit/rate-limits.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { ApiTokenService } from '../modules/auth/api-token.service.js';
import { PortalUserAdminService } from '../modules/auth/portal-user-admin.service.js';
import { CatalogService } from '../modules/catalog/catalog.service.js';
import { ClientService } from '../modules/clients/client.service.js';
import { EmailService } from '../modules/email/email.service.js';
import { InvoiceGenerationService } from '../modules/invoices/invoice-generation.service.js';
import { InvoiceService } from '../modules/invoices/invoice.service.js';
import { OrganizationService } from '../modules/organizations/organization.service.js';
import { PaymentFeeSources } from '../modules/payments/payment-fee-source.js';
import { PaymentProviders } from '../modules/payments/payment-provider.js';
import { PaymentService } from '../modules/payments/payment.service.js';
import { PaymentRefunds } from '../modules/payments/payment-refunds.js';
import { SettlementService } from '../modules/payments/settlement.service.js';
import { PaymentExceptionService } from '../modules/payment-exceptions/payment-exception.service.js';
import { PaymentExceptionRemedies } from '../modules/payment-exceptions/payment-exception-remedies.js';
import { TicketService } from '../modules/tickets/ticket.service.js';
import { TimeEntryService } from '../modules/time-entries/time-entry.service.js';

/** The composition root: every service, wired once per process (or per test database). */
export interface Container {
  config: SettleConfig;
  db: DataSource;
  databaseUrl: string;
  secrets: SecretBox;
  /** "Now" for scheduled work (billing runs, reminders, retries); tests swap in a ManualClock. */
  clock: Clock;
  pubsub: SettlePubSub;
  /** Domain events: how one module reacts to another's change (platform/events/domain-events.ts). */
  events: DomainEventBus;
  /** Provider fees (Stripe's processing fee) as payment modules declare them, for the books. */
  paymentFees: PaymentFeeSources;
  /** Who takes card and bank payments online (Stripe), as payment modules declare them. */
  paymentProviders: PaymentProviders;
  /** This process's Prometheus metrics (GET /metrics); modules add the gauges only they can read. */
  metrics: SettleMetrics;
  /** Rate limits on sign-in, mail-sending and pay-link entry points (counters in PostgreSQL). */
  rateLimits: RateLimiter;
  /** Refused webhook deliveries per address, in this process's memory (refusal-budget.ts). */
  webhookRefusals: RefusalBudget;
  audit: AuditService;
  email: EmailService;
  auth: AuthService;
  /** An org's API tokens (create, list, revoke, what each acts as now). */
  apiTokens: ApiTokenService;
  /** Staff administration of clients' portal users (invite, list, disable, enable). */
  portalUsers: PortalUserAdminService;
  organizations: OrganizationService;
  clients: ClientService;
  catalog: CatalogService;
  tickets: TicketService;
  timeEntries: TimeEntryService;
  invoices: InvoiceService;
  generation: InvoiceGenerationService;
  settlement: SettlementService;
  payments: PaymentService;
  /** Staff refunds of a payment through the provider that took it. */
  refunds: PaymentRefunds;
  /** Money that arrived where it should not: raised by the settlement path, read by the API. */
  paymentExceptions: PaymentExceptionService;
  /** Refund or dismiss a payment exception (money a provider took goes back through it). */
  exceptionRemedies: PaymentExceptionRemedies;
}

export function createContainer(
  config: SettleConfig,
  db: DataSource,
  databaseUrl: string,
  secrets: SecretBox,
): Container {
  const audit = new AuditService(db);
  const email = new EmailService(db, config.smtpUrl, config.mailFrom);
  const events = new DomainEventBus(db);
  const paymentExceptions = new PaymentExceptionService(db, audit, email, config.publicUrl);
  const paymentProviders = new PaymentProviders();
  const mailing = { db, audit, email, events, publicUrl: config.publicUrl, clock: () => container.clock };
  const settlement = new SettlementService(mailing, paymentExceptions, paymentProviders);
  const invoices = new InvoiceService(mailing, paymentProviders);
  const apiTokens = new ApiTokenService(db, audit, events);
  const portalUsers = new PortalUserAdminService(mailing);
  const container: Container = {
    config,
    db,
    metrics: new SettleMetrics(),
    databaseUrl,
    secrets,
    clock: systemClock,
    events,
    audit,
    email,
    paymentFees: new PaymentFeeSources(),
    paymentProviders,
    rateLimits: new RateLimiter(db, config.rateLimits ?? rateRulesFrom({}), config.rateLimits !== null),
    webhookRefusals: new RefusalBudget(config.rateLimits?.webhookRefusals.ip ?? null),
    pubsub: createSettlePubSub(),
    auth: new AuthService(mailing, apiTokens, portalUsers, config.sessionHours),
    apiTokens,
    portalUsers,
    organizations: new OrganizationService(db, audit),
    clients: new ClientService(db, audit, events),
    catalog: new CatalogService(db, audit, events),
    tickets: new TicketService(db, audit),
    timeEntries: new TimeEntryService(db, audit),
    invoices,
    generation: new InvoiceGenerationService(db, audit, events, () => container.clock),
    settlement,
    payments: new PaymentService(db),
    refunds: new PaymentRefunds(db, settlement, paymentProviders, invoices),
    paymentExceptions,
    exceptionRemedies: new PaymentExceptionRemedies(db, audit, settlement, paymentProviders),
  };
  return container;
}
