import { describe, expect, it } from 'vitest';
import { billingFixture, payByCheck } from '../../../test/fixtures.js';
import { ok } from '../../../test/api.js';
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
});
