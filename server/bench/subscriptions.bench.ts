import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { startBenchServer } from './bench-server.js';
import { measureFanOut, paymentChange, percentileOf, subscribedInvoice } from './subscribers.js';

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 20);
/** BENCH_PROFILE_PHASES=<dir>: a CPU profile of the server while the changes fan out (not while sockets connect). */
const PROFILE_PHASES = process.env.BENCH_PROFILE_PHASES;

/**
 * Status change → subscriber update latency with 1,000 graphql-ws subscribers on one server. Target p99 ≤ 50 ms.
 * The server under test runs in its own process (bench-server.ts); this process holds the subscribers and
 * makes the changes. Latency runs from the COMMIT of the change (the moment PostgreSQL releases the
 * notification) to a subscriber holding the update. `pnpm bench scale` measures it across two servers.
 */
export async function run(): Promise<void> {
  section(`Live updates: invoice change → ${fmt(SUBSCRIBERS)} graphql-ws subscribers`);
  const db = await benchDatabase('subs');
  const settle = await benchSettle(db.url); // makes the changes; the server under test is a child process
  let server: Awaited<ReturnType<typeof startBenchServer>> | undefined;
  try {
    const { org, tokens, invoice } = await subscribedInvoice(settle.container, SUBSCRIBERS);
    server = await startBenchServer('settle', db.url, org.id);
    const r = await measureFanOut({
      change: paymentChange(settle.container, org.id, invoice.id),
      invoiceId: invoice.id,
      tokens,
      serverUrls: [server.url],
      subscribers: SUBSCRIBERS,
      changes: CHANGES,
      beforeChanges: PROFILE_PHASES ? () => server!.profile(null) : undefined,
    });
    if (PROFILE_PHASES) await server.profile(path.join(PROFILE_PHASES, `fan-out-${Date.now()}.cpuprofile`));
    console.log(`${fmt(r.ready)} subscribers connected`);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (${os.cpus().length} cores; server in a child process, subscribers in this one)`,
    );
    const p99 = percentileOf(r.latencies, 99);
    console.log(
      `${fmt(r.latencies.length)} deliveries of ${fmt(r.expected)} expected (after 3 warm-up changes); commit → subscriber p50 ${fmt(percentileOf(r.latencies, 50), 1)} ms, p99 ${fmt(p99, 1)} ms, max ${fmt(r.latencies.at(-1) ?? NaN, 1)} ms (target p99 ≤ 50 ms → ${p99 <= 50 ? 'MET' : 'NOT MET'})`,
    );
  } finally {
    await server?.stop();
    await settle.stop();
    await db.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
