import type { EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import { enqueueMany, type TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import type { InvoiceChange } from '../invoices/invoice.events.js';
import { CheckoutLinkService, isOpenForPayment } from './checkout-link.service.js';
import { syncService } from './catalog-sync.js';
import { StripeSendService } from './hosted-invoice.service.js';
import { mountPayLinks } from './pay-link.routes.js';
import { PaymentSettingsService } from './payment-settings.service.js';
import { StripeConnection } from './stripe-connection.entity.js';
import { StripeCatalogLink } from './stripe-links.entity.js';
import { StripeConnectionService } from './stripe-connection.service.js';
import type { StripeReader } from './stripe-claim-reads.js';
import { StripeEffects } from './stripe-event-effects.js';
import { StripePayoutEffects } from './stripe-payout-effects.js';
import { StripeEventProcessor } from './stripe-event-processor.js';
import { queueCatalogSync, queueInvoiceChanged, STRIPE_FORMER_JOB_NAMES } from './stripe.jobs.js';
import { StripeFeeSource } from './stripe-fee-source.js';
import { StripePaymentProvider } from './stripe-payment-provider.js';
import type { PaymentFeeSource } from '../payments/payment-fee-source.js';
import { DRAIN_TASK, DrainScheduler, InboxWriter, recoverInbox } from './stripe-inbox.js';
import { pgPoolOf } from '../../platform/database/pg-pool.js';
import { StripeSweep, SWEEP_TASK, type SweepResume } from './stripe-sweep.task.js';
import { stripeWebhookRoute } from './stripe-webhook.routes.js';
import { registerStripeMetrics } from './stripe-metrics.js';

export interface StripeModule {
  connections: StripeConnectionService;
  paymentSettings: PaymentSettingsService;
  checkout: CheckoutLinkService;
  sending: StripeSendService;
  processor: StripeEventProcessor;
  scheduler: DrainScheduler;
  sweep: StripeSweep;
  /** Stripe's processing fees, for accounting integrations (wired in at composition). */
  fees: PaymentFeeSource;
}

const services = moduleServices<StripeModule>('stripe');

/** The Stripe services of a running Settle (resolvers, routes and tests reach them here). */
export const stripeOf = (c: Container): StripeModule => services.of(c);

/** The Stripe module's setup (stripe.module.ts): services, domain-event handlers, tasks, schedules and HTTP routes. */
export async function stripeIntegration(c: Container): Promise<ModuleParts> {
  const connections = new StripeConnectionService(c.db, c.secrets, c.audit, c.config, c.events);
  const checkout = new CheckoutLinkService(c.db, connections, c.config.publicUrl, (orgId, invoiceId) =>
    c.paymentProviders.unbookedElsewhere(orgId, invoiceId, 'person'),
  );
  const sending = new StripeSendService(c.db, connections, checkout);
  const scheduler = new DrainScheduler(c.db);
  const processor = new StripeEventProcessor(c.db, new StripeEffects(c.db, c, connections), scheduler);
  const sweep = new StripeSweep(c.db, connections, scheduler, c.config.stripe.sweepIntervalMs);
  c.events.on('stripe.connected', ({ orgId }, tx) => sweep.scheduleNext(orgId, undefined, tx));
  // Products and prices live in one account + mode: after a switch each linked service is made anew there.
  c.events.on('stripe.account-switched', async ({ orgId }, tx) => {
    for (const l of await tx.findBy(StripeCatalogLink, { orgId })) await queueCatalogSync(tx, orgId, l.serviceId);
  });
  const fees = new StripeFeeSource((orgId) => connections.providerFor(orgId));
  const paymentSettings = new PaymentSettingsService(c.db, c.audit, c.organizations, connections);
  services.set(c, { connections, paymentSettings, checkout, sending, processor, scheduler, sweep, fees });
  const tasks: TypedTasks = {};

  // Claims carry the worker's id, so a claim of a worker that dies is handed back within seconds.
  tasks[DRAIN_TASK] = async (_payload, helpers) => {
    await processor.drain(undefined, helpers.job.locked_by ?? undefined);
  };
  tasks['stripe.send-invoice'] = async (p) => {
    logger.info({ ...p, result: await sending.send(p.orgId, p.invoiceId) }, 'stripe send');
  };
  tasks['stripe.invoice-changed'] = async (p) => {
    logger.info({ ...p, result: await sending.syncAfterChange(p.orgId, p.invoiceId) }, 'stripe invoice sync');
  };
  // A payout the webhook missed (found by the reconciliation): read from Stripe, recorded by payout.paid's path.
  const payouts = new StripePayoutEffects(c, connections);
  tasks['stripe.record-payout'] = async ({ orgId, payoutId }) => {
    const api = await connections.providerFor(orgId);
    if (!api) throw new Error('Stripe is not connected');
    const reader: StripeReader = { read: (_key, fetch) => fetch(api) };
    const result = await payouts.paid(orgId, await api.retrievePayout(payoutId), reader);
    logger.info({ orgId, payoutId, result }, 'stripe payout recorded');
  };
  tasks['stripe.catalog-sync'] = async (p) => {
    await syncService(c.db, connections, p.orgId, p.serviceId);
  };
  tasks[SWEEP_TASK] = async ({ orgId, resume }) => {
    let next: SweepResume | undefined;
    try {
      next = (await sweep.sweepOrg(orgId, resume)).resume;
    } finally {
      if (await connections.find(orgId)) await sweep.scheduleNext(orgId, undefined, undefined, next);
    }
  };
  tasks['stripe.sweep-tick'] = async () => sweep.tick();
  tasks['stripe.inbox-recover'] = async () => {
    await recoverInbox(c.db, scheduler);
  };
  // The identifiers keep their first names: graphile-worker remembers each schedule's last run by them.
  const schedules = [
    { task: 'stripe.sweep-tick', match: '* * * * *', identifier: 'stripe-sweep-tick' },
    { task: 'stripe.inbox-recover', match: '* * * * *', identifier: 'stripe-inbox-recover' },
  ];
  // And every few seconds (and on start) from the job supervisor, right after dead workers' locks go.
  const recoveries = [() => recoverInbox(c.db, scheduler, { dueForMs: 15_000 })];

  c.events.on('invoice.finalized', async ({ orgId, invoices, destinations }, tx) => {
    if (!destinations.includes('STRIPE') || !(await tx.existsBy(StripeConnection, { orgId }))) return;
    await enqueueMany(
      tx,
      'stripe.send-invoice',
      invoices.map((i) => ({ payload: { orgId, invoiceId: i.id }, jobKey: `stripe-send:${i.id}` })),
    );
  });
  // No longer payable: the hosted Stripe invoice is voided and Checkout sessions expired by a durable
  // job queued in this transaction (from Stripe's dashboard too: Stripe still takes money on an
  // uncollectible invoice).
  const noLongerPayable = async ({ orgId, invoice }: InvoiceChange, tx: EntityManager) => {
    if (!(await tx.existsBy(StripeConnection, { orgId }))) return;
    await queueInvoiceChanged(tx, orgId, invoice.id);
  };
  c.events.on('invoice.voided', noLongerPayable);
  c.events.on('invoice.marked-uncollectible', noLongerPayable);
  c.events.on('invoice.balance-changed', async (ctxs, tx) => {
    // Only invoices with something live in Stripe need a job (an open session or a hosted invoice),
    // found for the whole batch in one statement. A hosted invoice Stripe reported paid (its link asks
    // for 0, set when its invoice.paid was confirmed) is not live: the job would only read it as paid,
    // unless the invoice is owed again (a check that closed it voided or refunded: the job issues one
    // for the balance, hosted-invoice.service.ts).
    const rows = (await tx.query(
      `SELECT u.org_id, u.invoice_id, l.stripe_amount = 0 AS paid_hosted
         FROM unnest($1::uuid[], $2::uuid[]) AS u(org_id, invoice_id)
         LEFT JOIN stripe_invoice_links l ON l.org_id = u.org_id AND l.invoice_id = u.invoice_id AND l.stripe_invoice_id IS NOT NULL
        WHERE EXISTS (SELECT 1 FROM stripe_checkout_sessions s WHERE s.org_id = u.org_id AND s.invoice_id = u.invoice_id AND s.status = 'open')
           OR l.invoice_id IS NOT NULL`,
      [ctxs.map((x) => x.orgId), ctxs.map((x) => x.invoice.id)],
    )) as Array<{ org_id: string; invoice_id: string; paid_hosted: boolean | null }>;
    const found = new Map(rows.map((r) => [`${r.org_id}:${r.invoice_id}`, r.paid_hosted === true]));
    for (const { orgId, invoice } of ctxs) {
      const paidHosted = found.get(`${orgId}:${invoice.id}`);
      if (paidHosted === undefined || (paidHosted && !isOpenForPayment(invoice))) continue;
      await queueInvoiceChanged(tx, orgId, invoice.id);
    }
  });

  // Queued in the catalog change's own transaction: the sync exists exactly when the change committed.
  c.events.on('catalog.item-changed', async ({ orgId, serviceId }, tx) => {
    if (await tx.existsBy(StripeConnection, { orgId })) await queueCatalogSync(tx, orgId, serviceId);
  });

  registerStripeMetrics(c);
  return {
    tasks,
    schedules,
    recoveries,
    formerJobNames: STRIPE_FORMER_JOB_NAMES,
    paymentFees: fees,
    paymentProvider: new StripePaymentProvider(connections, checkout, sending),
    listens: [connections.webhookTargetsChannel()],
    rawRoutes: [stripeWebhookRoute(connections, new InboxWriter(pgPoolOf(c.db)), scheduler, c.webhookRefusals)],
    routes: [(app) => mountPayLinks(app, c, checkout, connections)],
    async start() {
      await sweep.tick().catch((err: Error) => logger.warn({ err: err.message }, 'could not schedule Stripe sweeps'));
      await connectDemoIfSandbox(c).catch((err: Error) =>
        logger.warn({ err: err.message }, 'demo Stripe sandbox connection failed'),
      );
    },
  };
}

/** Sandbox key of the demo org: the emulator accepts any sk_test_ key and derives an account from it. */
const SANDBOX_ACTOR = { ...SYSTEM_ACTOR, label: 'Settle sandbox' };
export const DEMO_STRIPE_KEY = 'sk_test_settle_demo_org';

/**
 * With STRIPE_API_URL set (the offline sandbox), connects the demo org to the emulator with a test key
 * and an auto-registered webhook, so the demo pays offline end to end. Idempotent.
 */
export async function connectDemoIfSandbox(c: Container): Promise<boolean> {
  if (!c.config.stripe.apiUrl) return false;
  const demo = await c.organizations.findBySlug('demo');
  if (!demo) return false;
  const m = stripeOf(c);
  const existing = await m.connections.find(demo.id);
  if (existing) {
    if (!existing.webhookSecretSealed)
      await m.connections.registerWebhook(demo.id, SANDBOX_ACTOR).catch(() => undefined);
    return false;
  }
  await m.connections.connectWithKeys(demo.id, SANDBOX_ACTOR, DEMO_STRIPE_KEY, DEMO_STRIPE_KEY.replace('sk_', 'pk_'));
  logger.info({ orgId: demo.id }, 'demo org connected to the Stripe sandbox');
  return true;
}
