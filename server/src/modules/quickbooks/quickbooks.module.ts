import type { Container } from '../../app/container.js';
import type { Actor } from '../../platform/actor.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { pointSdk } from './node-quickbooks.provider.js';
import { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { quickBooksHooks } from './quickbooks-hooks.js';
import { CDC_TASK, QuickBooksInbound, WEBHOOK_TASK } from './quickbooks-inbound.service.js';
import { OPERATION_TASK } from './quickbooks-ledger.js';
import { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import { QuickBooksOperationRunner, type RetryPolicy } from './quickbooks-operations.service.js';
import { QuickBooksOutbound } from './quickbooks-outbound.js';
import { QuickBooksInvoicePushService } from './quickbooks-invoice-push.service.js';
import { mountQuickBooksRoutes } from './quickbooks-http.routes.js';
import { completeFromEmulator, loadQuickBooksSettings } from './quickbooks-settings.js';
import { connectDemoSandbox, DEMO_TASK } from './sandbox-connect.js';
import { NO_PAYMENT_FEES, type PaymentFeeSource } from '../payments/payment-fee-source.js';

export interface QuickBooksModule {
  connections: QuickBooksConnectionService;
  mapping: QuickBooksMappingService;
  runner: QuickBooksOperationRunner;
  inbound: QuickBooksInbound;
  /** Where Stripe fees are looked up: the Stripe module's, wired in at composition (app/integrations.ts). */
  feeSource: PaymentFeeSource;
  sendInvoice(orgId: string, id: string): Promise<Invoice>;
  emailInvoice(orgId: string, id: string): Promise<Invoice>;
}

const modules = new WeakMap<Container, QuickBooksModule>();

export function quickBooksOf(container: Container): QuickBooksModule {
  const m = modules.get(container);
  if (!m) throw new Error('QuickBooks integration is not registered');
  return m;
}

/** Wires QuickBooks into Settle: hooks, worker tasks, the CDC schedule, the webhook and OAuth routes. */
export async function registerQuickBooks(container: Container): Promise<void> {
  const { config, db } = container;
  const settings = loadQuickBooksSettings(config);
  if (settings.apiUrl) {
    await completeFromEmulator(settings).catch((err) => logger.warn({ err: String(err) }, 'quickbooks emulator credentials unavailable'));
  }
  if (settings.configured) pointSdk(settings);
  const env = config.env;
  const policy: RetryPolicy = {
    maxAttempts: Number(env.QBO_MAX_ATTEMPTS ?? 8),
    baseDelayMs: Number(env.QBO_RETRY_BASE_MS ?? 1000),
    maxDelayMs: 5 * 60_000,
    maxDeferrals: 60,
    deferDelayMs: Number(env.QBO_DEFER_MS ?? 1000),
  };
  const connections = new QuickBooksConnectionService(db, container.secrets, settings);
  const mapping = new QuickBooksMappingService(db);
  const pushes = new QuickBooksInvoicePushService(db, connections);
  const m: QuickBooksModule = {
    connections, mapping,
    feeSource: NO_PAYMENT_FEES,
    runner: null as never,
    inbound: new QuickBooksInbound(db, connections, container.settlement),
    sendInvoice: (orgId, id) => pushes.sendInvoice(orgId, id),
    emailInvoice: (orgId, id) => pushes.emailInvoice(orgId, id),
  };
  m.runner = new QuickBooksOperationRunner(db, connections, new QuickBooksOutbound(db, mapping, () => m.feeSource), policy);
  modules.set(container, m);

  container.hooks.register(quickBooksHooks);
  container.tasks.tasks[OPERATION_TASK] = async (payload) => m.runner.process((payload as { operationId: string }).operationId);
  container.tasks.tasks[WEBHOOK_TASK] = async (payload) => m.inbound.processWebhook((payload as { eventId: string }).eventId);
  container.tasks.tasks[CDC_TASK] = async () => m.inbound.pollAll();
  container.tasks.tasks[DEMO_TASK] = async () => connectDemoSandbox(container, m);
  container.tasks.cron.push({ task: CDC_TASK, match: env.QBO_CDC_CRON ?? '*/5 * * * *', identifier: 'quickbooks-cdc' });

  container.routes.push((app) => mountQuickBooksRoutes(app, { settings, inbound: m.inbound, connections, auth: container.auth }));

  // Offline sandbox: the demo org comes connected to the emulator's company (seeded after start-up).
  if (settings.apiUrl && config.seedDemo && config.runWorker) {
    await db.transaction((tx) => enqueue(tx, DEMO_TASK, {}, { jobKey: 'quickbooks-connect-demo', runAt: new Date(Date.now() + 2000), maxAttempts: 8 }));
  }
}

export type { Actor };
