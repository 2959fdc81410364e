import 'reflect-metadata';
import pg from 'pg';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/database/data-source.js';
import { SETTLE_SCHEMA } from '../src/app/modules.js';
import { migrateJobQueue } from '../src/platform/jobs/job-queue.js';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL without a database name; tests create databases on it. */
    serverUrl: string;
    /** A migrated database that each test file copies (CREATE DATABASE … TEMPLATE), so files never share state. */
    templateDatabase: string;
  }
}

/**
 * Tests run on a real PostgreSQL: DATABASE_URL when set (CI: the local server), else an embedded one.
 * Migrations run once into a template; each test file clones it and drops its clone at the end.
 */
export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = '/postgres';
    serverUrl = u.toString();
  } else {
    // Another test run on this machine may already have the embedded server up: share it.
    const port = Number(process.env.EMBEDDED_PG_TEST_PORT ?? 54339);
    const shared = `postgres://postgres:settle@127.0.0.1:${port}/postgres`;
    if (await canConnect(shared)) {
      serverUrl = shared;
    } else {
      const embedded = await startEmbeddedPostgres(path.resolve('.settle-test-data'), port);
      const u = new URL(embedded.url);
      u.pathname = '/postgres';
      serverUrl = u.toString();
      stopEmbedded = embedded.stop;
    }
  }
  const template = `settle_tmpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  // Fault tests (here or in another run on the same server) terminate backends: a lost admin
  // connection must not take the whole run down; teardown uses a fresh one.
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const templateUrl = withDatabase(serverUrl, template);
  const ds = await openDatabase(templateUrl, SETTLE_SCHEMA, { poolSize: 2 });
  await ds.destroy();
  await migrateJobQueue(templateUrl);
  // Leftovers of runs that crashed before their teardown (names carry their creation time; other
  // runs may be going on right now, so only databases older than an hour go).
  const stale = await admin.query(`SELECT datname FROM pg_database WHERE datname ~ '^settle_(t|tmpl)_[0-9]+_[0-9]+'`);
  for (const { datname } of stale.rows as Array<{ datname: string }>) {
    const created = Number(datname.split('_')[3]);
    if (datname !== template && created < Date.now() - 3_600_000)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
  }
  project.provide('serverUrl', serverUrl);
  project.provide('templateDatabase', template);
  await admin.end();

  return async () => {
    const last = new pg.Client({ connectionString: serverUrl });
    last.on('error', () => undefined);
    await last.connect();
    await last.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await last.end();
    await stopEmbedded?.();
  };
}

async function canConnect(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export function withDatabase(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
