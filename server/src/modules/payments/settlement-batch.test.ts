import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { twoBilledOrgs, type BillingFixture, type OrgWithOwner } from '../../../test/fixtures.js';
import { providerActor, SYSTEM_ACTOR } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { PaymentMethod, PaymentSource } from './payment.entity.js';
import type { SettleItem, SettleOutcome, SettleResult } from './settlement.types.js';

let s: TestSettle;
let a: OrgWithOwner, b: OrgWithOwner, fa: BillingFixture, fb: BillingFixture;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  ({ a, b, fa, fb } = await twoBilledOrgs(s, ['Batch Org A', 'Batch Org B'], { catalogPrice: 10000 }));
});
afterAll(async () => s?.close());

const stripe = providerActor('stripe', 'evt_batch');
const manual = (
  orgId: string,
  invoiceId: string,
  amount: number,
  extra: Partial<SettleItem['input']> = {},
): SettleItem => ({
  orgId,
  actor: SYSTEM_ACTOR,
  input: { invoiceId, amount, source: PaymentSource.MANUAL, method: PaymentMethod.CHECK, ...extra },
});
/** A card payment Stripe reports as `externalId`, allowed over the balance (money that has already moved). */
const byStripe = (orgId: string, invoiceId: string, amount: number, externalId: string): SettleItem => ({
  orgId,
  actor: stripe,
  input: {
    invoiceId,
    amount,
    source: PaymentSource.STRIPE,
    method: PaymentMethod.CARD,
    externalId,
    allowOverpayment: true,
  },
});
const batch = (items: SettleItem[]) =>
  s.container.db.transaction((tx) => s.container.settlement.settleBatchIn(tx, items));
const settled = (o: SettleOutcome | undefined): SettleResult => {
  if (!o || 'error' in o)
    throw new Error(`expected a settled item, got ${o ? (o as { error: Error }).error.message : 'nothing'}`);
  return o;
};
const errorOf = (o: SettleOutcome | undefined): AppError => {
  if (!o || !('error' in o)) throw new Error('expected an error outcome');
  expect(o.error).toBeInstanceOf(AppError);
  return o.error as AppError;
};
const invoiceRow = async (id: string) =>
  (
    await s.container.db.query(
      `SELECT status, amount_paid::int AS paid, balance_due::int AS balance FROM invoices WHERE id = $1`,
      [id],
    )
  )[0];
const paymentCount = async (invoiceId: string) =>
  (await s.container.db.query(`SELECT count(*)::int AS n FROM payments WHERE invoice_id = $1`, [invoiceId]))[0]
    .n as number;
const auditActions = async (invoiceId: string) =>
  (
    await s.container.db.query(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action LIKE 'invoice.%_recorded' ORDER BY id`,
      [invoiceId],
    )
  ).map((r: { action: string }) => r.action);

describe('settleBatchIn', () => {
  // Two partial payments on one invoice apply in order: each result shows the invoice as that item left it.
  it('applies payments on the same invoice in order, with intermediate snapshots and balances', async () => {
    const inv = await fa.sentInvoice(60); // 100.00
    const [first, second] = (
      await batch([manual(a.org.id, inv.id, 4000), manual(a.org.id, inv.id, 6000, { method: PaymentMethod.WIRE })])
    ).map(settled);
    expect(first).toMatchObject({
      replayed: false,
      balanceBefore: 10000,
      payment: { amount: 4000, method: 'CHECK' },
      invoice: { status: 'PARTIALLY_PAID', amountPaid: 4000, balanceDue: 6000, paidAt: null },
    });
    expect(second).toMatchObject({
      replayed: false,
      balanceBefore: 6000,
      payment: { amount: 6000, method: 'WIRE' },
      invoice: { status: 'PAID', amountPaid: 10000, balanceDue: 0 },
    });
    expect(second!.invoice.paidAt).toBeInstanceOf(Date);
    expect(await invoiceRow(inv.id)).toEqual({ status: 'PAID', paid: 10000, balance: 0 });
    expect(await paymentCount(inv.id)).toBe(2);
  });

  // Validation of a later item sees what earlier items of the batch did (as if settled one by one).
  it('refuses a later item that no longer fits the balance left by earlier items', async () => {
    const inv = await fa.sentInvoice(60);
    const [first, second] = await batch([manual(a.org.id, inv.id, 6000), manual(a.org.id, inv.id, 6000)]);
    expect(settled(first).invoice).toMatchObject({ status: 'PARTIALLY_PAID', balanceDue: 4000 });
    expect(errorOf(second)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(await invoiceRow(inv.id)).toEqual({ status: 'PARTIALLY_PAID', paid: 6000, balance: 4000 });
    expect(await paymentCount(inv.id)).toBe(1);
  });

  // The same provider id twice in one batch records one payment; the second item is a replay of the first.
  it('treats a repeated external id within the batch as a replay', async () => {
    const inv = await fa.sentInvoice(60);
    const item = byStripe(a.org.id, inv.id, 3000, 'ch_batch_dup');
    const [first, again] = (await batch([item, item])).map(settled);
    expect(first).toMatchObject({
      replayed: false,
      balanceBefore: 10000,
      invoice: { amountPaid: 3000, balanceDue: 7000 },
    });
    expect(again).toMatchObject({
      replayed: true,
      payment: { id: first!.payment.id },
      invoice: { amountPaid: 3000, balanceDue: 7000 },
    });
    const rows = await s.container.db.query(
      `SELECT amount::int AS amount FROM payments WHERE org_id = $1 AND external_id = 'ch_batch_dup'`,
      [a.org.id],
    );
    expect(rows).toEqual([{ amount: 3000 }]);
    expect(await invoiceRow(inv.id)).toEqual({ status: 'PARTIALLY_PAID', paid: 3000, balance: 7000 });
  });

  // An item naming another org's invoice is NOT_FOUND and touches nothing; items of both orgs still settle.
  it("isolates an item that names another org's invoice", async () => {
    const invA = await fa.sentInvoice(60);
    const invB = await fb.sentInvoice(60);
    const out = await batch([
      manual(a.org.id, invA.id, 1000),
      manual(a.org.id, invB.id, 2000),
      manual(b.org.id, invB.id, 2500),
    ]);
    expect(settled(out[0]).invoice).toMatchObject({ orgId: a.org.id, amountPaid: 1000 });
    expect(errorOf(out[1]).code).toBe('NOT_FOUND');
    expect(settled(out[2])).toMatchObject({
      balanceBefore: 10000,
      invoice: { orgId: b.org.id, amountPaid: 2500, balanceDue: 7500 },
    });
    expect(await invoiceRow(invA.id)).toEqual({ status: 'PARTIALLY_PAID', paid: 1000, balance: 9000 });
    expect(await invoiceRow(invB.id)).toEqual({ status: 'PARTIALLY_PAID', paid: 2500, balance: 7500 });
    const rows = await s.container.db.query(
      `SELECT org_id, amount::int AS amount FROM payments WHERE invoice_id = $1`,
      [invB.id],
    );
    expect(rows).toEqual([{ org_id: b.org.id, amount: 2500 }]);
  });

  // A wrong currency fails that item only (field currency) and writes nothing for it.
  // An id that is not even a UUID (provider metadata is not ours to trust) is NOT_FOUND for that item alone.
  it('isolates an item whose invoice id is not a UUID', async () => {
    const inv = await fa.sentInvoice(60);
    const out = await batch([manual(a.org.id, 'not-a-uuid', 1000), manual(a.org.id, inv.id, 3000)]);
    expect(errorOf(out[0]).code).toBe('NOT_FOUND');
    expect(settled(out[1]).invoice).toMatchObject({ amountPaid: 3000, balanceDue: 7000 });
  });

  // Subscribers hear every invoice of a batch once, with its final state (announcements travel packed).
  it('announces each touched invoice once, as the batch left it', async () => {
    const invoices = [await fa.sentInvoice(60), await fa.sentInvoice(60), await fa.sentInvoice(60)];
    const ids = new Set(invoices.map((i) => i.id));
    const heard: Array<{ invoiceId: string; status: string; balanceDue: number }> = [];
    const stream = s.container.pubsub.subscribe('INVOICE_UPDATED');
    // Sending the invoices was announced too (as SENT, possibly arriving late): only the batch's count.
    void (async () => {
      for await (const e of stream)
        if (ids.has(e.invoiceId) && e.status !== 'SENT')
          heard.push({ invoiceId: e.invoiceId, status: e.status, balanceDue: e.balanceDue });
    })();
    await batch([
      manual(a.org.id, invoices[0]!.id, 4000),
      manual(a.org.id, invoices[0]!.id, 6000),
      manual(a.org.id, invoices[1]!.id, 2500),
      manual(a.org.id, invoices[2]!.id, 10000),
    ]);
    await eventually(async () => heard.length >= 3 || null, 'three announcements');
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives for them
    await stream.return?.();
    expect(
      heard.sort(
        (x, y) => invoices.findIndex((i) => i.id === x.invoiceId) - invoices.findIndex((i) => i.id === y.invoiceId),
      ),
    ).toEqual([
      { invoiceId: invoices[0]!.id, status: 'PAID', balanceDue: 0 },
      { invoiceId: invoices[1]!.id, status: 'PARTIALLY_PAID', balanceDue: 7500 },
      { invoiceId: invoices[2]!.id, status: 'PAID', balanceDue: 0 },
    ]);
  });

  it('refuses an item in another currency, writing nothing for it', async () => {
    const bad = await fa.sentInvoice(60);
    const good = await fa.sentInvoice(60);
    const out = await batch([
      manual(a.org.id, bad.id, 1000, { currency: 'EUR' }),
      manual(a.org.id, good.id, 1000, { currency: 'usd' }),
    ]);
    expect(errorOf(out[0])).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currency' });
    expect(settled(out[1]).invoice).toMatchObject({ amountPaid: 1000, currency: 'USD' });
    expect(await invoiceRow(bad.id)).toEqual({ status: 'SENT', paid: 0, balance: 10000 });
    expect(await paymentCount(bad.id)).toBe(0);
    expect(await auditActions(bad.id)).toEqual([]);
    expect(await invoiceRow(good.id)).toEqual({ status: 'PARTIALLY_PAID', paid: 1000, balance: 9000 });
  });

  // One 'invoice.payment_recorded' audit row per recorded payment: none for replays or refused items.
  it('writes one audit row per recorded payment', async () => {
    const one = await fa.sentInvoice(60);
    const two = await fa.sentInvoice(60);
    const dup = byStripe(a.org.id, two.id, 500, 'ch_batch_audit');
    const out = await batch([
      manual(a.org.id, one.id, 1000),
      manual(a.org.id, one.id, 2000),
      dup,
      dup,
      manual(a.org.id, two.id, 999_999),
    ]);
    expect(out.map((o) => ('error' in o ? 'error' : o.replayed ? 'replayed' : 'recorded'))).toEqual([
      'recorded',
      'recorded',
      'recorded',
      'replayed',
      'error',
    ]);
    expect(await auditActions(one.id)).toEqual(['invoice.payment_recorded', 'invoice.payment_recorded']);
    expect(await auditActions(two.id)).toEqual(['invoice.payment_recorded']);
    const [{ n }] = await s.container.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'invoice.payment_recorded' AND entity_id = ANY($1::uuid[])`,
      [[one.id, two.id]],
    );
    expect(n).toBe(3);
    // Each row holds what the payment changed (and the payment), not a copy of the whole invoice.
    const [row] = await s.container.db.query(
      `SELECT before, after FROM audit_events WHERE action = 'invoice.payment_recorded' AND entity_id = $1 ORDER BY id LIMIT 1`,
      [one.id],
    );
    expect(row.before).toMatchObject({
      id: one.id,
      number: one.number,
      status: 'SENT',
      amountPaid: 0,
      balanceDue: 10000,
    });
    expect(row.after).toMatchObject({
      status: 'PARTIALLY_PAID',
      amountPaid: 1000,
      balanceDue: 9000,
      payment: { amount: 1000, invoiceId: one.id },
    });
    expect(Object.keys(row.after)).not.toContain('memo');
  });

  // Money on a void invoice or past the balance is raised in the batch's transaction, per payment, with
  // the excess as each item found it, in statements that do not grow with the number of exceptions.
  it('raises payment exceptions per item, in a fixed number of statements', async () => {
    const statements = async (items: SettleItem[]) => {
      let n = 0;
      const out = await s.container.db.transaction(async (tx) => {
        const runner = tx.queryRunner!;
        const query = runner.query.bind(runner);
        runner.query = ((...args: Parameters<typeof query>) => (n++, query(...args))) as typeof runner.query;
        return s.container.settlement.settleBatchIn(tx, items);
      });
      return { n, out };
    };
    let k = 0;
    const provider = (orgId: string, invoiceId: string, amount: number) =>
      byStripe(orgId, invoiceId, amount, `pi_exc_${++k}`);
    const round = async (size: number) => {
      const items: SettleItem[] = [];
      const expected: Array<[string, string, number]> = [];
      for (let i = 0; i < size; i++) {
        const [f, org] = i % 2 ? [fb, b] : [fa, a];
        const paid = await f.sentInvoice(60);
        const voided = await f.sentInvoice(60);
        await s.container.invoices.void(org.org.id, SYSTEM_ACTOR, voided.id);
        // 60.00 is owed, then 60.00 more arrives (20.00 over); 25.00 arrives on a void invoice.
        items.push(
          provider(org.org.id, paid.id, 6000),
          provider(org.org.id, paid.id, 6000),
          provider(org.org.id, voided.id, 2500),
        );
        expected.push([paid.id, 'OVERPAID', 2000], [voided.id, 'PAID_ON_VOID', 2500]);
      }
      const { n, out } = await statements(items);
      expect(out.every((o) => !('error' in o) && !o.replayed)).toBe(true);
      expect(out.map((o) => settled(o).exception ?? null).filter(Boolean)).toHaveLength(size * 2);
      const rows = await s.container.db.query(
        `SELECT invoice_id, kind, amount::int AS amount FROM payment_exceptions WHERE invoice_id = ANY($1::uuid[])`,
        [expected.map((e) => e[0])],
      );
      expect(
        rows.map((r: { invoice_id: string; kind: string; amount: number }) => [r.invoice_id, r.kind, r.amount]).sort(),
      ).toEqual([...expected].sort());
      // A replay of the whole batch raises nothing more.
      const again = await statements(items);
      expect(again.out.every((o) => !('error' in o) && o.replayed)).toBe(true);
      expect(
        await s.container.db.query(`SELECT 1 FROM payment_exceptions WHERE invoice_id = ANY($1::uuid[])`, [
          expected.map((e) => e[0]),
        ]),
      ).toHaveLength(size * 2);
      return n;
    };
    const small = await round(2);
    const large = await round(10);
    expect(large).toBe(small);
  });
});
