import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture } from '../../test/fixtures.js';
import { expectNoChange, failure } from '../../test/api.js';

/** Every mutation validates: bad input is refused with BAD_USER_INPUT naming the field, and nothing is written. */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
const ids: Record<string, string> = {};
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  A = await createOrgWithOwner(s, 'Bad Input Org');
  const f = await billingFixture(s.container, A.org.id);
  ids.client = f.client.id;
  ids.service = f.service.id;
  ids.ticket = f.ticket.id;
  ids.sent = (await f.sentInvoice(60)).id;
  const e = await f.approvedEntry(30, '2026-12-02');
  ids.entry = e.id;
  ids.draft = (
    await s.container.generation.generate(A.org.id, f.actor, {
      clientIds: [f.client.id],
      periodStart: '2026-12-01',
      periodEnd: '2026-12-31',
    })
  ).invoices[0]!.id;
});
afterAll(async () => s?.close());

const UNKNOWN_ID = '6b0c9e38-2d3a-4d8e-9a55-0c2f7c1e9b11';
const CREATE_CLIENT = `mutation($i:CreateClientInput!){createClient(input:$i){id}}`;
const client = (over: object) => ({ i: { name: 'N', billingEmail: 'a@b.test', currency: 'USD', ...over } });
const CREATE_INVOICE = `mutation($c:ID!,$l:[InvoiceLineInput!]!){createInvoice(input:{clientId:$c,lines:$l}){id}}`;
const lines = (over: object) => ({ c: ids.client, l: [{ description: 'x', quantity: '1', unitPrice: 1000, ...over }] });
const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const REMIND = `mutation($i:ReminderPolicyInput!){setReminderPolicy(input:$i){enabled}}`;
const reminders = (over: object) => ({ i: { enabled: true, offsets: [0], ...over } });
const payment = (over: object) => ({ i: { invoiceId: ids.sent, amount: 100, method: 'CHECK', ...over } });

type Case = [name: string, query: string, vars: () => Record<string, unknown>, field: string | null];
const cases: Case[] = [
  // Money and currencies
  ['negative payment', PAY, () => payment({ amount: -100 }), 'amount'],
  ['fractional money', PAY, () => payment({ amount: 10.5 }), null],
  ['money as a decimal string', PAY, () => payment({ amount: '10.50' }), null],
  ['payment in another currency', PAY, () => payment({ currency: 'EUR' }), 'currency'],
  ['unknown client currency', CREATE_CLIENT, () => client({ currency: 'XYZ' }), 'currency'],
  ['malformed client currency', CREATE_CLIENT, () => client({ currency: 'DOLLARS' }), 'currency'],
  [
    'client address country not a two-letter code',
    CREATE_CLIENT,
    () => client({ billingAddress: { line1: '1 Main St', country: 'USA' } }),
    'billingAddress.country',
  ],
  [
    'client address without a first line',
    CREATE_CLIENT,
    () => client({ billingAddress: { line1: '' } }),
    'billingAddress.line1',
  ],
  [
    'unknown price currency',
    `mutation{createService(input:{code:"B1",name:"b",prices:[{currency:"QQQ",unitAmount:100}]}){id}}`,
    () => ({}),
    'prices.0.currency',
  ],
  [
    'negative catalog price',
    `mutation{createService(input:{code:"B2",name:"b",prices:[{currency:"USD",unitAmount:-1}]}){id}}`,
    () => ({}),
    'prices.0.unitAmount',
  ],
  [
    'negative negotiated rate',
    `mutation($id:ID!,$s:ID!){updateClient(id:$id,input:{rates:[{serviceId:$s,unitAmount:-5}]}){id}}`,
    () => ({ id: ids.client, s: ids.service }),
    'rates.0.unitAmount',
  ],
  ['negative unit price', CREATE_INVOICE, () => lines({ unitPrice: -1000 }), 'lines.0.unitPrice'],
  ['negative discount', CREATE_INVOICE, () => lines({ discount: -1 }), 'lines.0.discount'],
  ['discount above the line', CREATE_INVOICE, () => lines({ discount: 1001 }), 'lines.0.discount'],
  ['zero quantity', CREATE_INVOICE, () => lines({ quantity: '0' }), 'lines.0.quantity'],
  ['non-decimal quantity', CREATE_INVOICE, () => lines({ quantity: '1e3' }), null],
  ['tax rate above 100%', CREATE_INVOICE, () => lines({ taxRateBps: 10001 }), 'lines.0.taxRateBps'],
  ['unknown line service', CREATE_INVOICE, () => lines({ serviceId: UNKNOWN_ID }), 'lines.0.serviceId'],
  [
    'negative credit memo',
    `mutation($id:ID!){issueCreditMemo(input:{invoiceId:$id,amount:-1,reason:"x"}){creditMemo{id}}}`,
    () => ({ id: ids.sent }),
    'amount',
  ],
  [
    'credit memo reason of blanks only',
    `mutation($id:ID!){issueCreditMemo(input:{invoiceId:$id,amount:1,reason:"   "}){creditMemo{id}}}`,
    () => ({ id: ids.sent }),
    'reason',
  ],
  // Templates and settings
  [
    'unknown memo variable (org)',
    `mutation{updateOrganizationSettings(input:{memoTemplate:"For {client_name} {clinet}"}){id}}`,
    () => ({}),
    'memoTemplate',
  ],
  ['reminder day out of range', REMIND, () => reminders({ offsets: [400] }), 'offsets.0'],
  ['repeated reminder day', REMIND, () => reminders({ offsets: [7, 7] }), 'offsets'],
  ['reminders for an unknown client', REMIND, () => reminders({ clientId: UNKNOWN_ID }), 'clientId'],
  ['malformed client id (reminder policy)', `query{reminderPolicy(clientId:"c1"){enabled}}`, () => ({}), 'clientId'],
  ['unknown memo variable (client)', CREATE_CLIENT, () => client({ memoTemplate: '{period} work' }), 'memoTemplate'],
  ['bad billing email', CREATE_CLIENT, () => client({ billingEmail: 'not-an-email' }), 'billingEmail'],
  ['negative days until due', CREATE_CLIENT, () => client({ daysUntilDue: -1 }), 'daysUntilDue'],
  [
    'currency change after invoicing',
    `mutation($id:ID!){updateClient(id:$id,input:{currency:"EUR"}){id}}`,
    () => ({ id: ids.client }),
    'currency',
  ],
  [
    'impossible date',
    `mutation($d:LocalDate!){generateInvoices(input:{periodStart:$d,periodEnd:"2026-03-01"}){invoices{id}}}`,
    () => ({ d: '2026-02-30' }),
    null,
  ],
  [
    'period ending before it starts',
    `mutation{generateInvoices(input:{periodStart:"2026-03-01",periodEnd:"2026-02-01"}){invoices{id}}}`,
    () => ({}),
    'periodEnd',
  ],
  [
    'due date before issue date',
    `mutation($id:ID!){updateDraftInvoice(id:$id,input:{issueDate:"2026-12-10",dueDate:"2026-12-01"}){id}}`,
    () => ({ id: ids.draft }),
    'dueDate',
  ],
  ['page size 0', `{invoices(first:0){totalCount}}`, () => ({}), 'first'],
  ['forged cursor', `{invoices(first:5,after:"garbage"){totalCount}}`, () => ({}), 'after'],
  // Malformed ids
  ['malformed invoice id (query)', `query($id:ID!){invoice(id:$id){id}}`, () => ({ id: '42' }), 'id'],
  ['malformed invoice id (void)', `mutation($id:ID!){voidInvoice(id:$id){id}}`, () => ({ id: 'inv_1' }), 'id'],
  ['malformed invoice id (send)', `mutation($id:ID!){sendInvoice(id:$id){id}}`, () => ({ id: `${ids.draft}x` }), 'id'],
  [
    'malformed entry ids',
    `mutation($ids:[ID!]!){approveTimeEntries(ids:$ids){id}}`,
    () => ({ ids: [ids.entry, 'nope'] }),
    'ids',
  ],
  ['malformed payment invoice id', PAY, () => payment({ invoiceId: 'nope' }), 'invoiceId'],
  ['malformed client id in input', CREATE_INVOICE, () => ({ c: 'client-1', l: [] }), 'clientId'],
  [
    'malformed client ids in generation',
    `mutation{generateInvoices(input:{clientIds:["x"],periodStart:"2026-01-01",periodEnd:"2026-01-31"}){invoices{id}}}`,
    () => ({}),
    'clientIds',
  ],
  ['unknown invoice id', `mutation($id:ID!){voidInvoice(id:$id){id}}`, () => ({ id: UNKNOWN_ID }), 'NOT_FOUND'],
];

describe('bad input', () => {
  it.each(cases)('%s is refused and writes nothing', async (_name, query, vars, field) => {
    await expectNoChange(s, async () => {
      const err = failure(await s.gql(query, vars(), A.token));
      if (field === 'NOT_FOUND') return expect(err.code).toBe('NOT_FOUND');
      expect(err.code).toBe('BAD_USER_INPUT');
      if (field) expect(err.field).toBe(field);
    });
  });

  it('leaves the payment and invoice tables exactly as they were after a burst of bad payments', async () => {
    const count = async () =>
      (
        await s.container.db.query(
          `SELECT (SELECT count(*) FROM payments)::int AS p, (SELECT amount_paid FROM invoices WHERE id = $1)::int AS paid`,
          [ids.sent],
        )
      )[0];
    const before = await count();
    await Promise.all([-1, 0, 10_000_000, 1.5].map((amount) => s.gql(PAY, payment({ amount }), A.token)));
    expect(await count()).toEqual(before);
  });
});
