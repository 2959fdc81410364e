import 'reflect-metadata';
import { loadConfig, loadConfigWith } from './platform/config.js';
import { startEmbeddedPostgres } from './platform/database/embedded-postgres.js';
import { logger } from './platform/logger.js';
import { installProcessSafety } from './platform/process-safety.js';
import { startSettle } from './app/bootstrap.js';
import { DEMO, seedDemo } from './app/demo-seed.js';
import { startSandbox } from './app/sandbox.js';

/** How long stopping may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/** `pnpm start`: Settle with its embedded defaults (or DATABASE_URL), the offline sandbox, a demo org. */
async function main(): Promise<void> {
  installProcessSafety();
  const base = loadConfig();
  const embedded = base.databaseUrl ? null : await startEmbeddedPostgres(base.dataDir, base.embeddedPgPort);
  const databaseUrl = base.databaseUrl ?? embedded!.url;
  const sandbox = await startSandbox(base);
  const config = loadConfigWith(sandbox.env);
  const settle = await startSettle(config, databaseUrl);
  const demo = config.seedDemo ? await seedDemo(settle.container) : null;

  const lines = [
    '',
    `  Settle is running${embedded ? ' (embedded PostgreSQL, data in ' + config.dataDir + ')' : ''}, role ${config.role}`,
    '',
    ...(config.serveApi
      ? [
          `  Admin app      ${config.publicUrl}/admin/`,
          `  Client portal  ${config.publicUrl}/portal/`,
          `  GraphQL API    ${config.publicUrl}/graphql   (WebSocket subscriptions on the same URL)`,
        ]
      : [`  Worker probes  ${config.publicUrl}/healthz and /readyz (no API in this process)`]),
    ...sandbox.describe(),
  ];
  if (demo) {
    lines.push(
      '',
      `  Demo logins${demo.seeded ? ' (just seeded)' : ''}:`,
      `    admin      ${DEMO.admin.email} / ${DEMO.admin.password}`,
      `    billing    ${DEMO.billing.email} / ${DEMO.billing.password}`,
      `    technician ${DEMO.technician.email} / ${DEMO.technician.password}`,
      `    portal     ${DEMO.portal.email} / ${DEMO.portal.password}`,
    );
  }
  console.log(lines.join('\n') + '\n');

  // Once, however many signals arrive (`pnpm start` and the terminal both deliver Ctrl-C), and bounded: a
  // step that never finishes is named in the log and the process exits anyway, as an orchestrator would
  // kill it (Kubernetes waits 30 s).
  let stopping: string | null = null;
  const shutdown = async (signal: string) => {
    if (stopping) return logger.info({ signal, stopping }, 'already shutting down');
    stopping = 'the server (requests, jobs, listener)';
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error({ stuck: stopping }, `shutdown did not finish within ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await settle.stop();
    stopping = 'the sandbox emulators';
    await sandbox.stop();
    stopping = 'embedded PostgreSQL';
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  logger.fatal({ err }, 'Settle failed to start');
  process.exit(1);
});
