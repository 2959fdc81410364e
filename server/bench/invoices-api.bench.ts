import 'reflect-metadata';
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { startBenchServer } from './bench-server.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { loadTest } from './load.js';

export const QUERY = `query($first:Int!){invoices(first:$first){edges{cursor node{id number status displayStatus total balanceDue currency dueDate
  client{id name} lines{description quantity unitPrice amount}}} pageInfo{hasNextPage endCursor}}}`;
const PORTAL_QUERY = `query($first:Int!){invoices(first:$first){edges{node{id number status displayStatus total balanceDue currency
  issueDate dueDate lines{description quantity unitPrice amount}}} pageInfo{hasNextPage endCursor}}}`;
const AGING_QUERY = `{dashboard{currencies{currency outstanding collectedThisMonth
  aging{current days1to30 days31to60 days61to90 days90plus}} overdue{id number dueDate balanceDue client{name}}}}`;
const INVOICES = 200;
const LINES = 5;

/**
 * GraphQL `invoices` (page of 50 with lines and client) at 10 connections against PostgreSQL with auth,
 * side by side with a baseline: the same schema and HTTP stack answered from in-memory arrays, no auth.
 */
export async function run(opts: { seconds?: number } = {}): Promise<void> {
  const seconds = opts.seconds ?? Number(process.env.BENCH_SECONDS ?? 8);
  section('GraphQL invoices query: PostgreSQL + auth vs in-memory baseline');
  const db = await benchDatabase('api');
  try {
    const { org, token, portalToken } = await seed(db.url);
    // The servers under test run in their own processes (bench-server.ts); this one only loads them.
    const server = await startBenchServer('settle', db.url, org.id);
    const baseline = await startBenchServer('baseline', db.url, org.id).catch(async (err) => {
      await server.stop();
      throw err;
    });
    const floor = await startBenchServer('floor', db.url, org.id).catch(async (err) => {
      await Promise.all([server.stop(), baseline.stop(), floor.stop()]);
      throw err;
    });
    try {
      const statements: Record<number, number> = {};
      for (const first of [10, 50])
        statements[first] = await server.countStatements(token, JSON.stringify({ query: QUERY, variables: { first } }));
      console.log(
        `SQL statements per request (incl. auth): page of 10 → ${statements[10]}, page of 50 → ${statements[50]} (${statements[10] === statements[50] ? 'constant in page size' : 'GROWS with page size'})`,
      );

      const body = JSON.stringify({ query: QUERY, variables: { first: 50 } });
      const auth = { authorization: `Bearer ${token}` };
      await loadTest({ url: `${baseline.url}/graphql`, connections: 10, seconds: 2, body }); // warm-up (JIT, caches)
      await loadTest({ url: `${server.url}/graphql`, connections: 10, seconds: 2, body, headers: auth });
      await loadTest({ url: `${floor.url}/graphql`, connections: 10, seconds: 2, body });
      const same = await sameAnswer(`${server.url}/graphql`, `${floor.url}/graphql`, body, auth);
      const base = await loadTest({ url: `${baseline.url}/graphql`, connections: 10, seconds, body });
      const real = await loadTest({ url: `${server.url}/graphql`, connections: 10, seconds, body, headers: auth });
      const least = await loadTest({ url: `${floor.url}/graphql`, connections: 10, seconds, body });
      const row = (name: string, r: typeof base) =>
        console.log(
          `${name.padEnd(28)} ${fmt(r.rps, 1).padStart(9)} req/s   p50 ${fmt(r.p50, 1)} ms   p99 ${fmt(r.p99, 1)} ms   errors ${r.errors + r.non2xx}`,
        );
      console.log(
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} (${os.cpus().length} cores; servers in child processes, load from this one)`,
      );
      row('baseline (in-memory, no auth)', base);
      row('Settle (PostgreSQL + auth)', real);
      const ratio = real.rps / base.rps;
      console.log(
        `ratio ${ratio.toFixed(2)}x of baseline (target ≥ 0.70x); p99 ${fmt(real.p99, 1)} ms (target ≤ 30 ms) → ${ratio >= 0.7 && real.p99 <= 30 ? 'MET' : 'NOT MET'}`,
      );
      row('floor (1 statement, no Node work)', least);
      console.log(
        `  floor: the answer built as JSON text by one prepared statement and written out untouched (same answer as Settle's: ${same ? 'yes' : 'NO'}); floor ÷ baseline ${(least.rps / base.rps).toFixed(2)}x, p99 ${fmt(least.p99, 1)} ms: no server that reads this page from PostgreSQL on this machine does better; Settle ÷ floor ${(real.rps / least.rps).toFixed(2)}x`,
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
        const r = await loadTest({ url: `${server.url}/graphql`, connections: 10, seconds, body: other, headers });
        row(name, r);
        console.log(
          `  ${count} SQL statements per request; p99 ${fmt(r.p99, 1)} ms (target ≤ 30 ms) → ${r.p99 <= 30 && r.errors + r.non2xx === 0 ? 'MET' : 'NOT MET'}`,
        );
      }
    } finally {
      await new Promise((r) => setTimeout(r, 200)); // let the last in-flight requests finish
      await Promise.all([server.stop(), baseline.stop()]);
    }
  } finally {
    await db.cleanup();
  }
}

/** Whether two servers answer the query with the same data (key order aside). */
async function sameAnswer(a: string, b: string, body: string, headers: Record<string, string>): Promise<boolean> {
  const ask = (url: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then((r) =>
      r.json(),
    );
  const [x, y] = await Promise.all([ask(a), ask(b)]);
  const same = isDeepStrictEqual(x, y);
  if (!same)
    console.log(
      `  !! answers differ:\n  settle ${JSON.stringify(x).slice(0, 400)}\n  floor  ${JSON.stringify(y).slice(0, 400)}`,
    );
  return same;
}

/** 20 clients and 200 draft invoices of 5 lines in a fresh org; an API token for the load. */
export async function seed(databaseUrl: string) {
  const settle = await benchSettle(databaseUrl);
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: 'Bench', slug: `bench-${Date.now()}` });
    const user = await c.auth.createUser(org.id, {
      email: `bench-${Date.now()}@bench.test`,
      name: 'Bench',
      role: 'OWNER',
      password: 'bench password 123',
    });
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
      await hashPassword('bench password 123'),
    ]);
    const portal = await c.auth.portalLogin(email, 'bench password 123', org.slug);
    return { org, token, portalToken: portal.token };
  } finally {
    await settle.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
