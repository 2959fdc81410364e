import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture, payByCheck, lastMailedToken } from '../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../test/api.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';

/**
 * Two orgs side by side. Org A's people and tokens aim every query and mutation at org B's ids: each is
 * refused (NOT_FOUND or BAD_USER_INPUT naming the field) or answers with nothing, and nothing changes.
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
let B: Awaited<ReturnType<typeof createOrgWithOwner>>;
let fa: Awaited<ReturnType<typeof billingFixture>>;
let fb: Awaited<ReturnType<typeof billingFixture>>;
const b: Record<string, string> = {};
const a: Record<string, string> = {};

async function portalSession(orgId: string, clientId: string): Promise<string> {
  const email = `portal-${Math.random().toString(36).slice(2)}@p.test`;
  await s.container.auth.invitePortalUser(orgId, SYSTEM_ACTOR, { clientId, email, name: 'P' });
  const token = await lastMailedToken(s.container, email);
  return (await s.container.auth.acceptInvite(token, 'portal password')).token;
}

beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  A = await createOrgWithOwner(s, 'Tenant A');
  B = await createOrgWithOwner(s, 'Tenant B');
  fa = await billingFixture(s.container, A.org.id, { clientName: 'A client' });
  fb = await billingFixture(s.container, B.org.id, { clientName: 'B client' });
  for (const [f, ids, orgId] of [
    [fa, a, A.org.id],
    [fb, b, B.org.id],
  ] as const) {
    ids.client = f.client.id;
    ids.service = f.service.id;
    ids.ticket = f.ticket.id;
    const sent = await f.sentInvoice(60);
    ids.sent = sent.id;
    const paid = await f.sentInvoice(30);
    ids.paid = paid.id;
    ids.payment = (await payByCheck(s.container, orgId, paid.id, paid.total)).payment.id;
    await f.approvedEntry(45, '2026-12-02');
    const draft = (
      await s.container.generation.generate(orgId, SYSTEM_ACTOR, {
        clientIds: [f.client.id],
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
      })
    ).invoices[0]!;
    ids.draft = draft.id;
    ids.line = (await s.container.invoices.linesFor(orgId, [draft.id]))[0]!.id;
    const entry = await f.submittedEntry(30, '2026-12-03');
    ids.entry = entry.id;
    ids.tech = f.tech.id;
  }
  b.apiToken = (await s.container.apiTokens.list(B.org.id))[0]!.id;
  b.portalUser = (
    await s.container.auth.invitePortalUser(B.org.id, SYSTEM_ACTOR, {
      clientId: b.client,
      email: 'b-person@b.test',
      name: 'B person',
    })
  ).id;
});
afterAll(async () => s?.close());

const line = (over: object = {}) => ({ description: 'x', quantity: '1', unitPrice: 100, ...over });

/** 1.00 in cash recorded on invoice `$id`. */
const RECORD_CASH = `mutation($id:ID!){recordPayment(input:{invoiceId:$id,amount:100,method:CASH}){payment{id}}}`;

type Case = [
  name: string,
  query: string,
  vars: () => Record<string, unknown>,
  expected: { code: string; field?: string },
];
/** A mutation of the other org's row `id` that must answer NOT_FOUND; the case is named after the mutation. */
const notFound = (query: string, id: () => string): Case => [
  /\{(\w+)\(/.exec(query)![1]!,
  query,
  () => ({ id: id() }),
  { code: 'NOT_FOUND' },
];

describe('cross-org mutations', () => {
  const cases: Case[] = [
    notFound(`mutation($id:ID!){updateClient(id:$id,input:{name:"pwned"}){id}}`, () => b.client),
    [
      'updateClient rates',
      `mutation($id:ID!,$s:ID!){updateClient(id:$id,input:{rates:[{serviceId:$s,unitAmount:1}]}){id}}`,
      () => ({ id: a.client, s: b.service }),
      { code: 'BAD_USER_INPUT', field: 'rates.serviceId' },
    ],
    notFound(`mutation($id:ID!){updateService(id:$id,input:{active:false}){id}}`, () => b.service),
    [
      'createTicket',
      `mutation($c:ID!){createTicket(input:{clientId:$c,title:"t"}){id}}`,
      () => ({ c: b.client }),
      { code: 'BAD_USER_INPUT', field: 'clientId' },
    ],
    [
      'logTime',
      `mutation($t:ID!,$s:ID!,$u:ID!){logTime(input:{ticketId:$t,serviceId:$s,technicianId:$u,workDate:"2026-12-04",minutes:10}){id}}`,
      () => ({ t: b.ticket, s: a.service, u: a.tech }),
      { code: 'BAD_USER_INPUT', field: 'ticketId' },
    ],
    [
      'submitTimeEntries',
      `mutation($ids:[ID!]!){submitTimeEntries(ids:$ids){id}}`,
      () => ({ ids: [b.entry] }),
      { code: 'BAD_USER_INPUT', field: 'ids' },
    ],
    notFound(`mutation($id:ID!){updateTimeEntry(id:$id,input:{minutes:1}){id}}`, () => b.entry),
    [
      'approveTimeEntries',
      `mutation($ids:[ID!]!){approveTimeEntries(ids:$ids){id}}`,
      () => ({ ids: [a.entry, b.entry] }),
      { code: 'BAD_USER_INPUT', field: 'ids' },
    ],
    [
      'rejectTimeEntry',
      `mutation($id:ID!){rejectTimeEntry(id:$id,reason:"no"){id}}`,
      () => ({ id: b.entry }),
      { code: 'BAD_USER_INPUT', field: 'id' },
    ],
    [
      'generateInvoices',
      `mutation($c:[ID!]){generateInvoices(input:{clientIds:$c,periodStart:"2026-01-01",periodEnd:"2026-12-31"}){invoices{id}}}`,
      () => ({ c: [b.client] }),
      { code: 'BAD_USER_INPUT', field: 'clientIds' },
    ],
    [
      'createInvoice client',
      `mutation($c:ID!){createInvoice(input:{clientId:$c,lines:[]}){id}}`,
      () => ({ c: b.client }),
      { code: 'BAD_USER_INPUT', field: 'clientId' },
    ],
    [
      'createInvoice line service',
      `mutation($c:ID!,$l:[InvoiceLineInput!]!){createInvoice(input:{clientId:$c,lines:$l}){id}}`,
      () => ({ c: a.client, l: [line(), line({ serviceId: b.service })] }),
      { code: 'BAD_USER_INPUT', field: 'lines.1.serviceId' },
    ],
    notFound(`mutation($id:ID!){updateDraftInvoice(id:$id,input:{notes:"x"}){id}}`, () => b.draft),
    [
      'updateDraftInvoice foreign line',
      `mutation($id:ID!,$l:[InvoiceLineInput!]!){updateDraftInvoice(id:$id,input:{lines:$l}){id}}`,
      () => ({ id: a.draft, l: [line(), line({ id: b.line })] }),
      { code: 'BAD_USER_INPUT', field: 'lines.1.id' },
    ],
    [
      'updateDraftInvoice line service',
      `mutation($id:ID!,$l:[InvoiceLineInput!]!){updateDraftInvoice(id:$id,input:{lines:$l}){id}}`,
      () => ({ id: a.draft, l: [line({ serviceId: b.service })] }),
      { code: 'BAD_USER_INPUT', field: 'lines.0.serviceId' },
    ],
    notFound(`mutation($id:ID!){sendInvoice(id:$id){id}}`, () => b.draft),
    notFound(`mutation($id:ID!){voidInvoice(id:$id,releaseTimeEntries:true){id}}`, () => b.sent),
    notFound(`mutation($id:ID!){markInvoiceUncollectible(id:$id){id}}`, () => b.sent),
    notFound(RECORD_CASH, () => b.sent),
    notFound(
      `mutation($id:ID!){issueCreditMemo(input:{invoiceId:$id,amount:100,reason:"x"}){creditMemo{id}}}`,
      () => b.paid,
    ),
    notFound(`mutation($id:ID!){revokeApiToken(id:$id){id}}`, () => b.apiToken),
    [
      'invitePortalUser',
      `mutation($c:ID!){invitePortalUser(input:{clientId:$c,email:"x@x.test",name:"x"}){id}}`,
      () => ({ c: b.client }),
      { code: 'BAD_USER_INPUT', field: 'clientId' },
    ],
  ];

  it.each(cases)('%s on the other org’s ids is refused and changes nothing', async (_name, query, vars, expected) => {
    await expectNoChange(s, async () => {
      const err = failure(await s.gql(query, vars(), A.token));
      expect(err).toMatchObject(expected);
      if (!expected.field) expect(err.field).toBeUndefined();
    });
  });

  it('refuses the same through an API token of org A', async () => {
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(RECORD_CASH, { id: b.sent }, A.apiToken)).code).toBe('NOT_FOUND');
      expect(
        failure(await s.gql(`mutation($ids:[ID!]!){approveTimeEntries(ids:$ids){id}}`, { ids: [b.entry] }, A.apiToken)),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
      expect(failure(await s.gql(`query($id:ID!){invoice(id:$id){id}}`, { id: b.sent }, A.apiToken)).code).toBe(
        'NOT_FOUND',
      );
    });
  });

  it('services refuse another org’s invoice for settlement', async () => {
    await expect(
      s.container.settlement.settle(A.org.id, SYSTEM_ACTOR, {
        invoiceId: b.sent,
        amount: 100,
        source: PaymentSource.STRIPE,
        method: PaymentMethod.CARD,
        externalId: 'ch_x',
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('cross-org reads', () => {
  it('answers NOT_FOUND for single records and nothing of org B in filtered lists', async () => {
    expect(failure(await s.gql(`query($id:ID!){client(id:$id){id}}`, { id: b.client }, A.token)).code).toBe(
      'NOT_FOUND',
    );
    expect(failure(await s.gql(`query($id:ID!){invoice(id:$id){id}}`, { id: b.sent }, A.token)).code).toBe('NOT_FOUND');
    const q = `query($c:ID!,$i:ID!){
      invoices(first:50,filter:{clientId:$c}){totalCount edges{node{id}}}
      payments(invoiceId:$i){nodes{id}} byClient:payments(clientId:$c){nodes{id}}
      tickets(clientId:$c){nodes{id}} timeEntries(clientId:$c){nodes{id}} portalUsers(clientId:$c){id}
      auditEvents(entityId:$i){nodes{id}}}`;
    const r = ok(await s.gql(q, { c: b.client, i: b.paid }, A.token));
    expect(r).toEqual({
      invoices: { totalCount: 0, edges: [] },
      payments: { nodes: [] },
      byClient: { nodes: [] },
      tickets: { nodes: [] },
      timeEntries: { nodes: [] },
      portalUsers: [],
      auditEvents: { nodes: [] },
    });
  });

  it('refuses another org’s client in the settings that read one client’s override, naming clientId', async () => {
    for (const q of [
      `query($c:ID){clientCreditSettings(clientId:$c){clientId applyCreditAutomatically}}`,
      `query($c:ID){billingSettings(clientId:$c){clientId}}`,
      `query($c:ID){reminderPolicy(clientId:$c){clientId}}`,
    ]) {
      expect(failure(await s.gql(q, { c: b.client }, A.token)), q).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'clientId',
      });
      expect(Object.values(ok(await s.gql(q, { c: a.client }, A.token)))[0], q).toMatchObject({ clientId: a.client });
    }
  });

  it('never lists org B’s rows in any of org A’s lists', async () => {
    const q = `{
      invoices(first:200){totalCount edges{node{id client{id} lines{id} payments{id}}}}
      clients(includeArchived:true){nodes{id}} services(includeArchived:true){nodes{id}} tickets{nodes{id}} timeEntries(first:1000){nodes{id}}
      payments(first:500){nodes{id}} auditEvents(first:500){nodes{id entityId}} emails(first:500){nodes{id relatedId}} apiTokens{id} users{id} portalUsers{id}
      dashboard{overdue{id}}}`;
    const text = JSON.stringify(ok(await s.gql(q, {}, A.token)));
    const orgB = JSON.stringify(ok(await s.gql(q, {}, B.token)));
    for (const [key, id] of Object.entries(b)) {
      expect(text, `org A sees org B's ${key}`).not.toContain(id);
      expect(orgB).not.toContain(a[key] ?? '00000000-0000-0000-0000-000000000000');
    }
    expect(text).toContain(a.sent);
    expect(orgB).toContain(b.sent);
  });
});

describe('portal users', () => {
  it('see only their client’s finalized invoices and payments, and no admin lists', async () => {
    // A second client of org A with its own sent invoice.
    const other = await billingFixture(s.container, A.org.id, { clientName: 'A other' });
    const otherSent = await other.sentInvoice(15);
    const portal = await portalSession(A.org.id, a.client);

    const list = ok(
      await s.gql(`{invoices(first:50){totalCount edges{node{id status}}} payments{nodes{id invoiceId}}}`, {}, portal),
    );
    const ids = list.invoices.edges.map((e: { node: { id: string } }) => e.node.id).sort();
    expect(ids).toEqual([a.sent, a.paid].sort());
    expect(list.invoices.totalCount).toBe(2);
    expect(list.payments.nodes).toEqual([{ id: a.payment, invoiceId: a.paid }]);

    for (const id of [a.draft, otherSent.id, b.sent])
      expect(failure(await s.gql(`query($id:ID!){invoice(id:$id){id}}`, { id }, portal)).code).toBe('NOT_FOUND');
    expect(
      ok(await s.gql(`query($id:ID!){invoice(id:$id){id status lines{amount}}}`, { id: a.sent }, portal)).invoice
        .status,
    ).toBe('SENT');
    const drafts = ok(await s.gql(`{invoices(first:5,filter:{status:[DRAFT]}){totalCount}}`, {}, portal)).invoices
      .totalCount;
    expect(drafts).toBe(0);
    const foreignFilter = ok(
      await s.gql(`query($c:ID!){invoices(first:5,filter:{clientId:$c}){totalCount}}`, { c: other.client.id }, portal),
    ).invoices.totalCount;
    expect(foreignFilter).toBe(0);

    expect(failure(await s.gql(`{clients{nodes{id}}}`, {}, portal)).code).toBe('FORBIDDEN');
    expect(ok(await s.gql(`query($id:ID!){client(id:$id){name}}`, { id: a.client }, portal)).client.name).toBe(
      'A client',
    );
    expect(failure(await s.gql(`query($id:ID!){client(id:$id){name}}`, { id: other.client.id }, portal)).code).toBe(
      'NOT_FOUND',
    );
    for (const q of [
      `{timeEntries{nodes{id}}}`,
      `{emails{nodes{id}}}`,
      `{auditEvents{nodes{id}}}`,
      `{dashboard{overdue{id}}}`,
    ]) {
      expect(failure(await s.gql(q, {}, portal)).code, q).toBe('FORBIDDEN');
    }
    await expectNoChange(s, async () => {
      expect(failure(await s.gql(RECORD_CASH, { id: a.sent }, portal)).code).toBe('FORBIDDEN');
      expect(failure(await s.gql(`mutation($id:ID!){voidInvoice(id:$id){id}}`, { id: a.sent }, portal)).code).toBe(
        'FORBIDDEN',
      );
    });
  });
});
