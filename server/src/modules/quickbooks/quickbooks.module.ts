import express, { type Express } from 'express';
import type { Container } from '../../app/container.js';
import type { ModuleParts, SettleModule } from '../../app/settle-module.js';
import { tokenFromRequest } from '../../http/session-cookie.js';
import type { Actor } from '../../platform/actor.js';
import { badInput, conflict } from '../../platform/errors.js';
import { enqueue, type TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { pointSdk } from './node-quickbooks.provider.js';
import { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { followInvoiceChanges } from './quickbooks-event-handlers.js';
import { CDC_TASK, QuickBooksInbound, WEBHOOK_TASK } from './quickbooks-inbound.service.js';
import { QUICKBOOKS_FORMER_JOB_NAMES } from './quickbooks.jobs.js';
import { OPERATION_TASK, OpKind, enqueueOperation, findLink, nextVersion } from './quickbooks-ledger.js';
import { QuickBooksMappingService } from './quickbooks-mapping.service.js';
import { QuickBooksOperationRunner, type RetryPolicy } from './quickbooks-operations.service.js';
import { QuickBooksOutbound } from './quickbooks-outbound.js';
import { QuickBooksResolver } from './quickbooks.resolver.js';
import { QUICKBOOKS_ENTITIES } from './quickbooks.entities.js';
import { QuickBooksSchema1795300002000 } from './migrations/0003-quickbooks-schema.migration.js';
import { completeFromEmulator, loadQuickBooksSettings } from './quickbooks-settings.js';
import { connectDemoSandbox, DEMO_TASK } from './sandbox-connect.js';
import { stripeClientFromConnection } from './stripe-connection-bridge.js';
import { StripeSdkFeeSource, type StripeFeeSource } from './stripe-fee.js';
import { verifyIntuitSignature } from './webhook-notifications.js';

export interface QuickBooksModule {
  connections: QuickBooksConnectionService;
  mapping: QuickBooksMappingService;
  runner: QuickBooksOperationRunner;
  inbound: QuickBooksInbound;
  /** Replaceable (tests, or a future Stripe module API): where Stripe fees are looked up. */
  feeSource: StripeFeeSource;
  sendInvoice(orgId: string, id: string): Promise<Invoice>;
  emailInvoice(orgId: string, id: string): Promise<Invoice>;
}

const modules = new WeakMap<Container, QuickBooksModule>();

export function quickBooksOf(container: Container): QuickBooksModule {
  const m = modules.get(container);
  if (!m) throw new Error('QuickBooks integration is not registered');
  return m;
}

/** QuickBooks Online: outbound operation queue, inbound webhooks + CDC, OAuth callback. */
export const quickBooksModule: SettleModule = {
  name: 'quickbooks',
  entities: QUICKBOOKS_ENTITIES,
  migrations: [QuickBooksSchema1795300002000],
  resolvers: [QuickBooksResolver],
  setup: registerQuickBooks,
};

/** Wires QuickBooks into Settle: hooks, worker tasks, the CDC schedule, the webhook and OAuth routes. */
export async function registerQuickBooks(container: Container): Promise<ModuleParts> {
  const { config, db } = container;
  const settings = loadQuickBooksSettings(config);
  if (settings.apiUrl) {
    await completeFromEmulator(settings).catch((err) => logger.warn({ err: String(err) }, 'quickbooks emulator credentials unavailable'));
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
  const m: QuickBooksModule = {
    connections, mapping,
    feeSource: new StripeSdkFeeSource(stripeClientFromConnection(db, container.secrets, config)),
    runner: null as never,
    inbound: new QuickBooksInbound(db, connections, container.settlement),
    sendInvoice: (orgId, id) => db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status === InvoiceStatus.VOID) throw badInput('id', `Invoice ${invoice.number} is void`);
      if (!(await connections.connected(orgId, tx))) throw conflict('QuickBooks is not connected');
      await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, id);
      return invoice;
    }),
    emailInvoice: (orgId, id) => db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status === InvoiceStatus.VOID) throw badInput('id', `Invoice ${invoice.number} is void`);
      if (!(await connections.connected(orgId, tx))) throw conflict('QuickBooks is not connected');
      if (!(await findLink(tx, orgId, 'INVOICE', id))) await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, id);
      await enqueueOperation(tx, orgId, OpKind.EMAIL_INVOICE, id, { version: await nextVersion(tx, orgId, OpKind.EMAIL_INVOICE, id) });
      return invoice;
    }),
  };
  m.runner = new QuickBooksOperationRunner(db, connections, new QuickBooksOutbound(db, mapping, () => m.feeSource), policy);
  modules.set(container, m);

  followInvoiceChanges(container.events);
  const tasks: TypedTasks = {
    [OPERATION_TASK]: async ({ operationId }) => m.runner.process(operationId),
    [WEBHOOK_TASK]: async ({ eventId }) => m.inbound.processWebhook(eventId),
    [CDC_TASK]: async () => m.inbound.pollAll(),
    [DEMO_TASK]: async () => connectDemoSandbox(container, m),
  };
  const schedules = [{ task: CDC_TASK, match: config.quickbooks.cdcCron, identifier: 'quickbooks-cdc' }];

  const routes = (app: Express) => {
    app.post('/webhooks/quickbooks', express.raw({ type: '*/*', limit: '5mb' }), async (req, res) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!verifyIntuitSignature(raw, req.header('intuit-signature'), settings.verifierToken)) {
        logger.warn({ bytes: raw.length }, 'quickbooks webhook with a bad intuit-signature refused');
        res.status(401).json({ error: 'invalid signature' });
        return;
      }
      try {
        await m.inbound.storeWebhook(raw);
        res.status(200).json({ ok: true });
      } catch (err) {
        logger.error({ err: String(err) }, 'quickbooks webhook could not be stored');
        res.status(500).json({ error: 'not stored' });
      }
    });
    app.get('/integrations/quickbooks/callback', async (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      const back = new URL(settings.adminUrl);
      try {
        if (q.error) throw new Error(q.error === 'access_denied' ? 'QuickBooks connection was cancelled' : q.error);
        // The redirect carries the browser's session cookie: the state must belong to that signed-in user.
        const caller = await container.auth.resolve(tokenFromRequest(req));
        await connections.complete({ code: q.code ?? '', state: q.state ?? '', realmId: q.realmId ?? '', caller });
        back.searchParams.set('quickbooks', 'connected');
      } catch (err) {
        back.searchParams.set('quickbooks', 'error');
        back.searchParams.set('message', (err as Error).message);
      }
      res.redirect(302, back.pathname + back.search);
    });
  };

  return {
    tasks, schedules, formerJobNames: QUICKBOOKS_FORMER_JOB_NAMES, routes: [routes],
    // Offline sandbox: the demo org comes connected to the emulator's company (seeded after start-up).
    async start() {
      if (!settings.apiUrl || !config.seedDemo || !config.runWorker) return;
      await db.transaction((tx) => enqueue(tx, DEMO_TASK, {}, { jobKey: 'quickbooks-connect-demo', runAt: new Date(Date.now() + 2000), maxAttempts: 8 }));
    },
  };
}

export type { Actor };
