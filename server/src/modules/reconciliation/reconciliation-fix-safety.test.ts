import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { qbEntities } from '../quickbooks/quickbooks.test-support.js';
import { sentEverywhere } from '../stripe/payment-artifacts.test-support.js';
import { OpKind, enqueueNewVersion } from '../quickbooks/quickbooks-ledger.js';
import { reconciliationScheduleOf } from './reconciliation.integration.js';
import * as r from './reconciliation.test-support.js';

// A discrepancy is a row in every run that found it: fixing it from one run must never push again what
// another fix (or the sync) already put back in QuickBooks; and a run costs one bounded read at a time.
const w = forFile(r.startBothWorld, 'Settle, Stripe and QuickBooks');

const live = async (type: string, note: string) =>
  (await qbEntities(w.qbEmu, type)).filter((p: any) => !p.__deleted && JSON.stringify(p).includes(note));

async function checkPayment(o: r.Org) {
  const qb = await r.inQuickBooks(w);
  const sent = await sentEverywhere(w, o);
  const rp = await w.settle.gql(
    `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { payment { id } } }`,
    { i: { invoiceId: sent.invoice.id, amount: 4000, method: 'CHECK', reference: 'chk-1' } },
    o.token,
  );
  expect(rp.errors).toBeUndefined();
  const paymentId = rp.data.recordPayment.payment.id as string;
  await r.quickBooksCaughtUp(w, o);
  await qb.deletePayment(await r.qbLink(w, o.org.id, 'PAYMENT', paymentId));
  return { sent, paymentId };
}

describe('reconciliation: a discrepancy fixed once is not pushed again', () => {
  it('a fee fixed from one run is FIXED in the other run too, and its Fix pushes nothing', async () => {
    const o = await r.reconciledOrg(w);
    const qb = await r.inQuickBooks(w);
    const paid = await r.paidByCard(w, o);
    const p = (await w.settle.container.payments.byInvoices(o.org.id, [paid.invoice.id]))[0]!;
    const feeId = await r.qbLink(w, o.org.id, 'STRIPE_FEE', p.externalId!);
    const before = (await qbEntities(w.qbEmu, 'Purchase')).filter((x: any) => !x.__deleted).length;
    await qb.deletePurchase(feeId);
    const runA = await r.runReconciliation(w, o, paid.invoice.issueDate);
    const runB = await r.runReconciliation(w, o, paid.invoice.issueDate);
    const dA = runA.discrepancies.find((d) => d.type === 'FEE_MISSING')!;
    const dB = runB.discrepancies.find((d) => d.type === 'FEE_MISSING')!;
    expect((await r.fixDiscrepancy(w, o.token, dA.id)).errors).toBeUndefined();
    await r.recheckAfterFixes(w, o, runA.id);
    expect((await r.discrepancyStatuses(w, o, runB.id)).map((d) => d.status)).toEqual(['FIXED']);
    const fixB = await r.fixDiscrepancy(w, o.token, dB.id);
    expect(fixB.data.fixReconciliationDiscrepancy.status).toBe('FIXED');
    await r.quickBooksCaughtUp(w, o);
    // The expense deleted, booked again by the first fix: as many as before, not one more.
    expect((await qbEntities(w.qbEmu, 'Purchase')).filter((x: any) => !x.__deleted)).toHaveLength(before);
  }, 120_000);

  it('a fix under way in one run refuses the same fix from another run (CONFLICT, nothing queued)', async () => {
    const o = await r.reconciledOrg(w);
    const { sent, paymentId } = await checkPayment(o);
    const runA = await r.runReconciliation(w, o, sent.invoice.issueDate);
    const runB = await r.runReconciliation(w, o, sent.invoice.issueDate);
    const dA = runA.discrepancies.find((d) => d.type === 'MISSING_PAYMENT_IN_QUICKBOOKS')!;
    const dB = runB.discrepancies.find((d) => d.type === 'MISSING_PAYMENT_IN_QUICKBOOKS')!;
    expect((await r.fixDiscrepancy(w, o.token, dA.id)).errors).toBeUndefined();
    const fixB = await r.fixDiscrepancy(w, o.token, dB.id);
    expect(fixB.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await r.quickBooksCaughtUp(w, o);
    expect(await live('Payment', paymentId)).toHaveLength(1);
  }, 120_000);

  it('a payment back in QuickBooks by another route (the sync retried) is found there: Fix marks it FIXED, pushes nothing', async () => {
    const o = await r.reconciledOrg(w);
    const { sent, paymentId } = await checkPayment(o);
    const run = await r.runReconciliation(w, o, sent.invoice.issueDate);
    const d = run.discrepancies.find((x) => x.type === 'MISSING_PAYMENT_IN_QUICKBOOKS')!;
    // The sync pushes it again on its own (a new generation, as a retry of a lost entity does).
    await w.settle.container.db.transaction(async (tx) => {
      await tx.query(`DELETE FROM qbo_links WHERE org_id = $1 AND settle_type = 'PAYMENT' AND settle_id = $2`, [
        o.org.id,
        paymentId,
      ]);
      await enqueueNewVersion(tx, o.org.id, OpKind.PUSH_PAYMENT, paymentId, (version) => ({ generation: version }));
    });
    await r.quickBooksCaughtUp(w, o);
    expect(await live('Payment', paymentId)).toHaveLength(1);
    const fixed = await r.fixDiscrepancy(w, o.token, d.id);
    expect(fixed.errors).toBeUndefined();
    expect(fixed.data.fixReconciliationDiscrepancy).toMatchObject({ status: 'FIXED' });
    expect(fixed.data.fixReconciliationDiscrepancy.fixResult).toMatch(/Found in QuickBooks/);
    await r.quickBooksCaughtUp(w, o);
    expect(await live('Payment', paymentId)).toHaveLength(1);
  }, 120_000);
});

describe('reconciliation: what a run costs', () => {
  it('runReconciliation once per request: 20 aliases store nothing', async () => {
    const o = await r.reconciledOrg(w);
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `r${i}: runReconciliation(period: {from: "2005-01-01", to: "2005-12-31"}) { id }`,
    ).join('\n');
    const res = await w.settle.gql(`mutation { ${aliases} }`, {}, o.apiToken);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const [{ n }] = await w.settle.container.db.query(
      `SELECT count(*)::int AS n FROM reconciliation_runs WHERE org_id = $1`,
      [o.org.id],
    );
    expect(n).toBe(0);
  }, 60_000);

  it('one run of an org at a time: a second while one runs is a CONFLICT; it frees when the first ends', async () => {
    const o = await r.reconciledOrg(w);
    const holder = w.settle.container.db.createQueryRunner();
    await holder.connect();
    const key = `reconciliation-run:${o.org.id}`;
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [key]);
      const res = await w.settle.gql(
        `mutation { runReconciliation(period: {from: "2024-01-01", to: "2024-01-31"}) { id } }`,
        {},
        o.token,
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      await holder.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
    } finally {
      await holder.release(); // a run whose process died frees the lock with its connection, like this
    }
    const again = await r.runReconciliation(w, o, '2024-01-01');
    expect(again.id).toBeTruthy();
  }, 60_000);

  it('a scheduled run retried after it was stored gives the stored run back and emails once', async () => {
    const o = await r.reconciledOrg(w);
    const { sent } = await checkPayment(o);
    const day = sent.invoice.issueDate;
    const schedule = reconciliationScheduleOf(w.settle.container);
    const first = await schedule.runOrg(o.org.id, { from: day, to: day });
    const second = await schedule.runOrg(o.org.id, { from: day, to: day });
    expect(second.id).toBe(first.id);
    const db = w.settle.container.db;
    const [{ runs }] = await db.query(`SELECT count(*)::int AS runs FROM reconciliation_runs WHERE org_id = $1`, [
      o.org.id,
    ]);
    const [{ mails }] = await db.query(
      `SELECT count(*)::int AS mails FROM emails WHERE org_id = $1 AND kind = 'reconciliation'`,
      [o.org.id],
    );
    expect([runs, mails]).toEqual([1, 1]);
  }, 120_000);
});
