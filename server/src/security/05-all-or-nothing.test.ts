import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../test/api.js';
import { countStatements } from '../../test/sql-count.js';
import { MAX_AMOUNT } from '../platform/money.js';

/**
 * Trust issue #11, point 5: a failed mutation writes nothing. Hostile input (overflowing amounts, NUL
 * bytes, impossible dates, forged cursors) is BAD_USER_INPUT naming the field, never INTERNAL_SERVER_ERROR,
 * and leaves the database exactly as it was. Point 12's LIKE escaping of `search` is proven here too.
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
let f: Awaited<ReturnType<typeof billingFixture>>;
let draftId: string;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  A = await createOrgWithOwner(s, 'All Or Nothing Org');
  f = await billingFixture(s.container, A.org.id);
  await f.sentInvoice(60);
  draftId = ok(await s.gql(CREATE_INVOICE, { c: f.client.id, l: [line()] }, A.token)).createInvoice.id;
});
afterAll(async () => s?.close());

const CREATE_INVOICE = `mutation($c:ID!,$l:[InvoiceLineInput!]!,$d:LocalDate){createInvoice(input:{clientId:$c,lines:$l,issueDate:$d}){id total}}`;
const UPDATE_DRAFT = `mutation($id:ID!,$l:[InvoiceLineInput!]){updateDraftInvoice(id:$id,input:{lines:$l}){id total}}`;
const LIST = `query($after:String,$q:String){invoices(first:50,after:$after,filter:{search:$q}){totalCount edges{node{id number total balanceDue}}}}`;
const line = (over: object = {}) => ({ description: 'Work', quantity: '1', unitPrice: 1000, ...over });

async function expectBadInput(query: string, vars: Record<string, unknown>, field: string): Promise<void> {
  await expectNoChange(s, async () => {
    const res = await s.gql(query, vars, A.token);
    const err = failure(res);
    expect(err.code, JSON.stringify(res.errors)).toBe('BAD_USER_INPUT');
    expect(err.field).toBe(field);
  });
}

describe('a line whose total overflows', () => {
  // 9,999,999,999 hours at 9,007,199,254,740,991 cents: each figure a valid number, the product far past bigint.
  const overflowing = line({ quantity: '9999999999', unitPrice: Number.MAX_SAFE_INTEGER });

  it('createInvoice answers BAD_USER_INPUT, saves no invoice, and the org list still answers', async () => {
    const [{ n: before }] = await s.container.db.query(`SELECT count(*)::int AS n FROM invoices WHERE org_id = $1`, [
      A.org.id,
    ]);
    await expectBadInput(CREATE_INVOICE, { c: f.client.id, l: [overflowing] }, 'lines.0.unitPrice');
    const [{ n: after }] = await s.container.db.query(`SELECT count(*)::int AS n FROM invoices WHERE org_id = $1`, [
      A.org.id,
    ]);
    expect(after).toBe(before);
    const list = await s.gql(LIST, {}, A.token);
    expect(list.errors).toBeUndefined();
    expect(list.data.invoices.totalCount).toBe(before);
  });

  it('a line amount within every per-figure bound but past the line bound names the line', async () => {
    await expectBadInput(
      CREATE_INVOICE,
      { c: f.client.id, l: [line({ quantity: '100000', unitPrice: MAX_AMOUNT / 10 })] },
      'lines.0.quantity',
    );
  });

  it('lines that each fit but sum past the bound are refused on lines', async () => {
    const big = line({ quantity: '1', unitPrice: MAX_AMOUNT });
    await expectBadInput(CREATE_INVOICE, { c: f.client.id, l: [big, big] }, 'lines');
  });

  it('updateDraftInvoice with an overflowing line changes nothing', async () => {
    await expectBadInput(UPDATE_DRAFT, { id: draftId, l: [overflowing] }, 'lines.0.unitPrice');
    expect(ok(await s.gql(LIST, {}, A.token)).invoices.edges.length).toBeGreaterThan(0);
  });

  it('the largest allowed amount is accepted and reads back exactly', async () => {
    const res = ok(await s.gql(UPDATE_DRAFT, { id: draftId, l: [line({ unitPrice: MAX_AMOUNT })] }, A.token));
    expect(res.updateDraftInvoice.total).toBe(MAX_AMOUNT);
    ok(await s.gql(UPDATE_DRAFT, { id: draftId, l: [line()] }, A.token));
  });
});

describe('hostile values are BAD_USER_INPUT naming the field', () => {
  it('an amount above the documented maximum', async () => {
    await expectBadInput(
      CREATE_INVOICE,
      { c: f.client.id, l: [line({ unitPrice: MAX_AMOUNT + 1 })] },
      'lines.0.unitPrice',
    );
    await expectBadInput(
      `mutation($a:Money!){createService(input:{code:"BIG",name:"b",prices:[{currency:"USD",unitAmount:$a}]}){id}}`,
      { a: 1e20 },
      'a',
    );
  });

  it('NUL bytes in a variable, a nested input field and a literal', async () => {
    await expectBadInput(
      `mutation($i:CreateClientInput!){createClient(input:$i){id}}`,
      { i: { name: 'Evil\u0000Corp', billingEmail: 'a@b.test', currency: 'USD' } },
      'name',
    );
    await expectBadInput(
      CREATE_INVOICE,
      { c: f.client.id, l: [line({ description: 'x\u0000y' })] },
      'lines.0.description',
    );
    await expectBadInput(
      `mutation{createTicket(input:{clientId:"${f.client.id}",title:"a\\u0000b"}){id}}`,
      {},
      'title',
    );
    await expectBadInput(
      `mutation($r:String!,$id:ID!){rejectTimeEntry(id:$id,reason:$r){id}}`,
      { r: '\u0000', id: f.client.id },
      'reason',
    );
  });

  it('lone surrogates (text that is not Unicode) in a validated and an unvalidated field', async () => {
    const create = `mutation($i:CreateClientInput!){createClient(input:$i){id}}`;
    await expectBadInput(create, { i: { name: 'Evil', billingEmail: '\ud800', currency: 'USD' } }, 'billingEmail');
    await expectBadInput(create, { i: { name: 'Evil \udc00', billingEmail: 'a@b.test', currency: 'USD' } }, 'name');
  });

  it('NUL bytes in a query argument', async () => {
    const res = await s.gql(`query($q:String){clients(search:$q){nodes{id}}}`, { q: 'a\u0000' }, A.token);
    expect(failure(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
  });

  it('impossible and out-of-range dates', async () => {
    const create = `mutation($i:CreateInvoiceInput!){createInvoice(input:$i){id}}`;
    for (const d of ['0000-01-01', '1899-12-31', '2026-02-30', '10000-01-01']) {
      await expectBadInput(create, { i: { clientId: f.client.id, lines: [line()], issueDate: d } }, 'issueDate');
      await expectBadInput(CREATE_INVOICE, { c: f.client.id, l: [line()], d }, 'd');
    }
  });

  it('an issue date whose due date would pass 9999-12-31', async () => {
    await expectBadInput(CREATE_INVOICE, { c: f.client.id, l: [line()], d: '9999-12-31' }, 'issueDate');
  });

  it('malformed cursors', async () => {
    const forged = (s: string) => Buffer.from(s).toString('base64url');
    for (const after of [
      'garbage',
      '%%%',
      forged('2026-01-01T00:00:00Z|not-a-uuid'),
      forged('nope|6b0c9e38-2d3a-4d8e-9a55-0c2f7c1e9b11'),
      forged('99999-01-01T00:00:00Z|6b0c9e38-2d3a-4d8e-9a55-0c2f7c1e9b11'),
      forged('\u0000|\u0000'),
    ]) {
      const res = await s.gql(LIST, { after }, A.token);
      expect(failure(res), after).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('overflowing integers', async () => {
    await expectBadInput(
      `mutation($n:Int){updateOrganizationSettings(input:{daysUntilDue:$n}){id}}`,
      { n: 2 ** 31 },
      'n',
    );
    await expectBadInput(
      `mutation($n:Int!){logTime(input:{ticketId:"${f.ticket.id}",serviceId:"${f.service.id}",workDate:"2026-12-01",minutes:$n}){id}}`,
      { n: 2 ** 31 - 1 },
      'minutes',
    );
    // The scalar refuses it: named by the list variable's path.
    await expectBadInput(CREATE_INVOICE, { c: f.client.id, l: [line({ quantity: '99999999999' })] }, 'l.0.quantity');
  });

  it('a very long string', async () => {
    await expectBadInput(
      `mutation($t:String!){createTicket(input:{clientId:"${f.client.id}",title:$t}){id}}`,
      { t: 'x'.repeat(100_000) },
      'title',
    );
  });
});

describe('lists that name the same thing twice', () => {
  it('a client rate given twice for one service (even in capitals) is BAD_USER_INPUT naming it, not a 500', async () => {
    const rates = [
      { serviceId: f.service.id, unitAmount: 100 },
      { serviceId: f.service.id.toUpperCase(), unitAmount: 200 },
    ];
    await expectBadInput(
      `mutation($i:CreateClientInput!){createClient(input:$i){id}}`,
      { i: { name: 'Twice', billingEmail: 't@t.test', currency: 'USD', rates } },
      'rates.1.serviceId',
    );
    await expectBadInput(
      `mutation($id:ID!,$i:UpdateClientInput!){updateClient(id:$id,input:$i){id}}`,
      { id: f.client.id, i: { rates } },
      'rates.1.serviceId',
    );
  });

  it('a service price given twice for one currency is refused before any write (20,000 prices were 20,000 upserts)', async () => {
    const prices = Array.from({ length: 20_000 }, (_, i) => ({ currency: 'USD', unitAmount: i }));
    const update = `mutation($id:ID!,$i:ServiceInput!){updateService(id:$id,input:$i){id}}`;
    await expectBadInput(update, { id: f.service.id, i: { prices } }, 'prices.1.currency');
    // Before: one upsert a price (20,000 statements, about 6 s), then success. Now refused on the input alone.
    const { n, sql } = await countStatements(s.container.db, () =>
      s.gql(update, { id: f.service.id, i: { prices } }, A.token),
    );
    expect(n, sql.join('\n')).toBeLessThan(10);
  });
});

describe('sending', () => {
  it('a draft with zero lines cannot be sent', async () => {
    const empty = ok(await s.gql(CREATE_INVOICE, { c: f.client.id, l: [] }, A.token)).createInvoice.id;
    await expectBadInput(`mutation($id:ID!){sendInvoice(id:$id){id}}`, { id: empty }, 'id');
  });
});

describe('search', () => {
  it('escapes LIKE wildcards: %, _ and \\ match themselves', async () => {
    const memo = (id: string, m: string) =>
      s.container.db.query(`UPDATE invoices SET memo = $2 WHERE id = $1`, [id, m]);
    const a = ok(await s.gql(CREATE_INVOICE, { c: f.client.id, l: [line()] }, A.token)).createInvoice.id;
    const b = ok(await s.gql(CREATE_INVOICE, { c: f.client.id, l: [line()] }, A.token)).createInvoice.id;
    await memo(a, 'Discount 50% off');
    await memo(b, 'Discount 50 percent, code A_B and C:\\D');
    const hits = async (q: string) =>
      ok(await s.gql(LIST, { q }, A.token))
        .invoices.edges.map((e: any) => e.node.id)
        .sort();
    expect(await hits('50%')).toEqual([a]);
    expect(await hits('%')).toEqual([a]);
    expect(await hits('A_B')).toEqual([b]);
    expect(await hits('_')).toEqual([b]);
    expect(await hits('C:\\D')).toEqual([b]);
    expect(await hits('Discount')).toEqual([a, b].sort());
    const clients = async (q: string) =>
      ok(await s.gql(`query($q:String){clients(search:$q){nodes{id}}}`, { q }, A.token)).clients.nodes.length;
    expect(await clients('%')).toBe(0);
    expect(await clients('_')).toBe(0);
    expect(await clients('Cli')).toBe(1);
  });
});
