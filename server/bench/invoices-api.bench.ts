import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { BENCH_PASSWORD, benchDatabase, benchOrg, benchSettle, fmt, section } from './bench-env.js';
import type { BenchServer } from './bench-process.js';
import { startBenchServer } from './bench-server.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { loadTest, type LoadResult } from './load.js';
import { merged } from './stripe-webhooks.support.js';
import { postgresCpu, postgresCpuSince } from './postgres-cpu.js';
import { assertSameInvoices, POSTGRAPHILE_QUERY, startPostGraphileServer } from './postgraphile-server.js';

export const QUERY = `query($first:Int!){invoices(first:$first){edges{cursor node{id number status displayStatus total balanceDue currency dueDate
  client{id name} lines{description quantity unitPrice amount}}} pageInfo{hasNextPage endCursor}}}`;
const PORTAL_QUERY = `query($first:Int!){invoices(first:$first){edges{node{id number status displayStatus total balanceDue currency
  issueDate dueDate lines{description quantity unitPrice amount}}} pageInfo{hasNextPage endCursor}}}`;
const AGING_QUERY = `{dashboard{currencies{currency outstanding collectedThisMonth
  aging{current days1to30 days31to60 days61to90 days90plus}} overdue{id number dueDate balanceDue client{name}}}}`;
const INVOICES = 200;
const PROFILE_PHASES = process.env.BENCH_PROFILE_PHASES;
const LINES = 5;

/**
 * GraphQL `invoices` (page of 50 with lines and client) at 10 connections against PostgreSQL with auth,
 * side by side with a baseline: the same schema and HTTP stack answered from in-memory arrays, no auth;
 * and with PostGraphile 5 answering the same page from the same tables (postgraphile-server.ts).
 */
export async function run(opts: { seconds?: number } = {}): Promise<void> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 8);
  section('GraphQL invoices query: PostgreSQL + auth vs in-memory baseline and PostGraphile');
  const db = await benchDatabase('api');
  try {
    const { org, token, portalToken } = await seed(db.url);
    // The servers under test run in their own processes (bench-process.ts); this one only loads them.
    const servers: BenchServer[] = [];
    const started = async (starting: Promise<BenchServer>) => {
      servers.push(await starting);
      return servers[servers.length - 1]!;
    };
    try {
      const server = await started(startBenchServer('settle', db.url, org.id));
      const baseline = await started(startBenchServer('baseline', db.url, org.id));
      const postgraphile = await started(startPostGraphileServer(db.url, org.id));
      const floor = await started(startBenchServer('floor', db.url, org.id));
      const statements: Record<number, number> = {};
      for (const first of [10, 50])
        statements[first] = await server.countStatements(token, JSON.stringify({ query: QUERY, variables: { first } }));
      console.log(
        `SQL statements per request (incl. auth): page of 10 → ${statements[10]}, page of 50 → ${statements[50]} (${statements[10] === statements[50] ? 'constant in page size' : 'GROWS with page size'})`,
      );

      const body = JSON.stringify({ query: QUERY, variables: { first: 50 } });
      const auth = { authorization: `Bearer ${token}` };
      // PostGraphile's own names for the same page; it must carry the same invoices before its speed counts.
      const pgBody = JSON.stringify({ query: POSTGRAPHILE_QUERY, variables: { first: 50 } });
      const same = assertSameInvoices(await answer(server.url, body, auth), await answer(postgraphile.url, pgBody));
      console.log(
        `PostGraphile answers the same ${same} invoices as Settle (ids, totals, lines, clients, statuses); ${await postgraphile.countStatements('', pgBody)} SQL statements per request`,
      );
      await loadTest({ url: `${baseline.url}/graphql`, connections: 10, seconds: 2, body }); // warm-up (JIT, caches)
      await loadTest({ url: `${server.url}/graphql`, connections: 10, seconds: 2, body, headers: auth });
      await loadTest({ url: `${postgraphile.url}/graphql`, connections: 10, seconds: 2, body: pgBody });
      await loadTest({ url: `${floor.url}/graphql`, connections: 10, seconds: 2, body });
      const floorSame = sameAnswer(await answer(server.url, body, auth), await answer(floor.url, body));
      // The four take the same load in turns (TURNS slices each, order rotated), so a machine whose speed
      // drifts from one minute to the next weighs on each alike.
      const [base, real, graphile, least] = await inTurns([
        { server: baseline, opts: { url: `${baseline.url}/graphql`, connections: 10, seconds, body } },
        { server, opts: { url: `${server.url}/graphql`, connections: 10, seconds, body, headers: auth } },
        { server: postgraphile, opts: { url: `${postgraphile.url}/graphql`, connections: 10, seconds, body: pgBody } },
        { server: floor, opts: { url: `${floor.url}/graphql`, connections: 10, seconds, body } },
      ]);
      const row = (name: string, r: Measured) =>
        console.log(
          `${name.padEnd(28)} ${fmt(r.rps, 1).padStart(9)} req/s   p50 ${fmt(r.p50, 1)} ms   p99 ${fmt(r.p99, 1)} ms   errors ${r.errors + r.non2xx}   CPU/request: server ${fmt(r.serverUs)} µs, PostgreSQL ${fmt(r.postgresUs)} µs`,
        );
      console.log(
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} (${os.cpus().length} cores; servers in child processes, load from this one)`,
      );
      row('baseline (in-memory, no auth)', base);
      row('Settle (PostgreSQL + auth)', real);
      row('PostGraphile 5 (no auth)', graphile);
      const ratio = real.rps / base.rps;
      console.log(
        `ratio ${ratio.toFixed(2)}x of baseline (target ≥ 0.70x); p99 ${fmt(real.p99, 1)} ms (target ≤ 30 ms) → ${ratio >= 0.7 && real.p99 <= 30 ? 'MET' : 'NOT MET'}`,
      );
      // Requests that failed make a server look faster: a run with errors on either side meets nothing.
      const versus = real.rps / graphile.rps;
      const clean = real.errors + real.non2xx + graphile.errors + graphile.non2xx === 0;
      console.log(
        `Settle ÷ PostGraphile ${versus.toFixed(2)}x (target ≥ 1.0x) → ${versus >= 1 && clean ? 'MET' : 'NOT MET'}${clean ? '' : ' (errors)'}`,
      );
      row('floor (1 statement, no Node work)', least);
      console.log(
        `  floor: the answer built as JSON text by one prepared statement and written out untouched (same answer as Settle's: ${floorSame ? 'yes' : 'NO'}); floor ÷ baseline ${(least.rps / base.rps).toFixed(2)}x, p99 ${fmt(least.p99, 1)} ms; Settle ÷ floor ${(real.rps / least.rps).toFixed(2)}x`,
      );
      // The two other lists people wait on: a client's portal list (its finalized invoices) and the AR aging.
      for (const [name, query, bearer] of [
        ['portal invoice list', PORTAL_QUERY, portalToken],
        ['admin dashboard (AR aging)', AGING_QUERY, token],
      ] as const) {
        const other = JSON.stringify({ query, variables: { first: 50 } });
        const count = await server.countStatements(bearer, other);
        const headers = { authorization: `Bearer ${bearer}` };
        await loadTest({ url: `${server.url}/graphql`, connections: 10, seconds: 2, body: other, headers });
        const r = await withCpu(server, {
          url: `${server.url}/graphql`,
          connections: 10,
          seconds,
          body: other,
          headers,
        });
        row(name, r);
        console.log(
          `  ${count} SQL statements per request; p99 ${fmt(r.p99, 1)} ms (target ≤ 30 ms) → ${r.p99 <= 30 && r.errors + r.non2xx === 0 ? 'MET' : 'NOT MET'}`,
        );
      }
    } finally {
      await new Promise((r) => setTimeout(r, 200)); // let the last in-flight requests finish
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    await db.cleanup();
  }
}

type LoadOptions = Parameters<typeof loadTest>[0];
type Measured = LoadResult & { serverUs: number; postgresUs: number };
const TURNS = Number(process.env.BENCH_TURNS ?? 4);
/** The unmeasured load before each slice (seconds). */
const WARM_SECONDS = 0.5;

/** Each run's load in TURNS slices of its time, the runs taking turns (order rotated); one result a run. */
async function inTurns(runs: Array<{ server: BenchServer; opts: LoadOptions }>): Promise<Measured[]> {
  const parts: Measured[][] = runs.map(() => []);
  for (let t = 0; t < TURNS; t++)
    for (let k = 0; k < runs.length; k++) {
      const i = (t + k) % runs.length;
      // Unmeasured first: while the others ran, a server's pool closed its idle connections (after 10 s);
      // a slice measures the steady state of a busy server, not its reconnecting and re-preparing.
      await loadTest({ ...runs[i]!.opts, seconds: WARM_SECONDS });
      parts[i]!.push(await withCpu(runs[i]!.server, { ...runs[i]!.opts, seconds: runs[i]!.opts.seconds / TURNS }));
    }
  return parts.map((p) => {
    const all = merged(p);
    const perRequest = (key: 'serverUs' | 'postgresUs') =>
      p.reduce((n, r) => n + r[key] * r.requests, 0) / all.lat.length;
    return { ...all, requests: all.lat.length, serverUs: perRequest('serverUs'), postgresUs: perRequest('postgresUs') };
  });
}

/** Whether two answers carry the same data (key order aside); prints both when they do not. */
function sameAnswer(x: unknown, y: unknown): boolean {
  const same = isDeepStrictEqual(x, y);
  if (!same)
    console.log(
      `  !! answers differ:\n  settle ${JSON.stringify(x).slice(0, 400)}\n  floor  ${JSON.stringify(y).slice(0, 400)}`,
    );
  return same;
}

/** One GraphQL answer, parsed. */
async function answer(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

/** 20 clients and 200 draft invoices of 5 lines in a fresh org; an API token for the load. */
export async function seed(databaseUrl: string) {
  const settle = await benchSettle(databaseUrl);
  try {
    const c = settle.container;
    const { org, user } = await benchOrg(c, 'Bench', 'OWNER');
    const { token } = await c.auth.createApiToken(org.id, { ...SYSTEM_ACTOR, id: user.id }, 'bench');
    const clients = [];
    for (let i = 0; i < 20; i++)
      clients.push(
        await c.clients.create(org.id, SYSTEM_ACTOR, {
          name: `Client ${i}`,
          billingEmail: `c${i}@bench.test`,
          currency: 'USD',
        }),
      );
    for (let i = 0; i < INVOICES; i++) {
      await c.invoices.createDraft(org.id, SYSTEM_ACTOR, {
        clientId: clients[i % clients.length]!.id,
        lines: Array.from({ length: LINES }, (_, j) => ({
          kind: InvoiceLineKind.MANUAL,
          description: `Line ${j}`,
          serviceId: null,
          quantity: '1.5',
          unitPrice: 10000 + j,
          discount: 0,
          taxRateBps: 0,
        })),
      });
    }
    // Finalized (the portal lists no drafts), half of them past due so the aging has every bucket to add.
    await c.db.query(
      `UPDATE invoices SET status = 'SENT', finalized_at = now(), sent_at = now(),
              due_date = CASE WHEN random() < 0.5 THEN current_date - (random() * 120)::int ELSE due_date END
        WHERE org_id = $1`,
      [org.id],
    );
    const email = `portal-${Date.now()}@bench.test`;
    await c.auth.invitePortalUser(org.id, SYSTEM_ACTOR, { clientId: clients[0]!.id, email, name: 'Portal' });
    await c.db.query(`UPDATE portal_users SET password_hash = $2, accepted_at = now() WHERE email = $1`, [
      email,
      await hashPassword(BENCH_PASSWORD),
    ]);
    const portal = await c.auth.portalLogin(email, BENCH_PASSWORD, org.slug);
    return { org, token, portalToken: portal.token };
  } finally {
    await settle.stop();
  }
}

/**
 * A load test with the CPU the server's process and PostgreSQL (all its processes) spent per answered
 * request meanwhile: where a server's time goes, next to its latency. BENCH_PROFILE_PHASES=<dir> writes
 * a CPU profile of the server's process during each measured run there.
 */
async function withCpu(server: BenchServer, opts: LoadOptions): Promise<Measured> {
  const [cpu0, pg0] = [await server.cpu(), postgresCpu()];
  if (PROFILE_PHASES) await server.profile(null);
  const r = await loadTest(opts);
  if (PROFILE_PHASES)
    await server.profile(path.join(PROFILE_PHASES, `${new URL(opts.url).port}-${Date.now()}.cpuprofile`));
  const [serverUs, postgresMs] = [(await server.cpu()) - cpu0, postgresCpuSince(pg0)];
  return { ...r, serverUs: serverUs / r.requests, postgresUs: (postgresMs * 1000) / r.requests };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
