import type { DataSource, EntityMetadata, SelectQueryBuilder } from 'typeorm';
import type { SelectedField, SqlAnswer } from '../../graphql/sql-answers.js';
import { invoiceScopeFor } from '../../graphql/guards.js';
import { selectEntityColumns } from '../../platform/database/entity-rows.js';
import { keysetPlan, newestFirst, type KeysetPlan } from '../../platform/database/keyset-page.js';
import { preparedRows } from '../../platform/database/pg-pool.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { applyScope } from './invoice-query.js';
import { todayUtc } from './invoice-status.js';

/** The plain columns each type answers from PostgreSQL (every other field runs through its resolvers). */
const INVOICE_COLUMNS = [
  'id',
  'clientId',
  'number',
  'currency',
  'status',
  'issueDate',
  'dueDate',
  'periodStart',
  'periodEnd',
  'memo',
  'subtotal',
  'taxTotal',
  'total',
  'amountPaid',
  'amountCredited',
  'finalizedAt',
  'sentAt',
  'paidAt',
  'voidedAt',
  'uncollectibleAt',
  'disputed',
  'createdAt',
  'updatedAt',
];
const CLIENT_COLUMNS = ['id', 'name', 'billingEmail', 'currency', 'archivedAt', 'createdAt'];
const LINE_COLUMNS = [
  'id',
  'position',
  'kind',
  'description',
  'serviceId',
  'quantity',
  'unitPrice',
  'discount',
  'taxRateBps',
  'amount',
  'taxAmount',
];
const OPEN = `('SENT', 'PARTIALLY_PAID')`;

/**
 * `invoices` answered by one statement that builds the connection as JSON (see graphql/sql-answers.ts):
 * the first page or a page `after` a cursor, with no filter, of plain columns, the derived balanceDue,
 * displayStatus and isOverdue (as invoice-status.ts derives them, for the same `today`), the client and
 * the lines. The rows are the ones `InvoiceService.list` reads: the same scope, the same keyset plan.
 */
export function invoicesSqlAnswer(db: DataSource): SqlAnswer {
  const columns = {
    invoice: columnKinds(db.getMetadata(Invoice), INVOICE_COLUMNS),
    client: columnKinds(db.getMetadata(Client), CLIENT_COLUMNS),
    line: columnKinds(db.getMetadata(InvoiceLine), LINE_COLUMNS),
  };
  // Built once per selection (one per parsed document) and page shape; a request only fills in its values.
  const built = new WeakMap<SelectedField[], Map<string, Built | null>>();
  return {
    field: 'invoices',
    answer: ({ args, selection, principal }) => {
      if (args.last != null || args.before != null || args.filter != null) return null;
      let sql: { text: string; values: unknown[] } | null;
      try {
        const scope = invoiceScopeFor(principal);
        const qb = db.getRepository(Invoice).createQueryBuilder('i');
        applyScope(qb, scope);
        const plan = keysetPlan(qb, newestFirst(), args, { orgId: scope.orgId, max: 200, fallback: 25 });
        const shape = `${scope.clientId ? 'client' : ''}|${scope.finalizedOnly ? 'final' : ''}|${plan.size}|${plan.otherSide ? 'after' : ''}`;
        let byShape = built.get(selection);
        if (!byShape) built.set(selection, (byShape = new Map()));
        if (!byShape.has(shape)) byShape.set(shape, build(db, columns, selection, plan));
        const statement = byShape.get(shape)!;
        sql = statement && { text: statement.text, values: statement.values(plan) };
      } catch {
        return null; // what the resolver refuses (a bad size or cursor) it also explains
      }
      if (!sql) return null;
      return preparedRows(db, sql.text, sql.values).then(([row]) => row!.body as string);
    },
  };
}

/** A statement for one selection and page shape, and how a request's plan gives its values. */
interface Built {
  text: string;
  values(plan: KeysetPlan<Invoice>): unknown[];
}

type Columns = Map<string, { sql: (alias: string) => string }>;

function build(
  db: DataSource,
  columns: { invoice: Columns; client: Columns; line: Columns },
  selection: SelectedField[],
  plan: KeysetPlan<Invoice>,
): Built | null {
  const driver = db.driver;
  const readTemplate = selectEntityColumns(plan.read.clone()).getQuery();
  const otherTemplate = plan.otherSide?.getQuery() ?? null;
  const valuesOf = (template: string | null, qb: SelectQueryBuilder<Invoice> | null) =>
    template && qb ? (driver.escapeQueryWithParameters(template, qb.getParameters())[1] as unknown[]) : [];
  // The statement numbers its parameters: the page's, then the other side's (shifted past them), then today.
  const [readSql, readValues] = driver.escapeQueryWithParameters(readTemplate, plan.read.getParameters());
  let count = readValues.length;
  let other = 'false';
  if (otherTemplate) {
    const [otherSql, otherValues] = driver.escapeQueryWithParameters(otherTemplate, plan.otherSide!.getParameters());
    other = `EXISTS (${otherSql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + count}`)})`;
    count += otherValues.length;
  }
  // Today's date as the resolvers take it, a parameter only when a field asks (PostgreSQL refuses unused ones).
  let todayParam = '';
  const today = () => (todayParam ||= `$${count + 1}::date`);

  const property = (alias: string, name: string) => columns.invoice.get(name)?.sql(alias);
  const invoiceField = (f: SelectedField, k: string): string | null => {
    switch (f.name) {
      case '__typename':
        return `'Invoice'`;
      case 'balanceDue':
        return `CASE WHEN ${k}.status = 'VOID' THEN 0 ELSE ${k}."balanceDue" END`;
      case 'isOverdue':
      case 'displayStatus': {
        const overdue = `(${k}.status IN ${OPEN} AND ${k}."balanceDue" > 0 AND ${k}."dueDate" < ${today()})`;
        return f.name === 'isOverdue' ? overdue : `CASE WHEN ${overdue} THEN 'OVERDUE' ELSE ${k}.status END`;
      }
      case 'client': {
        const fields = object(f.selection, (g) =>
          g.name === '__typename' ? `'Client'` : columns.client.get(g.name)?.sql('c'),
        );
        return fields && `(SELECT ${fields} FROM clients c WHERE c.id = ${k}."clientId" AND c.org_id = ${k}."orgId")`;
      }
      case 'lines': {
        const fields = object(f.selection, (g) =>
          g.name === '__typename' ? `'InvoiceLine'` : columns.line.get(g.name)?.sql('l'),
        );
        return (
          fields &&
          array(`SELECT ${fields} AS item, l.position AS n FROM invoice_lines l
             WHERE l.invoice_id = ${k}.id AND l.org_id = ${k}."orgId"`)
        );
      }
      default:
        return property(k, f.name) ?? null;
    }
  };
  const node = (f: SelectedField) => object(f.selection, (g) => invoiceField(g, 'k'));
  const cursor = (k: string) => `(SELECT cursor FROM kept ORDER BY n ${k} LIMIT 1)`;
  const connection = object(selection, (f) => {
    switch (f.name) {
      case '__typename':
        return `'InvoiceConnection'`;
      case 'nodes': {
        const n = node(f);
        return n && array(`SELECT ${n} AS item, k.n FROM kept k`);
      }
      case 'edges': {
        const edge = object(f.selection, (g) =>
          g.name === '__typename'
            ? `'InvoiceEdge'`
            : g.name === 'cursor'
              ? 'k.cursor'
              : g.name === 'node'
                ? node(g)
                : null,
        );
        return edge && array(`SELECT ${edge} AS item, k.n FROM kept k`);
      }
      case 'pageInfo':
        return object(f.selection, (g) => {
          switch (g.name) {
            case '__typename':
              return `'PageInfo'`;
            case 'hasNextPage':
              return `(SELECT count(*) > ${plan.size} FROM numbered)`;
            case 'hasPreviousPage':
              return other;
            case 'startCursor':
              return cursor('ASC');
            case 'endCursor':
              return cursor('DESC');
            default:
              return null;
          }
        });
      default:
        return null; // totalCount and anything new: the resolvers
    }
  });
  if (!connection) return null;
  const text = `WITH page AS (${readSql}),
    numbered AS (SELECT p.*, row_number() OVER (ORDER BY p."createdAt" DESC, p.id DESC) AS n FROM page p),
    kept AS (SELECT numbered.*, ${cursorSql('numbered')} AS cursor FROM numbered WHERE n <= ${plan.size})
    SELECT ${connection}::text AS body`;
  const usesToday = !!todayParam;
  return {
    text,
    values: (p) => [
      ...valuesOf(readTemplate, p.read),
      ...valuesOf(otherTemplate, p.otherSide),
      ...(usesToday ? [todayUtc()] : []),
    ],
  };
}

/**
 * A JSON object of the selected keys in their order, or null when one of them has no SQL (the query then
 * runs as usual). `row_to_json` writes compact JSON, the bytes JSON.stringify writes (json_build_object
 * and json_agg add spaces), so the answer goes out as PostgreSQL wrote it.
 */
function object(selection: SelectedField[], sqlOf: (f: SelectedField) => string | null | undefined): string | null {
  if (!selection.length) return null;
  const columns: string[] = [];
  for (const f of selection) {
    const sql = sqlOf(f);
    if (!sql) return null;
    columns.push(`${sql} AS "${f.key}"`); // keys are GraphQL names (sql-answers.ts checks them)
  }
  return `(SELECT row_to_json(o) FROM (SELECT ${columns.join(', ')}) o)`;
}

/** A JSON array of the `item`s of `rows` in the order of their `n`, compact like `object`. */
function array(rows: string): string {
  return `coalesce((SELECT '[' || string_agg(r.item::text, ',' ORDER BY r.n) || ']' FROM (${rows}) r), '[]')::json`;
}

/** keyset-page.ts's cursor (base64url of `["<createdAt ISO>","<id>"]`), built in SQL. */
function cursorSql(alias: string): string {
  return `replace(translate(encode(convert_to(format('["%s","%s"]', ${iso(`${alias}."createdAt"`)}, ${alias}.id), 'UTF8'), 'base64'), '+/=', '-_'), E'\\n', '')`;
}

/** A timestamp as JavaScript's toISOString writes it (what the DateTimeISO scalar answers). */
const iso = (sql: string) => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * How each listed property reads as the API answers it: timestamps as ISO text, decimals without trailing
 * zeros (the Decimal scalar), the rest as PostgreSQL's JSON writes them. The invoice's own columns are read
 * by property name from the page; its client's and lines' by column name from their tables.
 */
function columnKinds(meta: EntityMetadata, properties: string[]): Columns {
  const out: Columns = new Map();
  for (const p of properties) {
    const c = meta.findColumnWithPropertyName(p);
    if (!c) throw new Error(`${meta.name} has no column ${p}`);
    const name = meta.target === Invoice ? p : c.databaseName;
    const type = String(typeof c.type === 'function' ? c.type.name : c.type);
    out.set(p, {
      sql: (alias) => {
        const col = `${alias}."${name}"`;
        if (type === 'timestamptz' || type === 'timestamp' || type === 'Date') return iso(col);
        if (type === 'numeric') return `trim_scale(${col})::text`;
        return col;
      },
    });
  }
  return out;
}
