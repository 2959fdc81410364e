import type { Client } from '../clients/client.entity.js';
import type { Container } from '../../app/container.js';
import type { ModuleParts } from '../../app/settle-module.js';
import { moduleServices } from '../../app/module-services.js';
import { enqueue, type TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { pointSdk } from './node-quickbooks.provider.js';
import { QuickBooksAdminService } from './quickbooks-admin.service.js';
import { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { followInvoiceChanges } from './quickbooks-event-handlers.js';
import { CDC_TASK, QuickBooksInbound, WEBHOOK_TASK } from './quickbooks-inbound.service.js';
import { APPLY_PAYMENT_TASK, QUICKBOOKS_FORMER_JOB_NAMES } from './quickbooks.jobs.js';
import { OPERATION_TASK } from './quickbooks-ledger.js';
import { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import { QuickBooksOperationRunner, type RetryPolicy } from './quickbooks-operations.service.js';
import { QuickBooksOutbound } from './quickbooks-outbound.js';
import { QuickBooksConflicts } from './quickbooks-conflict.service.js';
import { QuickBooksPaymentPullback } from './quickbooks-payment-pullback.js';
import { QuickBooksInvoicePushService } from './quickbooks-invoice-push.service.js';
import { mountQuickBooksRoutes } from './quickbooks-http.routes.js';
import { completeFromEmulator, loadQuickBooksSettings } from './quickbooks-settings.js';
import { connectDemoSandbox, DEMO_TASK } from './sandbox-connect.js';
import type { PaymentFeeSource } from '../payments/payment-fee-source.js';
import { registerQuickBooksMetrics } from './quickbooks-metrics.js';
import { QuickBooksPayNowCheck } from './quickbooks-pay-now-check.js';
import { clientCreditsOf } from '../client-credits/client-credits.services.js';

export interface QuickBooksModule {
  connections: QuickBooksConnectionService;
  /** What the settings page reads and changes. */
  admin: QuickBooksAdminService;
  mapping: QuickBooksMappingService;
  runner: QuickBooksOperationRunner;
  inbound: QuickBooksInbound;
  /** Edits made in QuickBooks to what Settle owns: keep Settle's version or accept QuickBooks'. */
  conflicts: QuickBooksConflicts;
  /** Where provider fees are looked up: those payment modules declare (ModuleParts.paymentFees), through the container. */
  feeSource: PaymentFeeSource;
  sendInvoice(orgId: string, id: string): Promise<Invoice>;
  emailInvoice(orgId: string, id: string): Promise<Invoice>;
  syncClient(orgId: string, clientId: string): Promise<Client>;
}

const services = moduleServices<QuickBooksModule>('quickbooks');

/** The QuickBooks services of a running Settle (resolvers, routes and tests reach them here). */
export const quickBooksOf = (container: Container): QuickBooksModule => services.of(container);

/** The QuickBooks module's setup (quickbooks.module.ts): event handlers, worker tasks, the CDC schedule, the webhook and OAuth routes. */
export async function registerQuickBooks(container: Container): Promise<ModuleParts> {
  const { config, db } = container;
  const settings = loadQuickBooksSettings(config);
  if (settings.apiUrl) {
    await completeFromEmulator(settings).catch((err) =>
      logger.warn({ err: String(err) }, 'quickbooks emulator credentials unavailable'),
    );
  }
  if (settings.configured) pointSdk(settings);
  const policy: RetryPolicy = {
    maxAttempts: config.quickbooks.maxAttempts,
    baseDelayMs: config.quickbooks.retryBaseMs,
    maxDelayMs: 5 * 60_000,
    maxDeferrals: 60,
    deferDelayMs: config.quickbooks.deferMs,
  };
  const connections = new QuickBooksConnectionService(db, container.secrets, settings);
  const mapping = new QuickBooksMappingService(db);
  const pushes = new QuickBooksInvoicePushService(db, connections);
  const m: QuickBooksModule = {
    connections,
    mapping,
    admin: new QuickBooksAdminService(db, connections, mapping),
    feeSource: container.paymentFees,
    runner: null as never,
    conflicts: null as never,
    inbound: null as never,
    sendInvoice: (orgId, id) => pushes.sendInvoice(orgId, id),
    emailInvoice: (orgId, id) => pushes.emailInvoice(orgId, id),
    syncClient: (orgId, clientId) => pushes.syncClient(orgId, clientId),
  };
  m.runner = new QuickBooksOperationRunner(
    db,
    connections,
    new QuickBooksOutbound(db, mapping, () => m.feeSource),
    policy,
    container.events,
  );
  m.conflicts = new QuickBooksConflicts(db, connections, container.clients, () => m.runner);
  const pullback = new QuickBooksPaymentPullback(db, container.settlement);
  m.inbound = new QuickBooksInbound(
    db,
    connections,
    container.settlement,
    pullback,
    m.conflicts,
    () => clientCreditsOf(container).credits,
  );
  services.set(container, m);

  followInvoiceChanges(container.events);
  const tasks: TypedTasks = {
    [OPERATION_TASK]: async ({ operationId }) => m.runner.process(operationId),
    [WEBHOOK_TASK]: async ({ eventId }) => m.inbound.processWebhook(eventId),
    [APPLY_PAYMENT_TASK]: async ({ orgId, qbPaymentId }) => void (await m.inbound.reapply(orgId, qbPaymentId)),
    [CDC_TASK]: async () => m.inbound.pollAll(),
    [DEMO_TASK]: async () => connectDemoSandbox(container.organizations, connections),
  };
  const schedules = [{ task: CDC_TASK, match: config.quickbooks.cdcCron, identifier: 'quickbooks-cdc' }];

  registerQuickBooksMetrics(container);
  return {
    tasks,
    schedules,
    formerJobNames: QUICKBOOKS_FORMER_JOB_NAMES,
    outsidePayments: new QuickBooksPayNowCheck(db, connections, pullback),
    routes: [
      (app) =>
        mountQuickBooksRoutes(app, {
          settings,
          inbound: m.inbound,
          connections,
          auth: container.auth,
          publicUrl: container.config.publicUrl,
          refusals: container.webhookRefusals,
        }),
    ],
    // Offline sandbox: the demo org comes connected to the emulator's company (seeded after start-up).
    async start() {
      if (!settings.apiUrl || !config.seedDemo || !config.runWorker) return;
      await db.transaction((tx) =>
        enqueue(
          tx,
          DEMO_TASK,
          {},
          { jobKey: 'quickbooks-connect-demo', runAt: new Date(Date.now() + 2000), maxAttempts: 8 },
        ),
      );
    },
  };
}
