import 'reflect-metadata';
import os from 'node:os';
import pg from 'pg';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { QUERY, seed } from './invoices-api.bench.js';
import { loadTest, type LoadResult } from './load.js';
import {
  correctness,
  fire,
  makeEvents,
  spawnRole,
  stopRole,
  waitProcessed,
  type Child,
  type Org,
} from './stripe-webhooks.support.js';
import { measureFanOut, paymentChange, percentileOf, subscribedInvoice } from './subscribers.js';
import { notifyChange } from './fan-out-floor.js';
import { notifyLatencies, redisLatencies } from './notify-transport.js';
import type { LeanResult } from './lean-load.js';

const ORGS = 100;
const ACK_CONNECTIONS = 20;
const ACK_ROUNDS = Number(process.env.BENCH_ACK_ROUNDS ?? 4);
const QUERY_CONNECTIONS = 10;
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);

/**
 * Settle as several processes on one database (issue #13): two `api` processes (A and B, no job worker),
 * one worker, the Stripe emulator, each in its own process (stripe-webhooks.server.ts); this process
 * generates the load. For webhook acks and the `invoices` query it runs the same load against A alone,
 * and split evenly over A and B (same total connections; the acks take turns round by round), and prints the throughput ratio and each
 * process's share of the CPU: on a two-core machine the point is that throughput does not fall and the
 * work is spread, not that it doubles. Then commit → subscriber latency with the subscribers split over A
 * and B and the changes committed by a third process.
 */
export async function run(): Promise<void> {
  section('Scale: one API process vs two on one database');
  const db = await benchDatabase('scale');
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on('error', (err) => console.warn(`bench pool connection lost: ${err.message}`));
  const roles: Child[] = [];
  const spawn = async (role: string, env: Record<string, string>) => {
    const child = await spawnRole(role, env);
    roles.push(child);
    return child;
  };
  try {
    const emu = await spawn('emulator', {});
    const env = { BENCH_DATABASE_URL: db.url, STRIPE_API_URL: emu.ready.url as string, LOG_LEVEL: 'error' };
    const [a, b] = [
      await spawn('settle', { ...env, BENCH_WORKER: '0' }),
      await spawn('settle', { ...env, BENCH_WORKER: '0' }),
    ];
    const worker = await spawn('settle', { ...env, BENCH_WORKER: '1' });
    const urls = [a.ready.url as string, b.ready.url as string];
    console.log(
      `processes: API A, API B, worker, Stripe emulator, load generator (this); ${os.cpus().length} cores; load average ${loadAverage()}`,
    );

    await webhookAcks(pool, a, b, worker, emu.ready.port as number, env);
    await invoicesQuery(db.url, a, b);

    // The fan-out alone, as the one-process bench (subscriptions) measures it: no job worker runs there.
    await worker.call('worker-stop');
    const changer = await benchSettle(db.url); // commits the changes: a process that serves no subscriber
    try {
      const { org, tokens, invoice } = await subscribedInvoice(changer.container, SUBSCRIBERS);
      const r = await measureFanOut({
        change: paymentChange(changer.container, org.id, invoice.id),
        invoiceId: invoice.id,
        tokens,
        serverUrls: urls,
        subscribers: SUBSCRIBERS,
        changes: CHANGES,
      });
      const p99 = percentileOf(r.latencies, 99);
      console.log(
        `\nlive updates across processes: ${fmt(r.ready)} subscribers (half on A, half on B), changes committed by a third process; worker stopped meanwhile`,
      );
      console.log(
        `  ${fmt(r.latencies.length)} deliveries of ${fmt(r.expected)} expected; commit → subscriber p50 ${fmt(percentileOf(r.latencies, 50), 1)} ms, p99 ${fmt(p99, 1)} ms (target p99 ≤ 50 ms → ${p99 <= 50 && r.latencies.length === r.expected ? 'MET' : 'NOT MET'}); load average ${loadAverage()}`,
      );
      await fanOutFloor(db.url, pool, spawn, { invoiceId: invoice.id, tokens, settleP99: p99 });
    } finally {
      await changer.stop();
    }
    await transports(db.url);
  } finally {
    // Settle first, the emulator last: a worker still running a Stripe sweep would otherwise retry it
    // against a stopped emulator for seconds, logging failures, before it exits.
    const [emulator, ...settles] = roles; // the emulator is spawned first
    await Promise.all(settles.map((r) => stopRole(r)));
    await stopRole(emulator);
    await pool.end();
    await db.cleanup();
  }
}

/**
 * The same fan-out through two floor servers (fan-out-floor.ts: LISTEN and one ready-made frame per
 * socket, nothing else) with the same subscribers and the same load generator, right after Settle's:
 * what this machine's kernel and this process leave of the budget.
 */
async function fanOutFloor(
  dbUrl: string,
  pool: pg.Pool,
  spawn: (role: string, env: Record<string, string>) => Promise<Child>,
  opts: { invoiceId: string; tokens: string[]; settleP99: number },
): Promise<void> {
  const floors = [
    await spawn('fan-out-floor', { BENCH_DATABASE_URL: dbUrl }),
    await spawn('fan-out-floor', { BENCH_DATABASE_URL: dbUrl }),
  ];
  try {
    const r = await measureFanOut({
      change: notifyChange(pool),
      invoiceId: opts.invoiceId,
      tokens: opts.tokens,
      serverUrls: floors.map((f) => f.ready.url as string),
      subscribers: SUBSCRIBERS,
      changes: CHANGES,
    });
    const p99 = percentileOf(r.latencies, 99);
    console.log(
      `  floor (two servers that only hear the commit and write one ready-made frame per socket), same subscribers: ${fmt(r.latencies.length)} of ${fmt(r.expected)}; p50 ${fmt(percentileOf(r.latencies, 50), 1)} ms, p99 ${fmt(p99, 1)} ms; Settle's p99 is ${fmt(opts.settleP99 / p99, 2)}x the floor's; load average ${loadAverage()}`,
    );
  } finally {
    await Promise.all(floors.map((f) => stopRole(f)));
  }
}

/** Signed webhook events acknowledged by A alone, then by A and B together; then applied and checked. */
async function webhookAcks(
  pool: pg.Pool,
  a: Child,
  b: Child,
  worker: Child,
  emuPort: number,
  floorEnv: Record<string, string>,
) {
  const { orgs } = await a.call<{ url: string; orgs: Org[] }>('setup', { orgs: ORGS });
  await worker.call('worker-stop'); // acks alone, as the stripe-webhooks bench measures them
  const urls = [a.ready.url as string, b.ready.url as string];
  // Several rounds of fresh events a phase, so each phase lasts long enough to time.
  const batches: Array<{ label: string; set: Awaited<ReturnType<typeof makeEvents>> }> = [];
  const events = async (phase: string, rounds: number) => {
    const reqs: Requests[] = [];
    for (let r = 0; r < rounds; r++) {
      const label = `${phase}${r}`;
      const set = await makeEvents(pool, orgs, emuPort, label);
      batches.push({ label, set });
      reqs.push(set.reqs);
    }
    return reqs;
  };
  // Each process serves as many warm-up acks as a whole measured phase, at the measured concurrency, so
  // both compare warmed up (V8's optimized code, each pooled connection's prepared batch sizes).
  const warm = (await events('scalewarm', 2 * ACK_ROUNDS)).flat();
  await warmEach(urls, warm);

  const one = await events('scaleone', ACK_ROUNDS);
  const two = await events('scaletwo', ACK_ROUNDS);
  const spent = [
    [0, 0],
    [0, 0],
  ];
  const [alone, together] = await inTurns(one, two, urls, async (phase, run) => {
    const cpu = await cpuOf([a, b]);
    const r = await run();
    (await cpuSince([a, b], cpu)).forEach((ms, i) => (spent[phase]![i]! += ms));
    return r;
  });
  const [spent1, spent2] = spent as [number[], number[]];
  const commits1 = await inboxCommits(pool, 'scaleone');
  const commits2 = await inboxCommits(pool, 'scaletwo');
  const failed = alone.failed + together.failed;

  await worker.call('worker-start');
  const checks = [];
  for (const { label, set } of batches) {
    await waitProcessed(pool, label);
    checks.push(await correctness(pool, label, set.events.length, set.forged.length, set.ids, 0));
  }
  const applied = checks.every((c) => c.ok) && failed === 0;
  const floor = await floorAcks(one, two, warm, orgs[0]!.id, floorEnv);
  console.log(
    `\nwebhook acks (${fmt(one.flat().length)} signed events a run, ${ACK_CONNECTIONS} connections in all, one process and two taking turns over ${ACK_ROUNDS} rounds; worker stopped meanwhile)`,
  );
  console.log(
    `  1 API process:   ${fmt(alone.rps)} req/s   p99 ${fmt(alone.p99, 2)} ms   CPU ${share(spent1)}   ${commits1}`,
  );
  console.log(
    `  2 API processes: ${fmt(together.rps)} req/s   p99 ${fmt(together.p99, 2)} ms   CPU ${share(spent2)}   ${commits2}`,
  );
  const ratio = together.rps / alone.rps;
  console.log(
    `  2 ÷ 1: ${fmt(ratio, 2)}x (does not fall: ${ratio >= 0.9 ? 'yes' : 'NO'}); then applied by the worker: ${applied ? 'OK' : 'FAILED'} (${fmt(checks.reduce((n, c) => n + c.doubles, 0))} double effects, ${failed} failed acks over ${batches.length} batches)`,
  );
  console.log(
    `  floor (HTTP server + one INSERT per request, no verification, no batching), same requests and connections:\n` +
      `    1 process ${fmt(floor.alone)} req/s, 2 processes ${fmt(floor.together)} req/s: 2 ÷ 1 ${fmt(floor.together / floor.alone, 2)}x ` +
      `(Settle's 2 ÷ 1 against the floor's: ${fmt(ratio / (floor.together / floor.alone), 2)}x)`,
  );
}

/** How many commits stored a phase's events (rows of one multi-row INSERT share a transaction id), read before the worker touches them. */
async function inboxCommits(pool: pg.Pool, phase: string): Promise<string> {
  const { rows } = await pool.query(
    `SELECT count(DISTINCT xmin::text)::int AS commits, count(*)::int AS n FROM stripe_event_inbox WHERE event_id LIKE $1`,
    [`evt_${phase}%`],
  );
  const { commits, n } = rows[0] as { commits: number; n: number };
  return `inbox commits ${fmt(commits)} (${fmt(n / Math.max(commits, 1), 1)} rows each)`;
}

/** Half the warm-up requests to each of two servers, at the measured concurrency. */
async function warmEach(urls: string[], warm: Requests): Promise<void> {
  for (const [k, u] of urls.entries())
    await fire(
      u,
      warm.filter((_, j) => j % 2 === k),
      ACK_CONNECTIONS,
    );
}

/**
 * The same acks against the floor of stripe-webhooks.bench.ts (a bare HTTP server making one INSERT per
 * request) in one process, then two: what this machine gives a second process when nothing is batched.
 */
async function floorAcks(one: Requests[], two: Requests[], warm: Requests, orgId: string, env: Record<string, string>) {
  const floors = [await spawnRole('baseline', env), await spawnRole('baseline', env)];
  try {
    const urls = await Promise.all(
      floors.map(async (f) => `http://127.0.0.1:${await f.call<number>('http-insert', { orgId })}`),
    );
    // Warmed as Settle's processes are: a cold floor spends twice the CPU per request (stripe-webhooks.bench.ts).
    await warmEach(urls, warm);
    const [alone, together] = await inTurns(one, two, urls);
    return { alone: alone.rps, together: together.rps };
  } finally {
    await Promise.all(floors.map((f) => stopRole(f)));
  }
}

type Requests = Parameters<typeof fire>[1];
interface Phase {
  rps: number;
  p99: number;
  failed: number;
}

/**
 * Round r of `one` to one server alone (the first and the second by turns, so that neither is the one left
 * idle and cold between rounds), round r of `two` split over both, round after round, the order swapped
 * each round: this machine's speed drifts by a quarter from one minute to the next, and timed one phase
 * after the other the drift was read as a ratio. Rates over each phase's summed wall time (the runs
 * alone, not what `around` does). `around` brackets each run (phase 0: one process, 1: two).
 */
async function inTurns(
  one: Requests[],
  two: Requests[],
  urls: string[],
  around: (phase: number, run: () => Promise<LeanResult[]>) => Promise<LeanResult[]> = (_, run) => run(),
): Promise<[Phase, Phase]> {
  const runs = [
    (reqs: Requests, r: number) => Promise.all([fire(urls[r % urls.length]!, reqs, ACK_CONNECTIONS)]),
    (reqs: Requests) =>
      Promise.all(
        urls.map((u, i) =>
          fire(
            u,
            reqs.filter((_, j) => j % 2 === i),
            ACK_CONNECTIONS / 2,
          ),
        ),
      ),
  ];
  const phases = [one, two].map(() => ({ ms: 0, n: 0, lat: [] as number[], failed: 0 }));
  for (let r = 0; r < one.length; r++) {
    for (const phase of r % 2 ? [1, 0] : [0, 1]) {
      const reqs = [one, two][phase]![r]!;
      const p = phases[phase]!;
      const results = await around(phase, async () => {
        const started = performance.now();
        const answered = await runs[phase]!(reqs, r);
        p.ms += performance.now() - started;
        return answered;
      });
      p.n += reqs.length;
      for (const res of results) {
        p.lat.push(...res.lat);
        p.failed += res.non2xx + res.errors;
      }
    }
  }
  return phases.map((p) => ({
    rps: (p.n / p.ms) * 1000,
    p99: percentileOf(
      p.lat.sort((x, y) => x - y),
      99,
    ),
    failed: p.failed,
  })) as [Phase, Phase];
}

/** The `invoices` query (page of 50 with lines and client) against A alone, then A and B together. */
async function invoicesQuery(databaseUrl: string, a: Child, b: Child) {
  const { token } = await seed(databaseUrl);
  const body = JSON.stringify({ query: QUERY, variables: { first: 50 } });
  const headers = { authorization: `Bearer ${token}` };
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const load = (url: string, connections: number, secs: number) =>
    loadTest({ url: `${url}/graphql`, connections, seconds: secs, body, headers });
  const urls = [a.ready.url as string, b.ready.url as string];
  await Promise.all(urls.map((u) => load(u, 4, 2))); // warm-up (JIT, caches)
  const cpu1 = await cpuOf([a, b]);
  const alone = await load(urls[0]!, QUERY_CONNECTIONS, seconds);
  const spent1 = await cpuSince([a, b], cpu1);
  const cpu2 = await cpuOf([a, b]);
  const halves: LoadResult[] = await Promise.all(urls.map((u) => load(u, QUERY_CONNECTIONS / 2, seconds)));
  const spent2 = await cpuSince([a, b], cpu2);
  const together = halves.reduce((n, h) => n + h.rps, 0);
  const errors = [alone, ...halves].reduce((n, r) => n + r.errors + r.non2xx, 0);
  console.log(`\ninvoices query (page of 50 with lines and client, ${QUERY_CONNECTIONS} connections in all)`);
  console.log(`  1 API process:  ${fmt(alone.rps, 1)} req/s   p99 ${fmt(alone.p99, 1)} ms   CPU ${share(spent1)}`);
  console.log(
    `  2 API processes: ${fmt(together, 1)} req/s   p99 ${fmt(Math.max(...halves.map((h) => h.p99)), 1)} ms   CPU ${share(spent2)}`,
  );
  console.log(
    `  2 ÷ 1: ${fmt(together / alone.rps, 2)}x (does not fall: ${together / alone.rps >= 0.9 ? 'yes' : 'NO'}); errors ${errors}`,
  );
}

/** The bare transports under cross-process updates: PostgreSQL NOTIFY (used) and Redis pub/sub (when reachable). */
async function transports(databaseUrl: string) {
  const n = 1000;
  const line = (name: string, l: number[]) =>
    console.log(
      `  ${name.padEnd(26)} p50 ${fmt(percentileOf(l, 50), 2)} ms   p99 ${fmt(percentileOf(l, 99), 2)} ms   (${fmt(l.length)} of ${fmt(n)} arrived)`,
    );
  console.log(`\ncross-process transport alone, ${fmt(n)} messages one at a time (send → listener)`);
  line('PostgreSQL NOTIFY (COMMIT)', await notifyLatencies(databaseUrl, n));
  const redis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const r = await redisLatencies(redis, n).catch((err: Error) => err);
  if (r instanceof Error) console.log(`  Redis pub/sub: not measured (${redis}: ${r.message})`);
  else line('Redis PUBLISH', r);
}

const cpuOf = (children: Child[]) => Promise.all(children.map((c) => c.call<number>('cpu')));
const cpuSince = async (children: Child[], before: number[]) =>
  (await cpuOf(children)).map((us, i) => (us - before[i]!) / 1000);
/** CPU ms of A and B in a phase, and each one's share. */
const share = ([a, b]: number[]) => {
  const total = a! + b! || 1;
  return `A ${fmt(a!)} ms (${fmt((a! / total) * 100)}%), B ${fmt(b!)} ms (${fmt((b! / total) * 100)}%)`;
};
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
