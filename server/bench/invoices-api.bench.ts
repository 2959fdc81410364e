import 'reflect-metadata';
import pg from 'pg';
import type { Container } from '../src/app/container.js';
import { createSchema } from '../src/graphql/schema.js';
import { createHttpServer } from '../src/http/http-server.js';
import { SYSTEM_ACTOR } from '../src/platform/actor.js';
import { createSettlePubSub } from '../src/platform/events/invoice-events.js';
import type { Principal } from '../src/modules/auth/principal.js';
import type { Invoice } from '../src/modules/invoices/invoice.entity.js';
import type { InvoiceLine } from '../src/modules/invoices/invoice-line.entity.js';
import { InvoiceLineKind } from '../src/modules/invoices/invoice-line.entity.js';
import { benchDatabase, benchSettle, fmt, section } from './bench-env.js';
import { loadTest } from './load.js';

const QUERY = `query($first:Int!){invoices(first:$first){edges{cursor node{id number status displayStatus total balanceDue currency dueDate
  client{id name} lines{description quantity unitPrice amount}}} pageInfo{hasNextPage endCursor}}}`;
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
  const settle = await benchSettle(db.url);
  try {
    const c = settle.container;
    const org = await c.organizations.create({ name: 'Bench', slug: `bench-${Date.now()}` });
    const user = await c.auth.createUser(org.id, { email: `bench-${Date.now()}@bench.test`, name: 'Bench', role: 'OWNER', password: 'bench password 123' });
    const { token } = await c.auth.createApiToken(org.id, { ...SYSTEM_ACTOR, id: user.id }, 'bench');
    const clients = [];
    for (let i = 0; i < 20; i++) clients.push(await c.clients.create(org.id, SYSTEM_ACTOR, { name: `Client ${i}`, billingEmail: `c${i}@bench.test`, currency: 'USD' }));
    for (let i = 0; i < INVOICES; i++) {
      await c.invoices.createDraft(org.id, SYSTEM_ACTOR, {
        clientId: clients[i % clients.length]!.id,
        lines: Array.from({ length: LINES }, (_, j) => ({ kind: InvoiceLineKind.MANUAL, description: `Line ${j}`, serviceId: null, quantity: '1.5', unitPrice: 10000 + j, discount: 0, taxRateBps: 0 })),
      });
    }
    const statements = await countStatements(settle, token);
    console.log(`SQL statements per request (incl. auth): page of 10 → ${statements[10]}, page of 50 → ${statements[50]} (${statements[10] === statements[50] ? 'constant in page size' : 'GROWS with page size'})`);

    const body = JSON.stringify({ query: QUERY, variables: { first: 50 } });
    const baseline = await startBaseline(settle.container, org.id);
    try {
      await loadTest({ url: `${baseline.url}/graphql`, connections: 10, seconds: 1, body }); // warm-up
      await loadTest({ url: `${settle.url}/graphql`, connections: 10, seconds: 1, body, headers: { authorization: `Bearer ${token}` } });
      const base = await loadTest({ url: `${baseline.url}/graphql`, connections: 10, seconds, body });
      const real = await loadTest({ url: `${settle.url}/graphql`, connections: 10, seconds, body, headers: { authorization: `Bearer ${token}` } });
      const row = (name: string, r: typeof base) => console.log(`${name.padEnd(28)} ${fmt(r.rps, 1).padStart(9)} req/s   p50 ${fmt(r.p50, 1)} ms   p99 ${fmt(r.p99, 1)} ms   errors ${r.errors + r.non2xx}`);
      row('baseline (in-memory, no auth)', base);
      row('Settle (PostgreSQL + auth)', real);
      const ratio = real.rps / base.rps;
      console.log(`ratio ${ratio.toFixed(2)}x of baseline (target ≥ 0.70x); p99 ${fmt(real.p99, 1)} ms (target ≤ 30 ms) → ${ratio >= 0.7 && real.p99 <= 30 ? 'MET' : 'NOT MET'}`);
    } finally {
      await baseline.close();
    }
  } finally {
    await settle.stop();
    await db.cleanup();
  }
}

/** Counts statements the pool runs for one request at each page size. */
async function countStatements(settle: Awaited<ReturnType<typeof benchSettle>>, token: string): Promise<Record<number, number>> {
  let count = 0;
  const pgClientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = pgClientProto.query;
  pgClientProto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  const out: Record<number, number> = {};
  try {
    for (const first of [10, 50]) {
      await fetch(`${settle.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY, variables: { first } }) });
      count = 0;
      await fetch(`${settle.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY, variables: { first } }) });
      out[first] = count;
    }
  } finally {
    pgClientProto.query = original;
  }
  return out;
}

/** The same schema and HTTP server, with services replaced by in-memory arrays and no auth lookup. */
async function startBaseline(real: Container, orgId: string) {
  const invoices: Invoice[] = (await real.invoices.list({ orgId }, {}, { first: 1000 })).nodes;
  const lines: InvoiceLine[] = await real.invoices.linesFor(orgId, invoices.map((i) => i.id));
  const clients = await real.clients.list(orgId);
  const principal: Principal = { kind: 'token', orgId, tokenId: 'baseline', name: 'baseline' };
  const memory = {
    ...real,
    routes: [],
    auth: { resolve: async () => principal },
    invoices: {
      list: async (_s: unknown, _f: unknown, page: { first: number }) => ({ nodes: invoices.slice(0, page.first), hasNextPage: invoices.length > page.first, endCursor: null }),
      linesFor: async (_o: string, ids: readonly string[]) => lines.filter((l) => ids.includes(l.invoiceId)),
      byIds: async (_o: string, ids: readonly string[]) => invoices.filter((i) => ids.includes(i.id)),
      portalUrl: (id: string) => `/portal/invoices/${id}`,
    },
    clients: { byIds: async (_o: string, ids: readonly string[]) => clients.filter((cl) => ids.includes(cl.id)) },
    payments: { byInvoices: async () => [], creditMemosByInvoices: async () => [] },
  } as unknown as Container;
  const http = await createHttpServer(memory, await createSchema(createSettlePubSub()));
  const port = await http.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => http.close() };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
