import 'reflect-metadata';
import type { RunningSettle } from '../src/app/bootstrap.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { webhooksOf } from '../src/modules/webhook-endpoints/webhook-endpoints.integration.js';
import { startReceiver, type Answer, type Receiver } from '../src/modules/webhook-endpoints/webhook-test-kit.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { percentile } from './stripe-webhooks.support.js';

/**
 * Outbound webhooks: EVENTS events (client.updated, spread over OBJECTS clients, committed one per
 * transaction at RATE per second) to 10 local endpoints, all subscribed: 8 healthy, one slow (answers
 * after 2 s), one failing every other request (retried 10 s later, doubling). Prints delivered events/s,
 * the healthy endpoints' p99 commit→delivery against the 1 s target, ordering per object, and the same
 * p99 in a first, shorter run without the slow endpoint (what the slow one costs the others).
 * Runnable alone: `npx tsx bench/outbound-webhooks.bench.ts`; sizes from OWH_BENCH_EVENTS, _RATE, _OBJECTS.
 */
const EVENTS = Number(process.env.OWH_BENCH_EVENTS ?? 10_000);
const COMPARE_EVENTS = Number(process.env.OWH_BENCH_COMPARE_EVENTS ?? Math.ceil(EVENTS / 2));
const RATE = Number(process.env.OWH_BENCH_RATE ?? 100);
const OBJECTS = Number(process.env.OWH_BENCH_OBJECTS ?? 1_000);
const HEALTHY = 8;
const TARGET_P99_MS = 1_000;
const WAIT_MS = 15 * 60_000;

type Phase = { p99: number; p50: number; perSecond: number; seconds: number; outOfOrder: number; missing: number };

export async function run(): Promise<void> {
  section(
    `Outbound webhooks (${fmt(EVENTS)} events at ${RATE}/s to 10 endpoints: 8 healthy, 1 slow 2 s, 1 failing 50%)`,
  );
  const db = await benchDatabase('owh');
  // The receivers listen on 127.0.0.1: the operator lets webhooks reach loopback.
  const settle = await benchSettle(db.url, { worker: true, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  const healthy = await Promise.all(Array.from({ length: HEALTHY }, () => startReceiver()));
  const slow = await startReceiver(() => ({ status: 200, delayMs: 2_000 }));
  const flaky = await startReceiver((n): Answer => ({ status: n % 2 ? 500 : 200 }));
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: 'Bench', slug: `owh-${Date.now()}` });
    const addEndpoint = (r: Receiver) =>
      webhooksOf(c).endpoints.create(org.id, SYSTEM_ACTOR, { url: r.url, events: ['CLIENT_UPDATED'] });
    for (const r of [...healthy, flaky]) await addEndpoint(r);
    console.log(`worker concurrency ${c.config.workerConcurrency}; objects ${fmt(OBJECTS)}`);
    // Without the slow endpoint first, on a clean queue; then the same with it.
    const without = await phase(settle, org.id, COMPARE_EVENTS, healthy);
    for (const r of [...healthy, flaky]) r.received.length = 0;
    await addEndpoint(slow);
    const withSlow = await phase(settle, org.id, EVENTS, healthy);
    const slowGot = slow.received.length;
    const flakyGot = new Set(flaky.received.filter((_, n) => n % 2 === 0).map((r) => r.eventId)).size;

    const total = withSlow.perSecond;
    console.log(
      `delivered events/s (healthy endpoints, all ${HEALTHY}): ${fmt(total)} over ${fmt(withSlow.seconds, 1)} s`,
    );
    console.log(
      `slow endpoint meanwhile: ${fmt(slowGot)} delivered; failing endpoint: ${fmt(flakyGot)} of ${fmt(EVENTS)} events delivered (the rest on retry)`,
    );
    console.log(
      `healthy p99 commit→delivery: ${fmt(withSlow.p99)} ms (p50 ${fmt(withSlow.p50)} ms), target ≤ ${TARGET_P99_MS} ms: ${withSlow.p99 <= TARGET_P99_MS ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `order per object on healthy endpoints: ${withSlow.outOfOrder} out of order, ${withSlow.missing} missing`,
    );
    console.log(
      `healthy p99 with the slow endpoint ${fmt(withSlow.p99)} ms vs without it ${fmt(without.p99)} ms (${fmt(COMPARE_EVENTS)} events, p50 ${fmt(without.p50)} ms, ${without.outOfOrder} out of order)`,
    );
  } finally {
    for (const r of [...healthy, slow, flaky]) await r.close();
    await settle.stop();
    await db.cleanup();
  }
}

/** Commits `count` events at RATE/s, waits for every healthy endpoint to have them all, and measures. */
async function phase(settle: RunningSettle, orgId: string, count: number, healthy: Receiver[]): Promise<Phase> {
  const c = settle.container;
  const outbox = webhooksOf(c).outbox;
  const committedAt = new Map<string, number>();
  const objectOf = new Map<string, string>();
  const objects = Array.from({ length: OBJECTS }, (_, n) => `bench-client-${Date.now()}-${n}`);
  const started = Date.now();
  const producers = 4;
  await Promise.all(
    Array.from({ length: producers }, async (_, p) => {
      for (let n = p; n < count; n += producers) {
        const due = started + (n * 1000) / RATE;
        if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
        const objectId = objects[n % OBJECTS]!;
        const [id] = await c.db.transaction((tx) =>
          outbox.record(tx, [
            { orgId, type: 'client.updated', objectId, object: () => ({ id: objectId, name: `Client ${n}`, seq: n }) },
          ]),
        );
        committedAt.set(id!, Date.now());
        objectOf.set(id!, objectId);
      }
    }),
  );
  const deadline = Date.now() + WAIT_MS;
  while (healthy.some((r) => new Set(r.received.map((x) => x.eventId)).size < count) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 100));
  const latencies: number[] = [];
  let outOfOrder = 0;
  let missing = 0;
  let last = 0;
  for (const r of healthy) {
    const first = new Map<string, number>();
    const seqByObject = new Map<string, number>();
    for (const x of r.received) {
      if (first.has(x.eventId)) continue;
      first.set(x.eventId, x.at);
      last = Math.max(last, x.at);
      const seq = (JSON.parse(x.body) as { data: { object: { seq: number } } }).data.object.seq;
      const obj = objectOf.get(x.eventId)!;
      if ((seqByObject.get(obj) ?? -1) > seq) outOfOrder++;
      seqByObject.set(obj, seq);
    }
    missing += count - first.size;
    for (const [id, at] of first) latencies.push(at - committedAt.get(id)!);
  }
  latencies.sort((a, b) => a - b);
  const seconds = (last - started) / 1000;
  return {
    p99: percentile(latencies, 99),
    p50: percentile(latencies, 50),
    perSecond: latencies.length / seconds,
    seconds,
    outOfOrder,
    missing,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
