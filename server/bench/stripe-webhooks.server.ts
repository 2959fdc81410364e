import 'reflect-metadata';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { benchSettle } from './bench-env.js';
import { startFanOutFloor } from './fan-out-floor.js';
import { startCpuProfile, stopCpuProfile } from './cpu-profile.js';
import { createStripeEmulator } from '@settle/stripe-emulator';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { startWorker, type JobSupervisor } from '../src/platform/jobs/job-supervisor.js';
import { stripeOf } from '../src/modules/stripe/stripe.integration.js';
import { verifyWebhook } from '../src/modules/stripe/stripe-client.js';

/**
 * The processes of the Stripe webhook benchmark other than the load generator, so the load, Settle and
 * the emulator never share an event loop. Forked by stripe-webhooks.bench.ts with BENCH_ROLE:
 * - `settle`: Settle (HTTP server + job worker, or only one of them: BENCH_WORKER=0 runs no worker) on
 *   BENCH_DATABASE_URL, talking to STRIPE_API_URL; BENCH_WORKER_NICE lowers a worker process's priority;
 * - `emulator`: the Stripe emulator;
 * - `fan-out-floor`: the least a live-update server does (fan-out-floor.ts), for `pnpm bench scale`;
 * - `baseline`: single-row INSERTs into PostgreSQL at a given concurrency over a pool of Settle's size,
 *   a bare HTTP server (the cost of the HTTP hop alone), and an HTTP server that makes one such INSERT
 *   per request before it answers (the floor under any ack that stores before answering).
 * Talks to the parent over IPC: {cmd, ...} in, {ok, result} / {ok:false, error} out.
 */
type Msg = { id: number; cmd: string; [k: string]: unknown };
type Handler = (m: Msg) => Promise<unknown>;

function serve(handlers: Record<string, Handler>): void {
  // CPU time of this process (µs), so the parent can say where the CPU of a phase went.
  handlers.cpu ??= async () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  // STRIPE_BENCH_PROFILE: the parent brackets a phase with profile-start / profile-stop (a .cpuprofile file).
  handlers['profile-start'] ??= () => startCpuProfile();
  handlers['profile-stop'] ??= (m) => stopCpuProfile(m.file as string);
  process.on('message', (m: Msg) => {
    const h = handlers[m.cmd];
    if (!h) return void process.send!({ id: m.id, ok: false, error: `unknown command ${m.cmd}` });
    h(m).then(
      (result) => process.send!({ id: m.id, ok: true, result }),
      (err: Error) => process.send!({ id: m.id, ok: false, error: err.stack ?? String(err) }),
    );
  });
}

const role = process.env.BENCH_ROLE;
const poolSize = Number(process.env.SETTLE_DB_POOL_SIZE ?? 20);

if (role === 'emulator') {
  const emu = await createStripeEmulator({ port: 0, rateLimitPerSecond: 0, retryScheduleMs: [3_600_000] });
  serve({
    /**
     * A full collection now. The emulator keeps every object it made, so its major collections grow
     * with the run and land in whichever drain they fall on (259 of 1,153 profiled ms in one); they stand
     * for Stripe's pauses, which are not on Settle's machine.
     */
    gc: async () => (globalThis as { gc?: () => void }).gc?.(),
    stop: async () => {
      await emu.close();
      setImmediate(() => process.exit(0));
    },
  });
  process.send!({ ready: true, url: emu.url, port: emu.port });
} else if (role === 'settle') {
  const dbUrl = process.env.BENCH_DATABASE_URL!;
  const runWorker = process.env.BENCH_WORKER !== '0';
  if (runWorker && process.env.BENCH_WORKER_NICE) os.setPriority(Number(process.env.BENCH_WORKER_NICE));
  const settle = await benchSettle(dbUrl, {
    worker: runWorker,
    env: { STRIPE_API_URL: process.env.STRIPE_API_URL!, STRIPE_SWEEP_INTERVAL_MS: '3600000' },
  });
  const c = settle.container;
  let worker: JobSupervisor | null = settle.worker;
  serve({
    /** Orgs connected to the emulator with a pasted webhook secret, one client each. */
    setup: async (m) => {
      const orgs = [];
      for (let n = 0; n < (m.orgs as number); n++) {
        const org = await c.organizations.create({ name: `Bench ${n}`, slug: `bench-${n}-${Date.now()}` });
        await c.db.query(`UPDATE organizations SET email_payment_confirmation = false WHERE id = $1`, [org.id]);
        const key = `sk_test_bench${n}${org.id.slice(0, 8)}`;
        await stripeOf(c).connections.connectWithKeys(org.id, SYSTEM_ACTOR, key, null);
        const secret = `whsec_bench_${n}_${org.id.replace(/-/g, '')}`;
        const conn = await stripeOf(c).connections.setWebhookSecret(org.id, SYSTEM_ACTOR, secret);
        const client = await c.clients.create(org.id, SYSTEM_ACTOR, {
          name: 'Client',
          billingEmail: 'ap@client.test',
          currency: 'USD',
        });
        orgs.push({ id: org.id, clientId: client.id, path: `/webhooks/stripe/${conn.webhookToken}`, secret, key });
      }
      return { url: settle.url, orgs };
    },
    /** The backlog measurement stops the worker, lets events pile up, then starts one again. */
    'worker-stop': async () => {
      await worker?.stop();
      worker = null;
    },
    'worker-start': async () => {
      worker ??= await startWorker(dbUrl, settle.modules.tasks, { concurrency: c.config.workerConcurrency });
      return Date.now();
    },
    stop: async () => {
      await worker?.stop();
      settle.worker = null;
      await settle.stop();
      setImmediate(() => process.exit(0));
    },
  });
  process.send!({ ready: true, url: settle.url });
} else if (role === 'baseline') {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL!, max: poolSize });
  pool.on('error', (err) => console.warn(`baseline pool connection lost: ${err.message}`));
  // The same payload type as the inbox (json), so the baseline is the INSERT the webhook itself makes.
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bench_baseline (id bigserial PRIMARY KEY, org_id uuid NOT NULL, event_id text NOT NULL, payload json NOT NULL)`,
  );
  const ECHO = Buffer.from('{"received":true}');
  const servers = new Map<string, http.Server>();
  const answer = (res: http.ServerResponse) =>
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': ECHO.length }).end(ECHO);
  /** An HTTP server on a free port (one per kind, started once); its port. */
  const listen = async (kind: string, handler: http.RequestListener): Promise<number> => {
    let server = servers.get(kind);
    if (!server) servers.set(kind, (server = http.createServer(handler)));
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as import('node:net').AddressInfo).port;
  };
  serve({
    /** A bare HTTP server (reads the body, answers a constant; no database): the HTTP hop's own cost. */
    'http-echo': () =>
      listen('echo', (req, res) => {
        req.resume();
        req.on('end', () => answer(res));
      }),
    /**
     * The least a webhook endpoint that stores an event before it answers can do: read the body, one
     * baseline INSERT (its own commit), answer. No verification, no batching: the floor under an ack
     * when requests come one at a time, measured rather than inferred.
     */
    'http-insert': (m) =>
      listen('insert', (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          pool
            .query(`INSERT INTO bench_baseline (org_id, event_id, payload) VALUES ($1, $2, $3::json)`, [
              m.orgId,
              `h${Math.random()}`,
              Buffer.concat(chunks).toString('utf8'),
            ])
            .then(
              () => answer(res),
              () => res.writeHead(500).end(),
            );
        });
      }),
    /**
     * The floor above, plus what any endpoint must do before storing a webhook: check its Stripe
     * signature (Settle's own verifier, with the signing secret of the URL's org) and read the event's id.
     * Settle's ack does this and more (its routing, request id, metrics, security headers, batching).
     */
    'http-verify-insert': (m) =>
      listen('verify-insert', (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const raw = Buffer.concat(chunks);
          const secret = (m.secrets as Record<string, string>)[req.url ?? ''];
          let evt: { id: string };
          try {
            evt = verifyWebhook(raw, req.headers['stripe-signature'] as string | undefined, secret ?? '');
          } catch {
            return void res.writeHead(400).end();
          }
          pool
            .query(`INSERT INTO bench_baseline (org_id, event_id, payload) VALUES ($1, $2, $3::json)`, [
              m.orgId,
              evt.id,
              raw.toString('utf8'),
            ])
            .then(
              () => answer(res),
              () => res.writeHead(500).end(),
            );
        });
      }),
    /** `count` INSERTs of the given bodies from `conns` concurrent callers; latencies in ms. */
    run: async (m) => {
      const bodies = m.bodies as string[];
      const orgId = m.orgId as string;
      const lat: number[] = [];
      let i = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: m.conns as number }, async () => {
          while (i < bodies.length) {
            const body = bodies[i++]!;
            const s = performance.now();
            await pool.query(`INSERT INTO bench_baseline (org_id, event_id, payload) VALUES ($1, $2, $3::json)`, [
              orgId,
              `b${Math.random()}`,
              body,
            ]);
            lat.push(performance.now() - s);
          }
        }),
      );
      return { ms: performance.now() - t0, lat };
    },
    stop: async () => {
      for (const server of servers.values()) server.close();
      await pool.end();
      setImmediate(() => process.exit(0));
    },
  });
  process.send!({ ready: true });
} else if (role === 'fan-out-floor') {
  const floor = await startFanOutFloor(process.env.BENCH_DATABASE_URL!);
  serve({
    stop: async () => {
      await floor.stop();
      setImmediate(() => process.exit(0));
    },
  });
  process.send!({ ready: true, url: floor.url });
} else {
  throw new Error(`BENCH_ROLE must be settle, emulator, baseline or fan-out-floor (got ${role})`);
}
