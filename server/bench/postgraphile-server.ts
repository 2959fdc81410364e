import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { answerParent, forkBenchServer, type BenchServer } from './bench-process.js';

/**
 * PostGraphile 5 (amber preset, grafserv's node adapter) serving the bench org's invoices, for invoices-api to
 * set Settle beside a server that compiles each GraphQL request to SQL. Bench only: postgraphile is a
 * devDependency of the server package and ESLint keeps it out of server/src.
 *
 * It sees only what the `invoices` query reads: schema `postgraphile_bench` holds plain views over invoices,
 * invoice_lines and clients, each narrowed to the bench org (the org id is written into the view, so there is
 * no auth to do), with smart tags giving them primary keys and the foreign keys behind `client` and `lines`.
 * The views compute what Settle's resolvers compute: displayStatus (OVERDUE when an open invoice with a balance
 * is past due, UTC today) and the reported balanceDue (0 on a VOID invoice). No mutations are exposed.
 */
const POSTGRAPHILE_SCHEMA = 'postgraphile_bench';
const DROP_VIEWS = `DROP SCHEMA IF EXISTS ${POSTGRAPHILE_SCHEMA} CASCADE`;

/**
 * Settle's QUERY in PostGraphile's names: newest first like Settle's keyset page (created_at, then id), lines
 * in their order. `id` is PostGraphile's global Node id; the row's own id (what Settle calls id) is `rowId`.
 */
export const POSTGRAPHILE_QUERY = `query($first:Int!){allInvoices(first:$first,orderBy:[CREATED_AT_DESC,ROW_ID_DESC]){edges{cursor
  node{rowId number status displayStatus total balanceDue currency dueDate clientByClientId{rowId name}
  invoiceLinesByInvoiceId(orderBy:POSITION_ASC){nodes{description quantity unitPrice amount}}}} pageInfo{hasNextPage endCursor}}}`;

function viewsSql(org: string): string {
  const s = POSTGRAPHILE_SCHEMA;
  return `
    CREATE SCHEMA ${s};
    CREATE VIEW ${s}.clients AS SELECT id, name FROM public.clients WHERE org_id = ${org};
    CREATE VIEW ${s}.invoices AS
      SELECT id, client_id, number, status,
             CASE WHEN status IN ('SENT', 'PARTIALLY_PAID') AND balance_due > 0
                       AND due_date < (now() AT TIME ZONE 'UTC')::date THEN 'OVERDUE' ELSE status END AS display_status,
             total, CASE WHEN status = 'VOID' THEN 0 ELSE balance_due END AS balance_due, currency, due_date, created_at
        FROM public.invoices WHERE org_id = ${org};
    CREATE VIEW ${s}.invoice_lines AS
      SELECT id, invoice_id, position, description, quantity, unit_price, amount
        FROM public.invoice_lines WHERE org_id = ${org};
    COMMENT ON VIEW ${s}.clients IS '@primaryKey id';
    COMMENT ON VIEW ${s}.invoices IS E'@primaryKey id\\n@foreignKey (client_id) references ${s}.clients (id)';
    COMMENT ON VIEW ${s}.invoice_lines IS E'@primaryKey id\\n@foreignKey (invoice_id) references ${s}.invoices (id)';`;
}

/** Creates the views for `orgId`, forks the server, and resolves once it listens; `stop` also drops the views. */
export async function startPostGraphileServer(databaseUrl: string, orgId: string): Promise<BenchServer> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(viewsSql(db.escapeLiteral(orgId)));
    const server = await forkBenchServer(import.meta.filename, 'postgraphile', {
      BENCH_DATABASE_URL: databaseUrl,
      GRAPHILE_ENV: 'production', // what it defaults to, said so that it does not print advice at start
    });
    return {
      ...server,
      stop: async () => {
        try {
          await server.stop();
        } finally {
          await dropViews(databaseUrl);
        }
      },
    };
  } catch (err) {
    await db.query(DROP_VIEWS);
    throw err;
  } finally {
    await db.end();
  }
}

async function dropViews(databaseUrl: string) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(DROP_VIEWS);
  } finally {
    await db.end();
  }
}

type Answer = { data?: Record<string, unknown>; errors?: unknown[] };
type Line = { description: string; quantity: string; unitPrice: number | string; amount: number | string };
type Page<N> = { edges: Array<{ node: N }>; pageInfo: { hasNextPage: boolean } };
type SettleNode = Common & { id: string; client: { id: string; name: string }; lines: Line[] };
type PostGraphileNode = Common & {
  rowId: string;
  clientByClientId: { rowId: string; name: string };
  invoiceLinesByInvoiceId: { nodes: Line[] };
};
interface Common {
  number: string;
  status: string;
  displayStatus: string;
  total: number | string;
  balanceDue: number | string;
  currency: string;
  dueDate: string;
}

/**
 * An invoice as both answers can be compared: PostGraphile sends bigint columns as strings ("10000") and the
 * numeric quantity with its scale ("1.5000"); Settle sends numbers and "1.5".
 */
function comparable(inv: Common, id: string, client: { id: string; name: string }, lines: Line[]) {
  return JSON.stringify({
    id,
    number: inv.number,
    status: inv.status,
    displayStatus: inv.displayStatus,
    total: Number(inv.total),
    balanceDue: Number(inv.balanceDue),
    currency: inv.currency,
    dueDate: inv.dueDate,
    client,
    lines: lines.map((l) => [l.description, Number(l.quantity), Number(l.unitPrice), Number(l.amount)]),
  });
}

/**
 * Throws unless both answers carry the same invoices in the same order (ids, totals, line counts, and every
 * other field the query reads), so that the two servers are measured doing the same work. Returns how many.
 */
export function assertSameInvoices(settle: Answer, postgraphile: Answer): number {
  for (const [name, a] of [
    ['Settle', settle],
    ['PostGraphile', postgraphile],
  ] as const)
    if (a.errors?.length || !a.data) throw new Error(`${name} answered with errors: ${JSON.stringify(a.errors ?? a)}`);
  const ours = settle.data!.invoices as Page<SettleNode>;
  const theirs = postgraphile.data!.allInvoices as Page<PostGraphileNode>;
  const a = ours.edges.map(({ node: n }) => comparable(n, n.id, n.client, n.lines));
  const b = theirs.edges.map(({ node: n }) =>
    comparable(
      n,
      n.rowId,
      { id: n.clientByClientId.rowId, name: n.clientByClientId.name },
      n.invoiceLinesByInvoiceId.nodes,
    ),
  );
  const at = a.findIndex((x, i) => x !== b[i]);
  if (a.length === 0 || a.length !== b.length || at >= 0 || ours.pageInfo.hasNextPage !== theirs.pageInfo.hasNextPage)
    throw new Error(
      `PostGraphile does not answer the invoices Settle does: ${a.length} vs ${b.length} invoices, more pages ${ours.pageInfo.hasNextPage} vs ${theirs.pageInfo.hasNextPage}` +
        (at >= 0 ? `; #${at}: Settle ${a[at]}, PostGraphile ${b[at]}` : ''),
    );
  return a.length;
}

/** In the child: PostGraphile over the bench views on a free loopback port, until the parent says stop. */
async function serve(): Promise<void> {
  // PostGraphile 5 is written for Node 22; Node 20 lacks Promise.withResolvers (Grafast calls it).
  type Resolvers = { promise: Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  const P = Promise as unknown as { withResolvers?: () => Resolvers };
  P.withResolvers ??= () => {
    const r = {} as Resolvers;
    r.promise = new Promise((resolve, reject) => Object.assign(r, { resolve, reject }));
    return r;
  };
  // Loaded only here, after the polyfill: the parent never loads PostGraphile.
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const pgl = postgraphile({
    extends: [PostGraphileAmberPreset],
    // Read-only: the views are simple enough for PostgreSQL to update through, but the bench only reads.
    disablePlugins: ['PgMutationCreatePlugin', 'PgMutationUpdateDeletePlugin'],
    pgServices: [
      makePgService({
        connectionString: process.env.BENCH_DATABASE_URL!,
        schemas: [POSTGRAPHILE_SCHEMA],
        poolConfig: { max: 20 }, // Settle's pool size (dbPoolSize's default)
      }),
    ],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  });
  const http = createServer();
  const serv = pgl.createServ(grafserv);
  await serv.addTo(http);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  answerParent(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, async () => {
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
    await pgl.release();
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await serve();
