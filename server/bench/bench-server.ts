import 'reflect-metadata';
import type { Container } from '../src/app/container.js';
import { createSchema } from '../src/graphql/schema.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createSettlePubSub } from '../src/platform/events/invoice-events.js';
import { SettleMetrics } from '../src/platform/metrics/settle-metrics.js';
import type { Principal } from '../src/modules/auth/principal.js';
import type { Invoice } from '../src/modules/invoices/invoice.entity.js';
import type { InvoiceLine } from '../src/modules/invoices/invoice-line.entity.js';
import { benchSettle } from './bench-env.js';
import { answerParent, forkBenchServer, type BenchServer } from './bench-process.js';
import { startFloor } from './floor-page.js';

/**
 * Settle under test, in its own process (see bench-process.ts for why and how it talks to the parent):
 *  - `settle`: Settle itself (startSettle on the bench database).
 *  - `baseline`: the same schema and HTTP stack, services answered from in-memory arrays, no auth.
 *  - `floor`: the least any server backed by PostgreSQL can do for the bench's query (floor-page.ts).
 */
type Mode = 'settle' | 'baseline' | 'floor';

/** Forks a server process and resolves once it listens. */
export function startBenchServer(mode: Mode, databaseUrl: string, orgId: string): Promise<BenchServer> {
  return forkBenchServer(import.meta.filename, mode, { BENCH_DATABASE_URL: databaseUrl, BENCH_ORG_ID: orgId });
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
    auth: { resolve: async () => principal, principals: real.auth.principals },
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

async function serve(mode: Mode): Promise<void> {
  const settle = await benchSettle(process.env.BENCH_DATABASE_URL!);
  const baseline =
    mode === 'baseline'
      ? await startBaseline(settle.container, process.env.BENCH_ORG_ID!)
      : mode === 'floor'
        ? await startFloor(process.env.BENCH_DATABASE_URL!, process.env.BENCH_ORG_ID!)
        : null;
  answerParent(baseline?.url ?? settle.url, async () => {
    await baseline?.close();
    await settle.stop();
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await serve(process.argv[2] as Mode);
