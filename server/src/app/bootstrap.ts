import type { SettleConfig } from '../platform/config.js';
import { SecretBox } from '../platform/crypto.js';
import { openDatabase } from '../platform/database/data-source.js';
import { listenForInvoiceEvents } from '../platform/events/invoice-events.js';
import { migrateJobQueue } from '../platform/jobs/job-queue.js';
import { startWorker, type JobSupervisor } from '../platform/jobs/job-supervisor.js';
import { registerJobMetrics } from '../platform/jobs/job-metrics.js';
import { logger } from '../platform/logger.js';
import { checkSecretKey } from '../platform/secret-key-check.js';
import { createSchema } from '../graphql/schema.js';
import { createHttpServer, type SettleHttpServer } from '../http/http-server.js';
import { createProbeServer } from '../http/probe-routes.js';
import { invoiceChangesSince } from '../modules/invoices/invoice-changes.js';
import { createContainer, type Container } from './container.js';
import { installModules, type InstalledModules } from './module-runtime.js';
import { SETTLE_MODULES, SETTLE_SCHEMA } from './modules.js';
import { readinessCheck } from './readiness.js';

export interface RunningSettle {
  container: Container;
  /** What the modules declared: worker tasks and schedules, HTTP routes, start and stop. */
  modules: InstalledModules;
  http: SettleHttpServer;
  url: string;
  /** The supervised job worker (null in an `api` process). */
  worker: JobSupervisor | null;
  stop(): Promise<void>;
}

/**
 * Starts Settle against a database: migrations, services, modules, job worker, event relay and the
 * HTTP server. main.ts, the tests and the benchmarks all start Settle through here.
 * `schedules: false` starts the job worker without the modules' cron schedules (queued jobs still run):
 * the tests' default, so no wall-clock tick touches their data. main.ts leaves them on.
 */
export async function startSettle(
  config: SettleConfig,
  databaseUrl: string,
  opts: { webRoot?: string; workerPollMs?: number; schedules?: boolean } = {},
): Promise<RunningSettle> {
  const db = await openDatabase(databaseUrl, SETTLE_SCHEMA, { poolSize: config.dbPoolSize });
  await migrateJobQueue(databaseUrl);
  const secrets = SecretBox.load(config.secretKey, config.dataDir);
  // Before anything opens or seals a provider secret: a process with another key than the others stops here.
  await checkSecretKey(db, secrets).catch(async (err: Error) => {
    await db.destroy();
    throw err;
  });
  const container = createContainer(config, db, databaseUrl, secrets);
  const modules = await installModules(container, SETTLE_MODULES);
  await modules.start();
  // Subscriptions are served by API processes; each relays the changes every other process commits.
  const listener = config.serveApi
    ? await listenForInvoiceEvents(
        databaseUrl,
        container.pubsub,
        invoiceChangesSince(db),
        [container.auth.principals.channel(), ...modules.listens],
        config.listenerCheckMs,
      )
    : null;
  const worker = config.runWorker
    ? await startWorker(databaseUrl, modules.tasks, {
        pollInterval: opts.workerPollMs,
        concurrency: config.workerConcurrency,
        schedules: opts.schedules,
      })
    : null;
  registerJobMetrics(container.metrics, db);
  const readiness = readinessCheck(container, worker, listener);
  const http = config.serveApi
    ? await createHttpServer(container, await createSchema(container.pubsub), {
        routes: modules.routes,
        rawRoutes: modules.rawRoutes,
        sqlAnswers: modules.sqlAnswers,
        webRoot: opts.webRoot,
        readiness,
      })
    : createProbeServer(container, readiness);
  const port = await http.listen(config.port, config.host);
  const url = `http://${config.host}:${port}`;
  logger.info({ url, role: config.role }, 'settle listening');
  return {
    container,
    modules,
    http,
    url,
    worker,
    stop: async () => {
      const step = (name: string) => logger.debug({ step: name }, 'stopping');
      step('http');
      await http.close();
      step('worker');
      await worker?.stop();
      step('listener');
      await listener?.stop();
      step('modules');
      await modules.stop();
      step('database');
      await db.destroy();
    },
  };
}
