import { describe, expect, it } from 'vitest';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';

const s = settleForFile({ worker: false });

const LIST = `query($kind: PaymentKind, $clientId: ID) {
  payments(first: 50, kind: $kind, clientId: $clientId) {
    totalCount
    totals { currency amount count }
    nodes { kind amount invoice { id number } client { id name } }
  }
}`;

type Listed = {
  payments: {
    totalCount: number;
    totals: Array<{ currency: string; amount: number; count: number }>;
    nodes: Array<{ kind: string; amount: number; invoice: { id: string; number: string }; client: { name: string } }>;
  };
};

/** The payments list across invoices (the admin Payments page): each row's invoice and client, and kinds. */
describe('payments list', () => {
  it("names each payment's invoice and client, keeps to one kind when asked, and sums the matches per currency", async () => {
    const owner = await createOrgWithOwner(s, 'Payment List Org');
    const a = await billingFixture(s.container, owner.org.id, { catalogPrice: 10000, clientName: 'Alpha' });
    const b = await billingFixture(s.container, owner.org.id, { catalogPrice: 10000, clientName: 'Beta' });
    const inA = await a.sentInvoice(60);
    const inB = await b.sentInvoice(60);
    const paid = await payByCheck(s.container, owner.org.id, inA.id, 10000);
    await payByCheck(s.container, owner.org.id, inA.id, -2500, { refundsPaymentId: paid.payment.id });
    await payByCheck(s.container, owner.org.id, inB.id, 3000);
    const list = async (vars: Record<string, unknown>) => ok<Listed>(await s.gql(LIST, vars, owner.token)).payments;

    const all = await list({});
    expect(all.totalCount).toBe(3);
    expect(all.nodes.map((p) => [p.kind, p.amount, p.client.name, p.invoice.number])).toEqual([
      ['PAYMENT', 3000, 'Beta', inB.number],
      ['REFUND', -2500, 'Alpha', inA.number],
      ['PAYMENT', 10000, 'Alpha', inA.number],
    ]);
    // Summed on the server over every row matched, whatever the page size.
    expect(all.totals).toEqual([{ currency: 'USD', amount: 10500, count: 3 }]);
    const payments = await list({ kind: 'PAYMENT' });
    expect(payments.totals).toEqual([{ currency: 'USD', amount: 13000, count: 2 }]);
    expect(payments.totalCount).toBe(2);
    expect(payments.nodes.map((p) => p.amount)).toEqual([3000, 10000]);
    const refunds = await list({ kind: 'REFUND', clientId: a.client.id });
    expect(refunds.totalCount).toBe(1);
    expect(refunds.nodes.map((p) => [p.amount, p.invoice.id])).toEqual([[-2500, inA.id]]);
    expect(refunds.totals).toEqual([{ currency: 'USD', amount: -2500, count: 1 }]);
    const none = await list({ kind: 'REFUND', clientId: b.client.id });
    expect([none.totalCount, none.totals]).toEqual([0, []]);
    const kwd = await billingFixture(s.container, owner.org.id, { currency: 'KWD', catalogPrice: 100000 });
    await payByCheck(s.container, owner.org.id, (await kwd.sentInvoice(60)).id, 12345);
    expect((await list({ kind: 'PAYMENT' })).totals).toEqual([
      { currency: 'KWD', amount: 12345, count: 1 },
      { currency: 'USD', amount: 13000, count: 2 },
    ]);
  });

  it('pages forward and back in received order: a check recorded late sits at its received date, ties newest recorded first', async () => {
    const owner = await createOrgWithOwner(s, 'Payment Order Org');
    const f = await billingFixture(s.container, owner.org.id, { catalogPrice: 100000 });
    const inv = await f.sentInvoice(60);
    // Recorded in this order; received on these dates.
    for (const [amount, receivedOn] of [
      [100, '2026-11-10'],
      [200, '2026-11-12'],
      [300, '2026-11-12'], // same day as 200, recorded after it
      [400, '2026-11-14'],
      [500, '2026-11-11'], // recorded last, for an earlier day
    ] as const)
      await payByCheck(s.container, owner.org.id, inv.id, amount, { receivedOn });
    type Page = {
      nodes: Array<{ amount: number; receivedOn: string }>;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    };
    const page = async (args: Record<string, unknown>) => {
      const res = await s.gql(
        `query($first: Int, $after: String, $last: Int, $before: String, $orderBy: PaymentOrder) {
          payments(first: $first, after: $after, last: $last, before: $before, orderBy: $orderBy) {
            nodes { amount receivedOn } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          }
        }`,
        args,
        owner.token,
      );
      return res;
    };
    const read = async (args: Record<string, unknown>) => {
      const p = ok<{ payments: Page }>(await page({ orderBy: 'RECEIVED_NEWEST', ...args })).payments;
      return {
        ...p,
        amounts: p.nodes.map((n) => n.amount),
        more: [p.pageInfo.hasPreviousPage, p.pageInfo.hasNextPage],
      };
    };

    const all = await read({ first: 10 });
    expect(all.nodes.map((n) => [n.amount, n.receivedOn])).toEqual([
      [400, '2026-11-14'],
      [300, '2026-11-12'],
      [200, '2026-11-12'],
      [500, '2026-11-11'],
      [100, '2026-11-10'],
    ]);
    const p1 = await read({ first: 2 });
    expect([p1.amounts, p1.more]).toEqual([
      [400, 300],
      [false, true],
    ]);
    // The page boundary falls between the two payments of 2026-11-12: none skipped or repeated.
    const p2 = await read({ first: 2, after: p1.pageInfo.endCursor });
    expect([p2.amounts, p2.more]).toEqual([
      [200, 500],
      [true, true],
    ]);
    const p3 = await read({ first: 2, after: p2.pageInfo.endCursor });
    expect([p3.amounts, p3.more]).toEqual([[100], [true, false]]);
    const back2 = await read({ last: 2, before: p3.pageInfo.startCursor });
    expect([back2.amounts, back2.more]).toEqual([
      [200, 500],
      [true, true],
    ]);
    const back1 = await read({ last: 2, before: back2.pageInfo.startCursor });
    expect([back1.amounts, back1.more]).toEqual([
      [400, 300],
      [false, true],
    ]);
    const end = await read({ last: 3 });
    expect([end.amounts, end.more]).toEqual([
      [200, 500, 100],
      [true, false],
    ]);

    // Without orderBy: newest recorded first, as before.
    const recorded = ok<{ payments: Page }>(await page({ first: 10 })).payments;
    expect(recorded.nodes.map((n) => n.amount)).toEqual([500, 400, 300, 200, 100]);
    // A cursor continues only the order it came from.
    expect(
      failure(await page({ first: 2, after: recorded.pageInfo.startCursor, orderBy: 'RECEIVED_NEWEST' })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it("an invoice's own payments, as the portal shows them, come newest received first as the Payments list does", async () => {
    const owner = await createOrgWithOwner(s, 'Invoice Payment Order Org');
    const f = await billingFixture(s.container, owner.org.id, { catalogPrice: 100000 });
    const inv = await f.sentInvoice(60);
    // Recorded in this order; received on these dates (a check recorded late; two on one day).
    for (const [amount, receivedOn] of [
      [100, '2026-11-10'],
      [200, '2026-11-12'],
      [300, '2026-11-12'],
      [500, '2026-11-11'],
    ] as const)
      await payByCheck(s.container, owner.org.id, inv.id, amount, { receivedOn });
    const client = await portalSession(s, owner.org.id, f.client.id);
    const onInvoice = async (token: string, orderBy?: string) =>
      ok<{ invoice: { payments: Array<{ amount: number }> } }>(
        await s.gql(
          `query($id: ID!, $orderBy: PaymentOrder) { invoice(id: $id) { payments(orderBy: $orderBy) { amount } } }`,
          { id: inv.id, orderBy },
          token,
        ),
      ).invoice.payments.map((p) => p.amount);
    const listed = async (orderBy: string) =>
      ok<{ payments: { nodes: Array<{ amount: number }> } }>(
        await s.gql(
          `query($id: ID!, $orderBy: PaymentOrder) { payments(invoiceId: $id, orderBy: $orderBy) { nodes { amount } } }`,
          { id: inv.id, orderBy },
          owner.token,
        ),
      ).payments.nodes.map((p) => p.amount);

    for (const orderBy of ['RECEIVED_NEWEST', 'RECORDED_NEWEST']) {
      const admin = await listed(orderBy);
      expect(await onInvoice(client, orderBy)).toEqual(admin);
      expect(await onInvoice(owner.token, orderBy)).toEqual(admin);
    }
    expect(await onInvoice(client, 'RECEIVED_NEWEST')).toEqual([300, 200, 500, 100]);
    // Left out: oldest recorded first, as before (the admin invoice page reads refunds after what they undo).
    expect(await onInvoice(owner.token)).toEqual([100, 200, 300, 500]);
  });

  it("payments recorded within one millisecond come in the Payments list's order on the invoice too (microseconds, then id)", async () => {
    const owner = await createOrgWithOwner(s, 'Invoice Payment Tie Org');
    const f = await billingFixture(s.container, owner.org.id, { catalogPrice: 100000 });
    const inv = await f.sentInvoice(60);
    const ids: string[] = [];
    for (const amount of [100, 200, 300, 400, 500])
      ids.push((await payByCheck(s.container, owner.org.id, inv.id, amount, { receivedOn: '2026-11-12' })).payment.id);
    // All in one millisecond (a JS Date sees them tied): PostgreSQL orders by the microseconds, then by id, so
    // the rows are given microseconds against their id order (the smallest id the latest), two of them equal.
    const byId = [...ids].sort();
    const micros = ['.123900', '.123700', '.123500', '.123500', '.123100'];
    for (const [i, id] of byId.entries())
      await s.container.db.query(`UPDATE payments SET created_at = $2 WHERE id = $1`, [
        id,
        `2026-11-12T10:00:00${micros[i]}Z`,
      ]);
    const client = await portalSession(s, owner.org.id, f.client.id);
    const onInvoice = async (token: string, orderBy: string) =>
      ok<{ invoice: { payments: Array<{ id: string }> } }>(
        await s.gql(
          `query($id: ID!, $orderBy: PaymentOrder) { invoice(id: $id) { payments(orderBy: $orderBy) { id } } }`,
          { id: inv.id, orderBy },
          token,
        ),
      ).invoice.payments.map((p) => p.id);
    const listed = async (orderBy: string) =>
      ok<{ payments: { nodes: Array<{ id: string }> } }>(
        await s.gql(
          `query($id: ID!, $orderBy: PaymentOrder) { payments(invoiceId: $id, orderBy: $orderBy) { nodes { id } } }`,
          { id: inv.id, orderBy },
          owner.token,
        ),
      ).payments.nodes.map((p) => p.id);
    const [sqlOrder] = (await s.container.db.query(
      `SELECT array_agg(id::text ORDER BY received_on DESC, created_at DESC, id DESC) AS ids FROM payments WHERE invoice_id = $1`,
      [inv.id],
    )) as Array<{ ids: string[] }>;
    expect(new Set(sqlOrder!.ids).size).toBe(5);
    for (const orderBy of ['RECEIVED_NEWEST', 'RECORDED_NEWEST']) {
      expect(await listed(orderBy)).toEqual(sqlOrder!.ids);
      expect(await onInvoice(client, orderBy)).toEqual(sqlOrder!.ids);
      expect(await onInvoice(owner.token, orderBy)).toEqual(sqlOrder!.ids);
    }
  });
});
