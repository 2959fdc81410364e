import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { LOOKUP_SETTINGS } from '../src/platform/database/pg-pool.js';

/**
 * The floor under any server that answers the invoices-api bench's query from PostgreSQL: one named
 * prepared statement builds the whole GraphQL answer as JSON text in the database (the page of 50, read
 * with only the columns the answer needs, each invoice's client and lines, the cursors, pageInfo) with
 * row_to_json, PostgreSQL's cheapest JSON builder (it writes compact JSON; json_build_object resolves its
 * arguments' types on every call; arrays with array_to_json, which writes their items as they are), and
 * the HTTP server writes that text out untouched: no auth, no GraphQL parsing or execution, no row parsing
 * in Node. Settle, PostGraphile or anything else doing this query over HTTP against PostgreSQL does at
 * least this much work; the bench checks that the answer equals Settle's before it measures. Fixed to the
 * bench's query (`first: 50`).
 */
const PAGE_SQL = `
WITH page AS (
  SELECT i.*, row_number() OVER (ORDER BY i.created_at DESC, i.id DESC) AS n
    FROM (SELECT id, number, status, total, balance_due, currency, due_date, client_id, created_at
            FROM invoices WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 + 1) i
), kept AS (
  SELECT p.*, replace(translate(encode(convert_to(format('["%s","%s"]',
           to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), p.id), 'UTF8'), 'base64'),
           '+/=', '-_'), E'\\n', '') AS cursor
    FROM page p WHERE p.n <= $2
)
SELECT (SELECT row_to_json(d) FROM (SELECT (SELECT row_to_json(v) FROM (SELECT (SELECT row_to_json(c) FROM (SELECT
  coalesce((SELECT array_to_json(array_agg(e ORDER BY n)) FROM (
    SELECT k.n, (SELECT row_to_json(x) FROM (SELECT k.cursor AS cursor, (SELECT row_to_json(o) FROM (SELECT
      k.id AS id, k.number AS number, k.status AS status,
      CASE WHEN k.status IN ('SENT', 'PARTIALLY_PAID') AND k.balance_due > 0
           AND k.due_date < (now() AT TIME ZONE 'UTC')::date THEN 'OVERDUE' ELSE k.status END AS "displayStatus",
      k.total AS total, CASE WHEN k.status = 'VOID' THEN 0 ELSE k.balance_due END AS "balanceDue",
      k.currency AS currency, k.due_date AS "dueDate",
      (SELECT row_to_json(cl) FROM (SELECT c.id AS id, c.name AS name FROM clients c WHERE c.id = k.client_id) cl) AS client,
      coalesce((SELECT array_to_json(array_agg(li ORDER BY pos)) FROM (
        SELECT l.position AS pos, (SELECT row_to_json(lo) FROM (SELECT l.description AS description,
          trim_scale(l.quantity)::text AS quantity, l.unit_price AS "unitPrice", l.amount AS amount) lo) AS li
        FROM invoice_lines l WHERE l.invoice_id = k.id) ls), '[]'::json) AS lines) o) AS node) x) AS e
    FROM kept k) es), '[]'::json) AS edges,
  (SELECT row_to_json(pi) FROM (SELECT (SELECT count(*) > $2 FROM page) AS "hasNextPage",
     (SELECT cursor FROM kept ORDER BY n DESC LIMIT 1) AS "endCursor") pi) AS "pageInfo") c) AS invoices) v) AS data) d)::text AS body`;

export async function startFloor(databaseUrl: string, orgId: string) {
  // Planned as Settle's lookup pool plans its answers (pg-pool.ts): the least includes the cheaper plan.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, options: LOOKUP_SETTINGS });
  pool.on('error', () => undefined);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      pool.query<{ body: string }>({ name: 'floor_page', text: PAGE_SQL, values: [orgId, 50] }).then(
        (r) => {
          const body = r.rows[0]!.body;
          res
            .writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
            .end(body);
        },
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.close();
      await pool.end();
    },
  };
}
