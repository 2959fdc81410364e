import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { startSettle, type RunningSettle } from '../src/app/bootstrap.js';
import { loadConfig, type SettleConfig } from '../src/platform/config.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { withDatabase } from './global-setup.js';
import { freePort } from './free-port.js';

export { freePort };

/** A fresh database cloned from the migrated template; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const name = `settle_t_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  admin.on('error', () => undefined);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      c.on('error', () => undefined);
      await c.connect();
      // Pools (the job worker's among them) close their idle connections asynchronously after stop().
      // Forcing the drop while they linger would kill them and surface as uncaught errors in the run.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1`, [name]);
        if (!rows[0].n) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestSettle extends RunningSettle {
  /** POST a GraphQL operation; returns the parsed body ({data, errors}). */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data: T; errors?: Array<{ message: string; extensions: { code: string; field?: string } }> }>;
  close(): Promise<void>;
}

/**
 * Settle on its own fresh database and a free port, with the job worker on (polling fast) unless asked
 * otherwise. Env overrides (e.g. emulator URLs) go in `env`.
 * The modules' cron schedules are off unless `schedules: true`: a tick on the wall clock (autopay every
 * five minutes, the Stripe sweep every minute…) would otherwise charge, sweep or bill a test's data in the
 * middle of the test. A test that needs a scheduled task enqueues it or calls its service itself.
 */
export async function startTestSettle(
  opts: { worker?: boolean; schedules?: boolean; env?: Record<string, string> } = {},
): Promise<TestSettle> {
  const db = await createTestDatabase();
  const port = await freePort();
  const config: SettleConfig = {
    ...loadConfig({ ...process.env, ...opts.env }),
    port,
    host: '127.0.0.1',
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl: db.url,
    dataDir: path.join(os.tmpdir(), 'settle-test-data'),
    secretKey: '5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1e5ad1',
    runWorker: opts.worker ?? true,
    seedDemo: false,
    smtpUrl: undefined,
  };
  const settle = await startSettle(config, db.url, { workerPollMs: 50, schedules: opts.schedules ?? false });
  return {
    ...settle,
    async gql(query, variables, token) {
      const res = await fetch(`${settle.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async close() {
      await settle.stop();
      await db.drop();
    },
  };
}

/** Another API process (no worker) on `s`'s database: its caches are its own, as on another machine. */
export async function startSecondApi(s: TestSettle): Promise<RunningSettle> {
  const port = await freePort();
  return startSettle(
    { ...s.container.config, port, publicUrl: `http://127.0.0.1:${port}`, runWorker: false },
    s.container.databaseUrl,
  );
}

let seq = 0;
/** An org with an owner (signed in) and an API token, ready for API calls. */
export async function createOrgWithOwner(s: TestSettle, name = `Org ${++seq}`) {
  const c = s.container;
  const org = await c.organizations.create({ name, slug: `org-${process.pid}-${Date.now()}-${++seq}` });
  const email = `owner${seq}-${Date.now()}@${org.slug}.test`;
  const owner = await c.auth.createUser(org.id, {
    email,
    name: 'Owner',
    role: 'OWNER',
    password: 'correct horse battery',
  });
  const { token } = await c.auth.login(email, 'correct horse battery');
  // A billing token: what tokens could do before scopes existed (the tests that use it do billing work).
  const api = await c.auth.createApiToken(org.id, { ...SYSTEM_ACTOR, id: owner.id }, 'tests', 'billing');
  return { org, owner, token, apiToken: api.token };
}

/** Waits until `check` returns a truthy value (polling), or fails with `what`. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
