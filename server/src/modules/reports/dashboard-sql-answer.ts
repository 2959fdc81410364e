import type { DataSource } from 'typeorm';
import { builtOnce, type SelectedField, type SqlAnswer } from '../../graphql/sql-answers.js';
import { preparedRows } from '../../platform/database/pg-pool.js';
import { jsonArray, jsonObject } from '../../platform/database/sql-json.js';
import { invoiceJsonSql, type InvoiceJsonSql } from '../invoices/invoice-json-sql.js';
import { orgTodaySql } from '../organizations/org-today.js';
import { overdueLimitOf, overdueQuery } from './dashboard.service.js';

const SUMMARY_FIELDS = new Set(['currency', 'outstanding', 'writtenOff', 'collectedThisMonth']);
/** The aging buckets of ar-aging.ts as days past due (`late`): not yet due, 1-30, 31-60, 61-90, over 90. */
const AGING: Record<string, string> = {
  current: 'late <= 0',
  days1to30: 'late BETWEEN 1 AND 30',
  days31to60: 'late BETWEEN 31 AND 60',
  days61to90: 'late BETWEEN 61 AND 90',
  days90plus: 'late > 90',
};

/**
 * `dashboard` answered by one statement that builds it as JSON (see graphql/sql-answers.ts): the
 * per-currency summary as DashboardService.summary adds it up (outstanding and aged: SENT and PARTIALLY_PAID;
 * written off: UNCOLLECTIBLE; collected: payments received this month) and the overdue list through the
 * service's own query, its invoices as the `invoices` answer writes them.
 */
export function dashboardSqlAnswer(db: DataSource, now: () => Date): SqlAnswer {
  const invoiceField = invoiceJsonSql(db);
  const statementFor = builtOnce<number, string | null>(); // per overdue limit; a request fills in its org and day
  return {
    field: 'dashboard',
    answer: ({ args, selection, principal }) => {
      if (principal.kind === 'portal') return null; // the resolver refuses it
      const limit = overdueLimitOf(Number(args.overdueLimit));
      const text = statementFor(selection, limit, () => build(db, invoiceField, selection, limit));
      if (!text) return null;
      return preparedRows(db, text, [principal.orgId, now().toISOString()]).then(([row]) => row!.body as string);
    },
  };
}

/** Today on the org's wall, as the statement's `day` CTE reads it (from $1, the org, and $2, the instant). */
const TODAY = '(SELECT today FROM day)';

function build(db: DataSource, invoiceField: InvoiceJsonSql, selection: SelectedField[], limit: number): string | null {
  const [overdueSql, overdueValues] = overdueQuery(db, '$org', '$today', limit).getQueryAndParameters();
  if (overdueValues[0] !== '$org' || overdueValues[1] !== '$today')
    throw new Error('overdueQuery changed its parameters');
  const summary = (f: SelectedField) =>
    jsonObject(f.selection, 'CurrencySummaryView', (g) => {
      if (SUMMARY_FIELDS.has(g.name)) return `x."${g.name}"`;
      if (g.name !== 'aging') return null;
      return jsonObject(g.selection, 'ArAging', (h) => AGING[h.name] && `x."${h.name}"`);
    });
  const body = jsonObject(selection, 'Dashboard', (f) => {
    switch (f.name) {
      case 'currencies':
        return jsonArray(summary(f), 'x.n', 'currencies x');
      case 'overdue':
        return jsonArray(
          jsonObject(f.selection, 'Invoice', (g) => invoiceField(g, 'k', () => TODAY)),
          'k.n',
          'overdue k',
        );
      default:
        return null;
    }
  });
  if (!body) return null;
  const sum = (where: string) => `coalesce(sum(balance) FILTER (WHERE ${where}), 0)::bigint`;
  // $2 is the instant (the container's clock); "today" is its date on the org's wall, read in this statement.
  return `WITH day AS (SELECT ${orgTodaySql('$2', 'time_zone')} AS today FROM organizations WHERE id = $1),
    open AS (
      SELECT currency, (${TODAY} - due_date) AS late, balance_due AS balance, status FROM invoices
       WHERE org_id = $1 AND status IN ('SENT', 'PARTIALLY_PAID', 'UNCOLLECTIBLE') AND balance_due > 0),
    collected AS (
      SELECT currency, sum(amount)::bigint AS amount FROM payments
       WHERE org_id = $1 AND received_on >= date_trunc('month', ${TODAY}) AND received_on <= ${TODAY}
       GROUP BY currency),
    summed AS (
      SELECT currency, ${sum(`status <> 'UNCOLLECTIBLE'`)} AS outstanding, ${sum(`status = 'UNCOLLECTIBLE'`)} AS "writtenOff",
        ${Object.entries(AGING)
          .map(([bucket, late]) => `${sum(`status <> 'UNCOLLECTIBLE' AND ${late}`)} AS "${bucket}"`)
          .join(', ')}
       FROM open GROUP BY currency),
    totals AS (
      SELECT coalesce(s.currency, c.currency) AS currency, coalesce(s.outstanding, 0) AS outstanding,
        coalesce(s."writtenOff", 0) AS "writtenOff", coalesce(c.amount, 0) AS "collectedThisMonth",
        ${Object.keys(AGING)
          .map((bucket) => `coalesce(s."${bucket}", 0) AS "${bucket}"`)
          .join(', ')}
       FROM summed s FULL JOIN collected c ON c.currency = s.currency),
    currencies AS (
      SELECT t.*, row_number() OVER (ORDER BY t.outstanding DESC, t.currency COLLATE "C") AS n FROM totals t),
    overdue AS (SELECT o.*, row_number() OVER (ORDER BY o."dueDate", o.id) AS n FROM (${overdueSql.replace(/\$2(?!\d)/g, TODAY)}) o)
    SELECT ${body}::text AS body`;
}
