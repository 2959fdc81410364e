import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import Stripe from 'stripe';
import { benchDatabase, fmt, section } from './bench-env.js';
import { leanLoad } from './lean-load.js';

/**
 * Stripe webhooks: signed invoice.paid and checkout.session.completed events for 100 orgs over HTTP at
 * 1, 10 and 50 connections, with 20% duplicates and 10% reordered. Every event names an object the
 * emulator really has (invoices and Checkout sessions paid there), because Settle confirms each one with
 * Stripe before booking; 1 in 40 is a correctly signed forgery (a real session, its amount inflated)
 * that must end REJECTED. Prints ack req/s, p50/p99, processed events/s and a correctness line, and a
 * baseline of single-row INSERTs at the same concurrency.
 *
 * Honest on a small machine: this process only generates load (a lean keep-alive client, pre-signed
 * and pre-encoded requests). Settle
 * (HTTP server + job worker), the Stripe emulator and the INSERT baseline each run in their own child
 * process (stripe-webhooks.server.ts), the baseline over a pool of Settle's size. Per level the acks are
 * measured with the worker stopped (as the baseline runs alone), then the worker drains that backlog
 * (processing throughput); a final live run at 50 connections has both at once and reports end to end.
 * Runnable alone: `npx tsx bench/stripe-webhooks.bench.ts`.
 * Loopback only, bounded in count and time.
 */
const ORGS = 100;
const INVOICES_PER_ORG = Number(process.env.STRIPE_BENCH_INVOICES_PER_ORG ?? 10); // per level; half paid by invoice.paid
const LEVELS = (process.env.STRIPE_BENCH_LEVELS ?? '1,10,50').split(',').map(Number);
const LIVE_CONNECTIONS = 50;
const PROCESS_TIMEOUT_MS = 120_000;
const POOL_SIZE = process.env.SETTLE_DB_POOL_SIZE ?? '20';
/** `split` (default): the HTTP server and the job worker in two processes, as Settle is deployed to take
 * webhooks while it works; `one`: both in one process. STRIPE_BENCH_WORKER_NICE lowers the worker's priority. */
const TOPOLOGY = process.env.STRIPE_BENCH_TOPOLOGY === 'one' ? 'one' : 'split';
const WORKER_NICE = process.env.STRIPE_BENCH_WORKER_NICE ?? '';
const PROFILE_DIR = process.env.STRIPE_BENCH_PROFILE;
const TARGET = { ackRatio: 0.8, p99At50: 25, eventsPerSecond: 1500 };

interface Org {
  id: string;
  clientId: string;
  path: string;
  secret: string;
  key: string;
}
interface Req {
  path: string;
  body: string;
  sig: string;
}
interface Child {
  proc: ChildProcess;
  ready: Record<string, unknown>;
  call<T = unknown>(cmd: string, args?: object): Promise<T>;
}

/** Forks stripe-webhooks.server.ts in a role and waits for it to report ready. */
function spawnRole(role: string, env: Record<string, string>): Promise<Child> {
  const proc = fork(path.join(import.meta.dirname, 'stripe-webhooks.server.ts'), [], {
    env: { ...process.env, ...env, BENCH_ROLE: role },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${role} exited with ${code} before it was ready`)));
    proc.on('message', (m: { ready?: boolean; id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (m.ready) {
        return resolve({
          proc,
          ready: m as Record<string, unknown>,
          call: <T>(cmd: string, args: object = {}) =>
            new Promise<T>((res, rej) => {
              const id = next++;
              waiting.set(id, { resolve: res as (v: unknown) => void, reject: rej });
              proc.send({ id, cmd, ...args });
            }),
        });
      }
      const w = waiting.get(m.id!);
      waiting.delete(m.id!);
      if (m.ok) w?.resolve(m.result);
      else w?.reject(new Error(`${role}: ${m.error}`));
    });
  });
}

async function stopRole(c: Child | undefined): Promise<void> {
  if (!c || c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  await c.call('stop').catch(() => undefined);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
}

/** CPU time (ms) of each PostgreSQL server process on this machine, by pid, from /proc. */
function postgresCpu(): Map<string, number> {
  const byPid = new Map<string, number>();
  const tick = 1000 / 100; // USER_HZ
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== 'postgres') continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byPid.set(pid, (Number(f[11]) + Number(f[12])) * tick);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/**
 * PostgreSQL CPU (ms) since `before`, summed over processes alive now. A backend that exited in between
 * takes its time with it, so this can undercount (pools closing idle connections), never go negative.
 */
function postgresCpuSince(before: Map<string, number>): number {
  let total = 0;
  for (const [pid, ms] of postgresCpu()) total += ms - (before.get(pid) ?? 0);
  return total;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

/** Every request exactly once, spread over `conns` keep-alive connections (see lean-load.ts). */
function fire(url: string, reqs: Req[], conns: number) {
  const u = new URL(url);
  return leanLoad(
    u.hostname,
    Number(u.port),
    reqs.map((r) => ({
      path: r.path,
      body: r.body,
      headers: { 'content-type': 'application/json', 'stripe-signature': r.sig },
    })),
    conns,
  );
}

/** Pays a Checkout session on the emulator's hosted page, as a customer would. */
async function payCheckout(url: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ card_number: '4242424242424242' }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`checkout answered ${res.status}`);
}

/**
 * Events for fresh SENT invoices: half invoice.paid, half checkout.session.completed, each paid on the
 * emulator; plus `forged`: signed events for some of those sessions claiming twice the amount.
 */
async function makeEvents(
  pool: pg.Pool,
  orgs: Org[],
  emuPort: number,
  label: string,
): Promise<{ events: Array<Req & { invoiceId: string }>; forged: Req[]; reqs: Req[]; ids: string[] }> {
  const invoices = (
    await pool.query(
      `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
     SELECT o.id, o.client_id, '${label}-' || g, 'USD', 'SENT', current_date, current_date + 30, 10000, 10000, 10000, now(), now()
       FROM unnest($1::uuid[], $2::uuid[]) AS o(id, client_id), generate_series(1, $3) g
     RETURNING id, org_id`,
      [orgs.map((o) => o.id), orgs.map((o) => o.clientId), INVOICES_PER_ORG],
    )
  ).rows as Array<{ id: string; org_id: string }>;
  const byOrg = new Map(orgs.map((o) => [o.id, o]));
  const sdk = new Map(
    orgs.map((o) => [
      o.id,
      new Stripe(o.key, { host: '127.0.0.1', port: emuPort, protocol: 'http', telemetry: false, maxNetworkRetries: 2 }),
    ]),
  );
  const customers = new Map<string, string>();
  const events: Array<Req & { invoiceId: string; created: number }> = new Array(invoices.length);
  const forged: Req[] = [];
  const base = Math.floor(Date.now() / 1000);
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < invoices.length) {
        const k = next++;
        const inv = invoices[k]!;
        const o = byOrg.get(inv.org_id)!;
        const stripe = sdk.get(o.id)!;
        const metadata = { settle_org_id: inv.org_id, settle_invoice_id: inv.id };
        let type: string;
        let object: unknown;
        if (k % 2 === 0) {
          // invoice.paid: a real invoice paid on the emulator (its payments are only on the API, not in the payload).
          if (!customers.has(o.id)) customers.set(o.id, (await stripe.customers.create({ name: 'Client' })).id);
          const draft = await stripe.invoices.create({
            customer: customers.get(o.id)!,
            collection_method: 'send_invoice',
            days_until_due: 30,
            metadata,
          });
          await stripe.invoiceItems.create({
            customer: customers.get(o.id)!,
            invoice: draft.id,
            amount: 10000,
            currency: 'usd',
          });
          await stripe.invoices.finalizeInvoice(draft.id);
          object = await stripe.invoices.pay(draft.id, { payment_method: 'pm_card_visa' });
          type = 'invoice.paid';
        } else {
          // checkout.session.completed: a session paid on the emulator's hosted page, as Stripe then has it.
          const session = await stripe.checkout.sessions.create({
            mode: 'payment',
            metadata,
            payment_intent_data: { metadata },
            success_url: 'http://settle.bench/ok',
            line_items: [
              { price_data: { currency: 'usd', unit_amount: 10000, product_data: { name: 'Invoice' } }, quantity: 1 },
            ],
          });
          await payCheckout(session.url!);
          object = await stripe.checkout.sessions.retrieve(session.id);
          type = 'checkout.session.completed';
        }
        const sign = (id: string, data: object) => {
          const body = JSON.stringify(
            {
              id,
              object: 'event',
              api_version: Stripe.API_VERSION,
              created: base + k,
              type,
              livemode: false,
              pending_webhooks: 1,
              request: { id: null, idempotency_key: null },
              data: { object: data },
            },
            null,
            2,
          );
          return {
            path: o.path,
            body,
            sig: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: o.secret }),
          };
        };
        events[k] = { ...sign(`evt_${label}_${k}`, object as object), invoiceId: inv.id, created: base + k };
        if (k % 40 === 1)
          forged.push(
            sign(`evt_${label}_forged_${k}`, { ...(object as object), amount_total: 20000, amount_subtotal: 20000 }),
          );
      }
    }),
  );
  // 10% reordered (moved later than their successors), 20% duplicates (re-sent later).
  const reqs: Req[] = [...events];
  // The forgeries go in among the genuine events.
  forged.forEach((f, n) => reqs.splice(Math.min(reqs.length, ((n * 7907) % reqs.length) + 1), 0, f));
  for (let r = 0; r < Math.floor(events.length * 0.1); r++) {
    const from = (r * 7919) % reqs.length;
    const [moved] = reqs.splice(from, 1);
    reqs.splice(Math.min(reqs.length, from + 1 + ((r * 31) % 50)), 0, moved!);
  }
  for (let d = 0; d < Math.floor(events.length * 0.2); d++) {
    const dup = events[(d * 104729) % events.length]!;
    reqs.splice(Math.min(reqs.length, ((d * 15485863) % reqs.length) + 5), 0, dup);
  }
  return { events, forged, reqs, ids: invoices.map((i) => i.id) };
}

async function waitProcessed(pool: pg.Pool, label: string): Promise<void> {
  const deadline = Date.now() + PROCESS_TIMEOUT_MS;
  for (;;) {
    const { rows } = await pool.query(
      `SELECT count(*) FILTER (WHERE status IN ('PENDING','PROCESSING'))::int AS pending FROM stripe_event_inbox WHERE event_id LIKE $1`,
      [`evt_${label}_%`],
    );
    if (!rows[0].pending || Date.now() > deadline) return;
    // The drain time comes from the rows' processed_at, so polling gently costs no precision (and
    // leaves PostgreSQL to the worker).
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Payments == unique genuine events, every invoice PAID exactly once, every genuine row DONE, every forged one REJECTED. */
async function correctness(
  pool: pg.Pool,
  label: string,
  events: number,
  forged: number,
  ids: string[],
  non2xx: number,
): Promise<{ ok: boolean; line: string; doubles: number }> {
  const [span] = (
    await pool.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'DONE' AND event_id NOT LIKE $2)::int AS done,
            count(*) FILTER (WHERE status = 'REJECTED' AND event_id LIKE $2)::int AS rejected
       FROM stripe_event_inbox WHERE event_id LIKE $1`,
      [`evt_${label}_%`, `evt_${label}_forged_%`],
    )
  ).rows as Array<{ n: number; done: number; rejected: number }>;
  const [check] = (
    await pool.query(
      `SELECT (SELECT count(*)::int FROM payments WHERE invoice_id = ANY($1::uuid[])) AS payments,
            (SELECT count(DISTINCT invoice_id)::int FROM payments WHERE invoice_id = ANY($1::uuid[])) AS paid_invoices,
            (SELECT count(*)::int FROM invoices WHERE id = ANY($1::uuid[]) AND status = 'PAID' AND amount_paid = total) AS paid_exact`,
      [ids],
    )
  ).rows as Array<{ payments: number; paid_invoices: number; paid_exact: number }>;
  const doubles = check!.payments - check!.paid_invoices;
  const ok =
    check!.payments === events &&
    check!.paid_exact === events &&
    span!.n === events + forged &&
    span!.done === events &&
    span!.rejected === forged &&
    non2xx === 0;
  return {
    ok,
    doubles,
    line: `${ok ? 'OK' : 'FAILED'} — payments ${check!.payments} == unique ${events}; invoices PAID exactly ${check!.paid_exact}/${events}; inbox rows ${span!.n}, done ${span!.done}, forged rejected ${span!.rejected}/${forged}; double effects ${doubles}`,
  };
}

const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');

export async function run(): Promise<void> {
  section('Stripe webhooks (100 orgs, signed events over HTTP, 20% duplicates, 10% reordered)');
  console.log(
    `processes: load generator (this), ${TOPOLOGY === 'one' ? 'Settle HTTP+worker' : `Settle HTTP, Settle worker${WORKER_NICE ? ` (nice ${WORKER_NICE})` : ''}`}, Stripe emulator, INSERT baseline; pg pool ${POOL_SIZE}, worker concurrency ${process.env.SETTLE_WORKER_CONCURRENCY ?? 'default'}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const db = await benchDatabase('stripe');
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  pool.on('error', (err) => console.warn(`bench pool connection lost: ${err.message}`));
  let emu: Child | undefined;
  let settle: Child | undefined;
  let worker: Child | undefined;
  let baseline: Child | undefined;
  try {
    emu = await spawnRole('emulator', {});
    // Each forged event is (rightly) logged as a warning when it is rejected; STRIPE_BENCH_LOG_LEVEL=warn shows them.
    const settleEnv = {
      BENCH_DATABASE_URL: db.url,
      STRIPE_API_URL: emu.ready.url as string,
      SETTLE_DB_POOL_SIZE: POOL_SIZE,
      LOG_LEVEL: process.env.STRIPE_BENCH_LOG_LEVEL ?? 'error',
    };
    settle = await spawnRole('settle', { ...settleEnv, BENCH_WORKER: TOPOLOGY === 'one' ? '1' : '0' });
    worker =
      TOPOLOGY === 'one'
        ? settle
        : await spawnRole('settle', { ...settleEnv, BENCH_WORKER: '1', BENCH_WORKER_NICE: WORKER_NICE });
    baseline = await spawnRole('baseline', { BENCH_DATABASE_URL: db.url, SETTLE_DB_POOL_SIZE: POOL_SIZE });
    const { url, orgs } = await settle.call<{ url: string; orgs: Org[] }>('setup', { orgs: ORGS });
    const emuPort = emu.ready.port as number;
    const summary: string[] = [];
    let allOk = true;
    let doubles = 0;

    // Warm-up, not measured: one round through acks and the worker, so the levels below time code the
    // JIT has compiled (as in a Settle that has been running), not its first pass.
    {
      const { events, forged, reqs, ids } = await makeEvents(pool, orgs, emuPort, 'warm');
      const ack = await fire(url, reqs, 10);
      await waitProcessed(pool, 'warm');
      const check = await correctness(pool, 'warm', events.length, forged.length, ids, ack.non2xx + ack.errors);
      allOk &&= check.ok;
      doubles += check.doubles;
      console.log(
        `\nwarm-up (not measured): ${fmt(reqs.length)} requests acknowledged and applied; correctness: ${check.line}`,
      );
    }

    // Per level: the acks alone (the worker stopped, as the baseline runs alone), the INSERT baseline,
    // then the backlog drained by the worker with nothing else running.
    for (const conns of LEVELS) {
      const label = `c${conns}`;
      const { events, forged, reqs, ids } = await makeEvents(pool, orgs, emuPort, label);
      // Processing is timed over every stored event, the forged ones (confirmed and refused) included.
      const stored = events.length + forged.length;
      await worker.call('worker-stop');
      // Settle's database pool is opened first (GET /healthz), as steady traffic keeps it: the levels are
      // tens of seconds apart, long enough for idle connections to close. STRIPE_BENCH_WARM=0 skips it.
      if (process.env.STRIPE_BENCH_WARM !== '0')
        await autocannon({ url: `${url}/healthz`, connections: conns, amount: conns * 4 });
      const cpu0 = { web: await settle.call<number>('cpu'), self: process.cpuUsage(), pg: postgresCpu() };
      // STRIPE_BENCH_PROFILE=<dir>: a CPU profile of the Settle HTTP process during the acks of each level.
      if (PROFILE_DIR) await settle.call('profile-start');
      const ack = await fire(url, reqs, conns);
      if (PROFILE_DIR)
        await settle.call('profile-stop', { file: path.join(PROFILE_DIR, `settle-http-acks-${conns}.cpuprofile`) });
      const self = process.cpuUsage(cpu0.self);
      const ackCpu = {
        web: (await settle.call<number>('cpu')) - cpu0.web,
        gen: self.user + self.system,
        pg: postgresCpuSince(cpu0.pg),
      };
      const b0 = { child: await baseline.call<number>('cpu'), pg: postgresCpu() };
      const base = await baseline.call<{ ms: number; lat: number[] }>('run', {
        conns,
        bodies: reqs.map((r) => r.body),
        orgId: orgs[0]!.id,
      });
      const baseCpu = { child: (await baseline.call<number>('cpu')) - b0.child, pg: postgresCpuSince(b0.pg) };
      const d0 = { worker: await worker.call<number>('cpu'), emu: await emu.call<number>('cpu'), pg: postgresCpu() };
      if (PROFILE_DIR) await Promise.all([worker.call('profile-start'), emu.call('profile-start')]);
      const started = await worker.call<number>('worker-start');
      await waitProcessed(pool, label);
      if (PROFILE_DIR) {
        await worker.call('profile-stop', { file: path.join(PROFILE_DIR, `settle-worker-drain-${conns}.cpuprofile`) });
        await emu.call('profile-stop', { file: path.join(PROFILE_DIR, `stripe-emulator-drain-${conns}.cpuprofile`) });
      }
      const drainCpu = {
        worker: (await worker.call<number>('cpu')) - d0.worker,
        emu: (await emu.call<number>('cpu')) - d0.emu,
        pg: postgresCpuSince(d0.pg),
      };
      const [span] = (
        await pool.query(
          `SELECT extract(epoch FROM max(processed_at)) * 1000 AS last FROM stripe_event_inbox WHERE event_id LIKE $1`,
          [`evt_${label}_%`],
        )
      ).rows as Array<{ last: number }>;
      const drainMs = Math.max(1, span!.last - started);
      const drainRate = (stored / drainMs) * 1000;
      const check = await correctness(pool, label, events.length, forged.length, ids, ack.non2xx + ack.errors);
      allOk &&= check.ok;
      doubles += check.doubles;
      const lat = base.lat.sort((x, y) => x - y);
      const baseRps = (reqs.length / base.ms) * 1000;
      const ratio = ack.rps / baseRps;
      // The HTTP hop alone (no database), at the same concurrency: an ack makes this hop and the INSERT.
      const bare = await fire(`http://127.0.0.1:${await baseline.call<number>('http-echo')}`, reqs, conns);
      const floor = await fire(
        `http://127.0.0.1:${await baseline.call<number>('http-insert', { orgId: orgs[0]!.id })}`,
        reqs,
        conns,
      );
      console.log(
        `\n${conns} connection(s): ${fmt(reqs.length)} requests (${fmt(events.length)} unique events, ${fmt(forged.length)} forged, ${fmt(reqs.length - stored)} duplicates, ${fmt(Math.floor(events.length * 0.1))} reordered); load average ${os.loadavg()[0]!.toFixed(2)}`,
      );
      console.log(
        `  ack:        ${fmt(ack.rps)} req/s   p50 ${fmt(ack.p50, 2)} ms   p99 ${fmt(ack.p99, 2)} ms   non-2xx ${ack.non2xx}, errors ${ack.errors}`,
      );
      console.log(
        `  baseline:   ${fmt(baseRps)} INSERT/s   p50 ${fmt(percentile(lat, 50), 2)} ms   p99 ${fmt(percentile(lat, 99), 2)} ms   → ack/baseline ${fmt(ratio, 2)}x (${verdict(ratio >= TARGET.ackRatio)}, target ≥ ${TARGET.ackRatio}x)`,
      );
      console.log(
        `  bare HTTP:  ${fmt(bare.rps)} req/s   p50 ${fmt(bare.p50, 2)} ms   (a server that reads the body and answers, no database)`,
      );
      console.log(
        `  HTTP+INSERT: ${fmt(floor.rps)} req/s   p50 ${fmt(floor.p50, 2)} ms   p99 ${fmt(floor.p99, 2)} ms   = ${fmt(floor.rps / baseRps, 2)}x the baseline (a server that makes one baseline INSERT per request and answers: no verification, no batching${conns === 1 ? '; with one request at a time, no endpoint that stores before it answers beats this' : ''})`,
      );
      const per = (us: number) => fmt(us / reqs.length, 0);
      console.log(
        `  cpu/request: ack: load generator ${per(ackCpu.gen)} µs, Settle HTTP ${per(ackCpu.web)} µs, PostgreSQL ${per(ackCpu.pg * 1000)} µs; baseline: client ${per(baseCpu.child)} µs, PostgreSQL ${per(baseCpu.pg * 1000)} µs (PostgreSQL = all its processes, other users included)`,
      );
      console.log(
        `  processed:  ${fmt(drainRate)} events/s (${fmt(stored)} events, each confirmed with Stripe, drained in ${fmt(drainMs)} ms from worker start to last applied) → ${verdict(drainRate >= TARGET.eventsPerSecond)} (target ≥ ${fmt(TARGET.eventsPerSecond)} events/s)`,
      );
      console.log(
        `  cpu/event:  Settle worker ${fmt(drainCpu.worker / stored)} µs, PostgreSQL ${fmt((drainCpu.pg * 1000) / stored)} µs, Stripe emulator ${fmt(drainCpu.emu / stored)} µs (drain wall time ${fmt((drainMs * 1000) / stored)} µs per event)`,
      );
      console.log(`  correctness: ${check.line}`);
      summary.push(`ack/baseline at ${conns}: ${fmt(ratio, 2)}x ${verdict(ratio >= TARGET.ackRatio)}`);
      summary.push(
        `processing at ${conns}: ${fmt(drainRate)} events/s ${verdict(drainRate >= TARGET.eventsPerSecond)} (target ≥ ${fmt(TARGET.eventsPerSecond)})`,
      );
      if (conns === 50)
        summary.push(
          `p99 at 50 connections: ${fmt(ack.p99, 2)} ms ${verdict(ack.p99 <= TARGET.p99At50)} (target ≤ ${TARGET.p99At50} ms)`,
        );
    }

    // Live: acks while the worker applies them (both compete for the same two cores), end to end.
    const label = 'live';
    const { events, forged, reqs, ids } = await makeEvents(pool, orgs, emuPort, label);
    const ack = await fire(url, reqs, LIVE_CONNECTIONS);
    await waitProcessed(pool, label);
    const [span] = (
      await pool.query(
        `SELECT extract(epoch FROM max(processed_at) - min(received_at)) * 1000 AS ms FROM stripe_event_inbox WHERE event_id LIKE $1`,
        [`evt_${label}_%`],
      )
    ).rows as Array<{ ms: number }>;
    const check = await correctness(pool, label, events.length, forged.length, ids, ack.non2xx + ack.errors);
    allOk &&= check.ok;
    doubles += check.doubles;
    console.log(
      `\nlive, ${LIVE_CONNECTIONS} connections, worker running: ${fmt(reqs.length)} requests; load average ${os.loadavg()[0]!.toFixed(2)}`,
    );
    console.log(
      `  ack:        ${fmt(ack.rps)} req/s   p50 ${fmt(ack.p50, 2)} ms   p99 ${fmt(ack.p99, 2)} ms   non-2xx ${ack.non2xx}, errors ${ack.errors}`,
    );
    console.log(
      `  processed:  ${fmt(((events.length + forged.length) / Math.max(1, span!.ms)) * 1000)} events/s end to end (${fmt(events.length + forged.length)} events, ${fmt(span!.ms)} ms from first receipt to last applied)`,
    );
    console.log(`  correctness: ${check.line}`);
    summary.push(`double effects: ${doubles} ${verdict(doubles === 0 && allOk)}`);
    console.log(`\n  targets: ${summary.join('; ')}`);
  } finally {
    await Promise.all([
      stopRole(settle),
      worker !== settle ? stopRole(worker) : undefined,
      stopRole(baseline),
      stopRole(emu),
    ]);
    await pool.end();
    await db.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
