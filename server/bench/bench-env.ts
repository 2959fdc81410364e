import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startSettle, type RunningSettle } from '../src/app/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import { startEmbeddedPostgres } from '../src/platform/database/embedded-postgres.js';
import { freePort } from '../test/free-port.js';

/**
 * A throwaway database for one benchmark: on DATABASE_URL's server when set, else on an embedded
 * PostgreSQL under .settle-bench-data. Dropped again by `cleanup`.
 */
export async function benchDatabase(label: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  let serverUrl: string;
  let stop: (() => Promise<void>) | undefined;
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const embedded = await startEmbeddedPostgres(
      path.resolve('.settle-bench-data'),
      Number(process.env.EMBEDDED_PG_BENCH_PORT ?? 54349),
    );
    serverUrl = embedded.url;
    stop = embedded.stop;
  }
  const name = `settle_bench_${label}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: withDb(serverUrl, 'postgres') });
  admin.on('error', (err) => console.warn(`bench admin connection lost: ${err.message}`));
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  return {
    url: withDb(serverUrl, name),
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await stop?.();
    },
  };
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Settle on the bench database, worker optional, on a free port, no demo data. */
export async function benchSettle(
  databaseUrl: string,
  opts: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<RunningSettle> {
  // A free port known up front: the public URL (checked against a browser's Origin) must be where it serves.
  const port = await freePort();
  const config = {
    // The load generator is Stripe and its forgers at once, from one address: its forged deliveries
    // (the webhook benches send some) must not cut off the genuine ones (refusal-budget.ts).
    ...loadConfig({ SETTLE_RATE_WEBHOOK_REFUSALS_IP: '1000000/60', ...process.env, ...opts.env }),
    port,
    host: '127.0.0.1',
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    dataDir: path.join(os.tmpdir(), 'settle-bench'),
    secretKey: 'be4c4be4c4be4c4be4c4be4c4be4c4be4c4be4c4be4c4be4c4be4c4be4c4be4c',
    runWorker: opts.worker ?? false,
    seedDemo: false,
    smtpUrl: undefined,
  };
  return startSettle(config, databaseUrl, { workerPollMs: 20 });
}

/** The password of every user a benchmark makes. */
export const BENCH_PASSWORD = 'bench password 123';

/** A fresh organization (`label` names it and its slug) with one user of `role`. */
export async function benchOrg(c: RunningSettle['container'], label: string, role: 'OWNER' | 'TECHNICIAN') {
  const stamp = `${label.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}`;
  const org = await c.organizations.create({ name: label, slug: stamp });
  const user = await c.auth.createUser(org.id, {
    email: `${stamp}@bench.test`,
    name: role === 'OWNER' ? 'Owner' : 'Tech',
    role,
    password: BENCH_PASSWORD,
  });
  return { org, user };
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function section(title: string): void {
  console.log(`\n=== ${title} ===`);
}
