import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { reconciliationOf } from './reconciliation.integration.js';
import { race } from '../../../test/lock-races.js';

/**
 * Two re-checks at once, of runs that found the same discrepancies (the nightly run overlaps itself;
 * each fix queues its run's re-check). Each confirms its own rows fixed, then the other runs' rows of
 * the same keys: they used to take those rows in opposite orders and deadlock, failing one re-check job.
 * A third run's row, met first by both, is held so the two meet at a known point.
 */
const s = settleForFile({ worker: false });

/** A stored run of an empty period, its discrepancies OPEN under `keys` (all since put right: a re-check finds none). */
async function storedRun(orgId: string, id: string, keys: string[]) {
  await s.container.db.query(
    `INSERT INTO reconciliation_runs (id, org_id, period_from, period_to, trigger, invoice_count, money_count,
       discrepancy_count, stripe_calls, quickbooks_calls, systems, duration_ms)
     VALUES ($1, $2, '2026-10-01', '2026-10-31', 'MANUAL', 0, 0, $3, 0, 0, '{SETTLE}', 1)`,
    [id, orgId, keys.length],
  );
  for (const key of keys)
    await s.container.db.query(
      `INSERT INTO reconciliation_discrepancies (org_id, run_id, key, type, systems, subject, subject_id, currency,
         detail, suggested_fix)
       VALUES ($1, $2, $3, 'FEE_MISSING', '{SETTLE}', $3, $3, 'USD', 'A fee is missing', 'Push it again')`,
      [orgId, id, key],
    );
}

describe('re-checking two runs that found the same discrepancies, at once', () => {
  it('both finish, and every row of every run is FIXED', async () => {
    const { org } = await createOrgWithOwner(s);
    // The third run is written first and has the lowest id: both re-checks meet its row first.
    const [third, a, b] = [randomUUID(), randomUUID(), randomUUID()].sort();
    await storedRun(org.id, third!, ['fee:1']);
    await storedRun(org.id, a!, ['fee:1', 'fee:2']);
    await storedRun(org.id, b!, ['fee:1', 'fee:2']);
    const recon = reconciliationOf(s.container);
    const [first, second] = await race(
      s.container.db,
      { sql: `SELECT id FROM reconciliation_discrepancies WHERE run_id = $1 FOR UPDATE`, params: [third] },
      () => recon.recheck(org.id, a!),
      () => recon.recheck(org.id, b!),
    );
    expect(first).toEqual({ value: 0 });
    expect(second).toEqual({ value: 0 });
    const rows = (await s.container.db.query(
      `SELECT DISTINCT status FROM reconciliation_discrepancies WHERE org_id = $1`,
      [org.id],
    )) as Array<{ status: string }>;
    expect(rows).toEqual([{ status: 'FIXED' }]);
  });
});
