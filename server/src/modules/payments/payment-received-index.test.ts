import { describe, expect, it } from 'vitest';
import type { SelectQueryBuilder } from 'typeorm';
import type { Payment } from './payment.entity.js';
import { payByCheck } from '../../../test/fixtures.js';
import { billedOrgForFile, settleForFile } from '../../../test/for-file.js';

const s = settleForFile({ worker: false });
const mine = billedOrgForFile(s, 'Received Index Org');
const other = billedOrgForFile(s, 'Received Index Other Org');

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

/**
 * PostgreSQL's plan of a page read, as the server runs it: once with the page's own values (custom plan)
 * and once as the prepared statement it becomes after a few runs (generic plan).
 */
async function plansOf(read: SelectQueryBuilder<Payment>): Promise<PlanNode[][]> {
  const [sql, params] = read.getQueryAndParameters();
  const runner = s.container.db.createQueryRunner();
  try {
    await runner.startTransaction();
    const plans: PlanNode[][] = [];
    for (const mode of ['force_custom_plan', 'force_generic_plan']) {
      await runner.query(`SET LOCAL plan_cache_mode = ${mode}`);
      const [row] = (await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)) as Array<{
        'QUERY PLAN': Array<{ Plan: PlanNode }>;
      }>;
      plans.push(nodesOf(row!['QUERY PLAN'][0]!.Plan));
    }
    return plans;
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

/**
 * The admin Payments list newest received first (`payments(orderBy: RECEIVED_NEWEST)`) reads each page from
 * the index on (org_id, received_on DESC, created_at DESC, id DESC): no sort of all the org's rows, with a
 * range of received dates, past a cursor, and with other orgs' rows in the table.
 */
describe('payments newest received first: served by an index', () => {
  it('reads a page, a date range and the page past a cursor as an index range, with no sort', async () => {
    const orgId = mine.a.org.id;
    const inv = await mine.f.sentInvoice(60);
    await payByCheck(s.container, orgId, inv.id, 100, { receivedOn: '2026-11-12' });
    // A long history in this org and in others: 30,000 rows over 3 years, recorded out of received order.
    await s.container.db.query(
      `INSERT INTO payments (org_id, invoice_id, client_id, kind, amount, currency, source, method, received_on, actor_type, created_at)
       SELECT p.org_id, p.invoice_id, p.client_id, 'PAYMENT', 100 + g, p.currency, 'MANUAL', 'CHECK',
              date '2024-01-01' + (g * 7919) % 1096, 'SYSTEM', now() - g * interval '1 minute'
         FROM payments p, generate_series(1, 20000) g WHERE p.invoice_id = $1`,
      [inv.id],
    );
    const otherInv = await other.f.sentInvoice(60);
    await payByCheck(s.container, other.a.org.id, otherInv.id, 100);
    await s.container.db.query(
      `INSERT INTO payments (org_id, invoice_id, client_id, kind, amount, currency, source, method, received_on, actor_type)
       SELECT p.org_id, p.invoice_id, p.client_id, 'PAYMENT', 100 + g, p.currency, 'MANUAL', 'CHECK', date '2024-01-01' + g % 1096, 'SYSTEM'
         FROM payments p, generate_series(1, 10000) g WHERE p.invoice_id = $1`,
      [otherInv.id],
    );
    await s.container.db.query('ANALYZE payments');

    const payments = s.container.payments;
    const first = await payments.list(orgId, {}, { first: 50 }, 'RECEIVED_NEWEST');
    expect(first.nodes).toHaveLength(50);
    const reads = [
      payments.listPlan(orgId, {}, { first: 50 }, 'RECEIVED_NEWEST').read,
      payments.listPlan(orgId, { received: { from: '2025-06-01', to: '2025-06-30' } }, { first: 50 }, 'RECEIVED_NEWEST')
        .read,
      payments.listPlan(orgId, {}, { first: 50, after: first.cursors.at(-1) }, 'RECEIVED_NEWEST').read,
      payments.listPlan(orgId, {}, { last: 50, before: first.cursors.at(-1) }, 'RECEIVED_NEWEST').read,
    ];
    for (const read of reads)
      for (const plan of await plansOf(read)) {
        const types = plan.map((n) => n['Node Type']);
        expect(types).not.toContain('Sort');
        expect(types).not.toContain('Incremental Sort');
        expect(plan.filter((n) => n['Index Name'] === 'payments_received_idx').length).toBeGreaterThan(0);
      }
  });
});
