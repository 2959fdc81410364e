import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { Container } from '../src/app/container.js';
import { createSchema } from '../src/graphql/schema.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createSettlePubSub } from '../src/platform/events/invoice-events.js';
import { SettleMetrics } from '../src/platform/metrics/settle-metrics.js';
import type { Principal } from '../src/modules/auth/principal.js';
import type { Invoice } from '../src/modules/invoices/invoice.entity.js';
import type { InvoiceLine } from '../src/modules/invoices/invoice-line.entity.js';
import { benchSettle } from './bench-env.js';
import { startFloor } from './floor-page.js';

/**
 * The server under test, in its own process: a load generator (autocannon, 1,000 WebSocket clients) in the
 * same process would compete with the server for one event loop and measure itself. The parent seeds the
 * database, forks this file with a mode, and talks to it over IPC:
 *  - `settle`: Settle itself (startSettle on the bench database).
 *  - `baseline`: the same schema and HTTP stack, services answered from in-memory arrays, no auth.
 *  - `floor`: the least any server backed by PostgreSQL can do for the bench's query (floor-page.ts).
 * Messages to the child: `{type:'count', url, token, body}` counts SQL statements for one request (the
 * pool lives here), `{type:'stop'}` stops the server and exits.
 */
type Mode = 'settle' | 'baseline' | 'floor';
type ToChild = { type: 'count'; token: string; body: string } | { type: 'stop' };
type FromChild = { type: 'ready'; url: string } | { type: 'counted'; statements: number };

export interface BenchServer {
  url: string;
  countStatements(token: string, body: string): Promise<number>;
  stop(): Promise<void>;
}

/** Forks a server process and resolves once it listens. */
export function startBenchServer(mode: Mode, databaseUrl: string, orgId: string): Promise<BenchServer> {
  const child: ChildProcess = fork(import.meta.filename, [mode], {
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_ORG_ID: orgId },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // BENCH_PROFILE_DIR=/some/dir writes a V8 CPU profile of the server process there when it stops.
    execArgv: [
      ...process.execArgv,
      ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
    ],
  });
  const next = <T extends FromChild['type']>(type: T) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const onMessage = (m: FromChild) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromChild, { type: T }>);
      };
      const onExit = (code: number | null) => reject(new Error(`bench server (${mode}) exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next('ready').then(({ url }) => ({
    url,
    countStatements: async (token, body) => {
      const counted = next('counted');
      child.send({ type: 'count', token, body } satisfies ToChild);
      return (await counted).statements;
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' } satisfies ToChild);
      await exited;
    },
  }));
}

/** Every row of a paged list, page after page. */
async function everyPage<T>(
  page: (after?: string) => Promise<{ nodes: T[]; cursors: string[]; hasNextPage: boolean }>,
) {
  const all: T[] = [];
  for (let after: string | undefined, more = true; more;) {
    const p = await page(after);
    all.push(...p.nodes);
    [after, more] = [p.cursors[p.cursors.length - 1], p.hasNextPage];
  }
  return all;
}

/** The same schema and HTTP server, with services replaced by in-memory arrays and no auth lookup. */
async function startBaseline(real: Container, orgId: string) {
  const invoices: Invoice[] = await everyPage((after) => real.invoices.list({ orgId }, {}, { first: 200, after }));
  const lines: InvoiceLine[] = await real.invoices.linesFor(
    orgId,
    invoices.map((i) => i.id),
  );
  const clients = await everyPage((after) => real.clients.list(orgId, {}, { first: 500, after }));
  const principal: Principal = { kind: 'token', orgId, tokenId: 'baseline', name: 'baseline', scope: 'read' };
  // Indexed like a database would be, so the baseline measures the schema and HTTP stack, not array scans.
  const linesByInvoice = new Map<string, InvoiceLine[]>();
  for (const l of lines) linesByInvoice.set(l.invoiceId, [...(linesByInvoice.get(l.invoiceId) ?? []), l]);
  const invoiceById = new Map(invoices.map((i) => [i.id, i]));
  const clientById = new Map(clients.map((cl) => [cl.id, cl]));
  const pick = <T>(byId: Map<string, T>, ids: readonly string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const memory = {
    ...real,
    metrics: new SettleMetrics(), // its own registry: the real server in this process registered its gauges
    routes: [],
    auth: { resolve: async () => principal },
    invoices: {
      list: async (_s: unknown, _f: unknown, page: { first: number }) => ({
        nodes: invoices.slice(0, page.first),
        cursors: invoices.slice(0, page.first).map((i) => i.id),
        hasNextPage: invoices.length > page.first,
        hasPreviousPage: false,
        totalCount: async () => invoices.length,
      }),
      linesFor: async (_o: string, ids: readonly string[]) => ids.flatMap((id) => linesByInvoice.get(id) ?? []),
      byIds: async (_o: string, ids: readonly string[]) => pick(invoiceById, ids),
      portalUrl: (id: string) => `/portal/invoices/${id}`,
    },
    clients: { byIds: async (_o: string, ids: readonly string[]) => pick(clientById, ids) },
    payments: { byInvoices: async () => [], creditMemosByInvoices: async () => [] },
  } as unknown as Container;
  const http = await createHttpServer(memory, await createSchema(createSettlePubSub()));
  const port = await http.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, close: () => http.close() };
}

/** Statements the pool runs for one request (after one warm-up request with the same body). */
async function countStatements(url: string, token: string, body: string): Promise<number> {
  const post = () =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    }).then((r) => r.text());
  await post();
  let count = 0;
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  try {
    await post();
  } finally {
    proto.query = original;
  }
  return count;
}

async function serve(mode: Mode): Promise<void> {
  const settle = await benchSettle(process.env.BENCH_DATABASE_URL!);
  const baseline =
    mode === 'baseline'
      ? await startBaseline(settle.container, process.env.BENCH_ORG_ID!)
      : mode === 'floor'
        ? await startFloor(process.env.BENCH_DATABASE_URL!, process.env.BENCH_ORG_ID!)
        : null;
  const url = baseline?.url ?? settle.url;
  process.on('message', (m: ToChild) => {
    if (m.type === 'count') {
      void countStatements(url, m.token, m.body).then((statements) =>
        process.send!({ type: 'counted', statements } satisfies FromChild),
      );
    } else if (m.type === 'stop') {
      void (async () => {
        await baseline?.close();
        await settle.stop();
        process.exit(0);
      })();
    }
  });
  process.on('disconnect', () => process.exit(0)); // the parent died: do not linger
  process.send!({ type: 'ready', url } satisfies FromChild);
}

if (import.meta.url === `file://${process.argv[1]}`) await serve(process.argv[2] as Mode);
