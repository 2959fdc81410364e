import { describe, expect, it, vi } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import type { Finding } from './reconciliation-findings.js';
import { reconciliationOf } from './reconciliation.integration.js';
import { race } from '../../../test/lock-races.js';

/**
 * A run stored while payments of the invoices it names are settled. Each discrepancy row holds its
 * invoice's key (the foreign key) until the run commits; settling a batch locks its invoices in id
 * order. The rows used to be written in the order the checks found them, so the two took the invoices
 * in opposite orders and deadlocked: the run (or the payments) failed. The invoice named first is held
 * so the two meet at a known point.
 */
const s = settleForFile({ worker: false });

const finding = (invoice: { id: string; number: string; currency: string }): Finding => ({
  key: `MISSING_IN_QUICKBOOKS:${invoice.id}`,
  type: 'MISSING_IN_QUICKBOOKS',
  systems: ['SETTLE', 'QUICKBOOKS'],
  invoiceId: invoice.id,
  invoiceNumber: invoice.number,
  subject: `Invoice ${invoice.number}`,
  subjectId: invoice.id,
  currency: invoice.currency,
  settleAmount: 100,
  stripeAmount: null,
  quickBooksAmount: null,
  detail: 'Not in QuickBooks',
  suggestedFix: 'Push it again',
  fix: null,
  fixData: {},
});

describe('a reconciliation run stored while payments of its invoices are settled', () => {
  it('both finish: the run with its discrepancies, the payments recorded', async () => {
    const { org } = await createOrgWithOwner(s);
    const f = await billingFixture(s.container, org.id);
    // The checks name the invoice with the higher id first (the order a check lists them in is its own).
    const [low, high] = [await f.sentInvoice(60), await f.sentInvoice(30)].sort((a, b) => (a.id < b.id ? -1 : 1));
    const recon = reconciliationOf(s.container);
    const compare = recon.compare.bind(recon);
    vi.spyOn(recon, 'compare').mockImplementation(async (orgId, period) => ({
      ...(await compare(orgId, period)),
      findings: [finding(high!), finding(low!)],
    }));
    const pay = (invoiceId: string, n: number) => ({
      orgId: org.id,
      actor: SYSTEM_ACTOR,
      input: {
        invoiceId,
        amount: 100,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
        externalId: `chk-race-${n}`,
      },
    });
    const [run, paid] = await race(
      s.container.db,
      { sql: `SELECT id FROM invoices WHERE id = $1 FOR UPDATE`, params: [high!.id] },
      () => recon.run(org.id, { from: '2026-11-01', to: '2026-12-31' }, 'MANUAL'),
      () =>
        s.container.db.transaction((tx) =>
          s.container.settlement.settleBatchIn(tx, [pay(low!.id, 1), pay(high!.id, 2)]),
        ),
    ).finally(() => vi.restoreAllMocks());
    expect(run.error).toBeUndefined();
    expect(run.value!.discrepancyCount).toBe(2);
    expect(paid.error).toBeUndefined();
    const [{ n }] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM payments WHERE org_id = $1 AND external_id LIKE 'chk-race-%'`,
      [org.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(2);
  });
});
