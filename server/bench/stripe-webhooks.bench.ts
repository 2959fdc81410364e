import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchDatabase, fmt, section } from './bench-env.js';
import {
  correctness,
  fire,
  fireInTurns,
  makeEvents,
  percentile,
  postgresCpu,
  postgresCpuSince,
  spawnRole,
  stopRole,
  waitProcessed,
  type Child,
  type Org,
} from './stripe-webhooks.support.js';

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
const LEVELS = (process.env.STRIPE_BENCH_LEVELS ?? '1,10,50').split(',').map(Number);
const LIVE_CONNECTIONS = 50;
const POOL_SIZE = process.env.SETTLE_DB_POOL_SIZE ?? '20';
/** `split` (default): the HTTP server and the job worker in two processes, as Settle is deployed to take
 * webhooks while it works; `one`: both in one process. STRIPE_BENCH_WORKER_NICE lowers the worker's priority. */
const TOPOLOGY = process.env.STRIPE_BENCH_TOPOLOGY === 'one' ? 'one' : 'split';
const WORKER_NICE = process.env.STRIPE_BENCH_WORKER_NICE ?? '';
const PROFILE_DIR = process.env.STRIPE_BENCH_PROFILE;
/** Slices the acks and both floors take in turns (fireInTurns): the machine's drift weighs on each alike. */
const TURNS = Number(process.env.STRIPE_BENCH_TURNS ?? 6);
/** Warm-up rounds before the levels (STRIPE_BENCH_WARM_ROUNDS). */
const WARM_ROUNDS = Number(process.env.STRIPE_BENCH_WARM_ROUNDS ?? 4);
const TARGET = { ackRatio: 0.8, ackFloorAt1: 0.95, p99At50: 25, eventsPerSecond: 1500 };

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

    // Warm-up, not measured: rounds through acks and the worker's drain, so the levels below time code the JIT has
    // compiled (as in a Settle that has been running), not its first passes. One round was not enough:
    // Settle's HTTP CPU per request still fell by half over the next three (each round prints it). The
    // floors take the same requests: measured cold, as they were before, they spent twice the CPU per
    // request they spend warm, and Settle looked closer to them than it is.
    const secrets = Object.fromEntries(orgs.map((o) => [o.path, o.secret]));
    const floorUrl = `http://127.0.0.1:${await baseline.call<number>('http-insert', { orgId: orgs[0]!.id })}`;
    const verifyingUrl = `http://127.0.0.1:${await baseline.call<number>('http-verify-insert', { orgId: orgs[0]!.id, secrets })}`;
    for (let w = 0; w < WARM_ROUNDS; w++) {
      const label = `warm${w}`;
      const { events, forged, reqs, ids } = await makeEvents(pool, orgs, emuPort, label);
      const cpu0 = { web: await settle.call<number>('cpu'), worker: await worker.call<number>('cpu') };
      // As in a level: the acks pile up with the worker stopped, then it drains the backlog in batches.
      await worker.call('worker-stop');
      const ack = await fire(url, reqs, 10);
      await worker.call('worker-start');
      await waitProcessed(pool, label);
      const web = (await settle.call<number>('cpu')) - cpu0.web;
      const work = (await worker.call<number>('cpu')) - cpu0.worker;
      for (const floorAt of [floorUrl, verifyingUrl]) await fire(floorAt, reqs, 10);
      const check = await correctness(pool, label, events.length, forged.length, ids, ack.non2xx + ack.errors);
      allOk &&= check.ok;
      doubles += check.doubles;
      console.log(
        `${w ? '' : '\n'}warm-up ${w + 1}/${WARM_ROUNDS} (not measured): ${fmt(reqs.length)} requests acknowledged and applied, Settle HTTP ${fmt(web / reqs.length)} µs CPU/request, worker ${fmt(work / (events.length + forged.length))} µs CPU/event; correctness: ${check.line}`,
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
      // The floors take the same requests in turns with Settle (fireInTurns), so drift hits all alike.
      const ackCpu = { web: await settle.call<number>('cpu'), gen: 0, pg: 0 };
      let verifyingCpu = 0;
      // STRIPE_BENCH_PROFILE=<dir>: a CPU profile of the Settle HTTP process during the acks of each level.
      if (PROFILE_DIR) await Promise.all([settle.call('profile-start'), baseline.call('profile-start')]);
      const [ack, floor, verifyingFloor] = await fireInTurns(
        [url, floorUrl, verifyingUrl],
        reqs,
        conns,
        TURNS,
        async (server, send) => {
          if (server === 1) return send();
          // The verifying floor's process CPU, next to Settle's: what Settle's ack costs beyond the least.
          if (server === 2) {
            const cpu0 = await baseline!.call<number>('cpu');
            const r = await send();
            verifyingCpu += (await baseline!.call<number>('cpu')) - cpu0;
            return r;
          }
          const self0 = process.cpuUsage();
          const pg0 = postgresCpu();
          const r = await send();
          const self = process.cpuUsage(self0);
          ackCpu.gen += self.user + self.system;
          ackCpu.pg += postgresCpuSince(pg0);
          return r;
        },
      );
      if (PROFILE_DIR)
        await Promise.all([
          settle.call('profile-stop', { file: path.join(PROFILE_DIR, `settle-http-acks-${conns}.cpuprofile`) }),
          // The floors' process over the same turns: what the least endpoint spends, next to Settle's.
          baseline.call('profile-stop', { file: path.join(PROFILE_DIR, `floors-acks-${conns}.cpuprofile`) }),
        ]);
      ackCpu.web = (await settle.call<number>('cpu')) - ackCpu.web;
      const b0 = { child: await baseline.call<number>('cpu'), pg: postgresCpu() };
      const base = await baseline.call<{ ms: number; lat: number[] }>('run', {
        conns,
        bodies: reqs.map((r) => r.body),
        orgId: orgs[0]!.id,
      });
      const baseCpu = { child: (await baseline.call<number>('cpu')) - b0.child, pg: postgresCpuSince(b0.pg) };
      await emu.call('gc'); // its pauses are Stripe's, not the drain's (stripe-webhooks.server.ts)
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
      console.log(
        `  +verify:    ${fmt(verifyingFloor.rps)} req/s   p50 ${fmt(verifyingFloor.p50, 2)} ms   p99 ${fmt(verifyingFloor.p99, 2)} ms   = ${fmt(verifyingFloor.rps / floor.rps, 2)}x HTTP+INSERT (the same server checking each Stripe signature first, as any endpoint must; its process ${fmt(verifyingCpu / reqs.length)} µs CPU/request; non-2xx ${verifyingFloor.non2xx})`,
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
      if (conns === 1) {
        // One request at a time there is no batch to share: the ack is held against the floor itself.
        const vsFloor = ack.rps / floor.rps;
        console.log(
          `  ack ÷ HTTP+INSERT floor: ${fmt(vsFloor, 2)}x (target ≥ ${TARGET.ackFloorAt1}x with one request at a time) → ${verdict(vsFloor >= TARGET.ackFloorAt1)}; ack ÷ verifying floor ${fmt(ack.rps / verifyingFloor.rps, 2)}x (each measured in ${TURNS} turns)`,
        );
        summary.push(`ack/floor at 1: ${fmt(vsFloor, 2)}x ${verdict(vsFloor >= TARGET.ackFloorAt1)}`);
      }
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
    // The emulator last: a worker still running (a sweep that came due after the live run) called a
    // stopped emulator, ECONNREFUSED (each call retried 3 times), and its stop waited on those jobs.
    await Promise.all([stopRole(settle), worker !== settle ? stopRole(worker) : undefined, stopRole(baseline)]);
    await stopRole(emu);
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
