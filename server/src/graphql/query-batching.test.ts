import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements as countSql } from '../../test/sql-count.js';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { ok } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { InvoiceLineKind } from '../modules/invoices/invoice-line.entity.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';

/** No N+1: the SQL a list request runs does not grow with the page size. */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  A = await createOrgWithOwner(s, 'Batch Org');
  const clients: Array<Awaited<ReturnType<typeof billingFixture>>> = [];
  for (let i = 0; i < 5; i++) clients.push(await billingFixture(s.container, A.org.id, { clientName: `Client ${i}` }));
  const invoice = async (i: number) => {
    const f = clients[i % clients.length]!;
    const line = (n: number) => ({
      kind: InvoiceLineKind.MANUAL,
      description: `Line ${n}`,
      serviceId: n === 0 ? f.service.id : null,
      quantity: '1',
      unitPrice: 1000 * (n + 1),
      discount: 0,
      taxRateBps: 0,
    });
    const draft = await s.container.invoices.createDraft(A.org.id, SYSTEM_ACTOR, {
      clientId: f.client.id,
      lines: [line(0), line(1), line(2)],
    });
    await s.container.invoices.send(A.org.id, SYSTEM_ACTOR, draft.id, { email: false });
    await s.container.settlement.settle(A.org.id, SYSTEM_ACTOR, {
      invoiceId: draft.id,
      amount: 500,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CASH,
    });
  };
  for (let batch = 0; batch < 55; batch += 11)
    await Promise.all(Array.from({ length: 11 }, (_, i) => invoice(batch + i)));
});
afterAll(async () => s?.close());

// Counted cold: the caller's session lookup is part of each request counted, not served by the cache.
const countStatements = (fn: () => Promise<unknown>) => {
  s.container.auth.principals.clear();
  return countSql(s.container.db, fn);
};

const PAGE = `query($n:Int!){invoices(first:$n){edges{node{number client{name} lines{amount} payments{amount} creditMemos{amount}}} pageInfo{hasNextPage}}}`;

describe('invoices list batching', () => {
  it('runs the same number of SQL statements for pages of 10 and 50', async () => {
    const run = (n: number) =>
      countStatements(async () => {
        const page = ok(await s.gql(PAGE, { n }, A.token)).invoices;
        expect(page.edges).toHaveLength(n);
        expect(
          page.edges.every(
            (e: { node: { lines: unknown[]; payments: unknown[]; client: { name: string } } }) =>
              e.node.lines.length === 3 && e.node.payments.length === 1 && e.node.client.name,
          ),
        ).toBe(true);
      });
    const ten = await run(10);
    const fifty = await run(50);
    expect(fifty.n, fifty.sql.join('\n')).toBe(ten.n);
    // session lookup, the page, clients, lines, payments, credit memos
    expect(ten.n).toBeLessThanOrEqual(6);
  });

  it('reads a page with its lines and clients in one statement, through fragments and nodes alike', async () => {
    const fragments = `query($n:Int!){invoices(first:$n){edges{node{...Row}}}}
      fragment Row on Invoice{number ... on Invoice{lines{description amount}} client{name}}`;
    const viaNodes = `query($n:Int!){invoices(first:$n){nodes{number lines{description amount} client{name}}}}`;
    for (const q of [fragments, viaNodes]) {
      let page: Array<{ lines: unknown[]; client: { name: string } }> = [];
      const read = await countStatements(async () => {
        const data = ok(await s.gql(q, { n: 20 }, A.token)).invoices;
        page = data.edges?.map((e: { node: (typeof page)[0] }) => e.node) ?? data.nodes;
      });
      expect(page).toHaveLength(20);
      expect(page.every((n) => n.lines.length === 3 && n.client.name)).toBe(true);
      // the session lookup and the page (lines and clients built as JSON by PostgreSQL inside it)
      expect(read.n, read.sql.join('\n')).toBe(2);
    }
  });

  it('keeps the payment fields (payable, partial, pay link, last error) batched too', async () => {
    const q = `query($n:Int!){invoices(first:$n){edges{node{payable allowPartialPayment payUrl lastPaymentError}}}}`;
    const ten = await countStatements(async () =>
      expect(ok(await s.gql(q, { n: 10 }, A.token)).invoices.edges).toHaveLength(10),
    );
    const fifty = await countStatements(async () =>
      expect(ok(await s.gql(q, { n: 50 }, A.token)).invoices.edges).toHaveLength(50),
    );
    expect(fifty.n, fifty.sql.join('\n')).toBe(ten.n);
  });

  it('batches time entry relations too', async () => {
    const f = await billingFixture(s.container, A.org.id, { clientName: 'Entries' });
    for (let i = 0; i < 30; i++)
      await s.container.timeEntries.log(A.org.id, SYSTEM_ACTOR, {
        ticketId: f.ticket.id,
        serviceId: f.service.id,
        technicianId: f.tech.id,
        workDate: '2026-11-02',
        minutes: 10 + i,
      });
    const q = `query($n:Int!){timeEntries(first:$n){nodes{id ticket{title} service{code prices{unitAmount}} client{name} technician{name}}}}`;
    const small = await countStatements(async () =>
      expect(ok(await s.gql(q, { n: 5 }, A.token)).timeEntries.nodes).toHaveLength(5),
    );
    const large = await countStatements(async () =>
      expect(ok(await s.gql(q, { n: 30 }, A.token)).timeEntries.nodes).toHaveLength(30),
    );
    expect(large.n, large.sql.join('\n')).toBe(small.n);
  });
});
