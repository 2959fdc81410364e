import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { builtOnce, type SelectedField, type SqlAnswer } from '../../graphql/sql-answers.js';
import { invoiceScopeFor } from '../../graphql/guards.js';
import { selectEntityColumns } from '../../platform/database/entity-rows.js';
import { keysetPlan, newestFirst, type KeysetPlan } from '../../platform/database/keyset-page.js';
import { preparedRows } from '../../platform/database/pg-pool.js';
import { isoText, jsonArray, jsonObject } from '../../platform/database/sql-json.js';
import { Invoice } from './invoice.entity.js';
import { invoiceJsonSql, type InvoiceJsonSql } from './invoice-json-sql.js';
import { applyScope } from './invoice-query.js';
import { orgTodaySql } from '../organizations/org-today.js';

/**
 * `invoices` answered by one statement that builds the connection as JSON (see graphql/sql-answers.ts):
 * the first page or a page `after` a cursor, with no filter, of plain columns, the derived balanceDue,
 * displayStatus and isOverdue (as invoice-status.ts derives them, for the same `today`), the client and
 * the lines. The rows are the ones `InvoiceService.list` reads: the same scope, the same keyset plan.
 */
export function invoicesSqlAnswer(db: DataSource, now: () => Date): SqlAnswer {
  const invoiceField = invoiceJsonSql(db);
  const statementFor = builtOnce<string, Built | null>(); // per page shape
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
        const shape = `${scope.clientId ? 'client' : ''}|${scope.issuedOnly ? 'issued' : ''}|${plan.size}|${plan.otherSide ? 'after' : ''}`;
        const statement = statementFor(selection, shape, () => build(db, invoiceField, selection, plan));
        sql = statement && { text: statement.text, values: statement.values(plan, scope.orgId, now()) };
      } catch {
        return null; // what the resolver refuses (a bad size or cursor) it also explains
      }
      if (!sql) return null;
      return preparedRows(db, sql.text, sql.values, { lookups: true }).then(([row]) => row!.body as string);
    },
  };
}

/** A statement for one selection and page shape, and how a request's plan gives its values. */
interface Built {
  text: string;
  values(plan: KeysetPlan<Invoice>, orgId: string, now: Date): unknown[];
}

function build(
  db: DataSource,
  invoiceField: InvoiceJsonSql,
  selection: SelectedField[],
  plan: KeysetPlan<Invoice>,
): Built | null {
  const driver = db.driver;
  const otherTemplate = plan.otherSide?.getQuery() ?? null;
  const valuesOf = (template: string | null, qb: SelectQueryBuilder<Invoice> | null) =>
    template && qb ? (driver.escapeQueryWithParameters(template, qb.getParameters())[1] as unknown[]) : [];
  // The statement numbers its parameters: the page's, then the other side's (shifted past them), then
  // today. How many the page has does not depend on the columns it reads (chosen once the answer is built).
  let count = driver.escapeQueryWithParameters(plan.read.getQuery(), plan.read.getParameters())[1].length;
  let other = 'false';
  if (otherTemplate) {
    const [otherSql, otherValues] = driver.escapeQueryWithParameters(otherTemplate, plan.otherSide!.getParameters());
    other = `EXISTS (${otherSql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + count}`)})`;
    count += otherValues.length;
  }
  // Today's date as the resolvers take it (the org's, at the container clock's instant), parameters only when
  // a field asks (PostgreSQL refuses unused ones).
  let todayParam = '';
  const today = () =>
    (todayParam ||= `(SELECT ${orgTodaySql(`$${count + 1}`, 'time_zone')} FROM organizations WHERE id = $${count + 2}::uuid)`);

  const node = (f: SelectedField) => jsonObject(f.selection, 'Invoice', (g) => invoiceField(g, 'k', today));
  const cursor = (k: string) => `(SELECT cursor FROM kept ORDER BY n ${k} LIMIT 1)`;
  const connection = jsonObject(selection, 'InvoiceConnection', (f) => {
    switch (f.name) {
      case 'nodes':
        return jsonArray(node(f), 'k.n', 'kept k');
      case 'edges': {
        const edge = jsonObject(f.selection, 'InvoiceEdge', (g) =>
          g.name === 'cursor' ? 'k.cursor' : g.name === 'node' ? node(g) : null,
        );
        return jsonArray(edge, 'k.n', 'kept k');
      }
      case 'pageInfo':
        return jsonObject(f.selection, 'PageInfo', (g) => {
          switch (g.name) {
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
  // The page reads the columns the answer names (`k."<property>"`) and the order's, no wider rows
  // (memo, notes) through the CTEs: a tenth of PostgreSQL's time for a page of 50.
  const named = new Set(['id', 'createdAt', ...[...connection.matchAll(/\bk\."?(\w+)/g)].map((m) => m[1]!)]);
  const readTemplate = selectEntityColumns(plan.read.clone(), (p) => named.has(p)).getQuery();
  const [readSql] = driver.escapeQueryWithParameters(readTemplate, plan.read.getParameters());
  const text = `WITH page AS (${readSql}),
    numbered AS (SELECT p.*, row_number() OVER (ORDER BY p."createdAt" DESC, p.id DESC) AS n FROM page p),
    kept AS (SELECT numbered.*, ${cursorSql('numbered')} AS cursor FROM numbered WHERE n <= ${plan.size})
    SELECT ${connection}::text AS body`;
  const usesToday = !!todayParam;
  return {
    text,
    values: (p, orgId, now) => [
      ...valuesOf(readTemplate, p.read),
      ...valuesOf(otherTemplate, p.otherSide),
      ...(usesToday ? [now.toISOString(), orgId] : []),
    ],
  };
}

/** keyset-page.ts's cursor (base64url of `["<createdAt ISO>","<id>"]`), built in SQL. */
function cursorSql(alias: string): string {
  return `replace(translate(encode(convert_to(format('["%s","%s"]', ${isoText(`${alias}."createdAt"`)}, ${alias}.id), 'UTF8'), 'base64'), '+/=', '-_'), E'\\n', '')`;
}
