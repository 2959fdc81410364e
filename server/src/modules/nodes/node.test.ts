import { describe, expect, it } from 'vitest';
import { billingFixture, payByCheck, portalSession, signedInUser } from '../../../test/fixtures.js';
import { failure, ok, rawGql } from '../../../test/api.js';
import { countStatements } from '../../../test/sql-count.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { forFile, settleForFile } from '../../../test/for-file.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { webhooksOf } from '../webhook-endpoints/webhook-endpoints.integration.js';

// Loopback webhook URLs allowed, as an operator may (SETTLE_WEBHOOK_PRIVATE_NETWORKS).
const s = settleForFile({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });

const world = forFile(async () => {
  const a = await createOrgWithOwner(s, 'Nodes A');
  const b = await createOrgWithOwner(s, 'Nodes B');
  const fa = await billingFixture(s.container, a.org.id);
  const fb = await billingFixture(s.container, b.org.id);
  const sent = await fa.sentInvoice(60);
  const draft = await fa.draftInvoice(30);
  const paid = await payByCheck(s.container, a.org.id, sent.id, 500);
  const theirs = await fb.sentInvoice(60);
  const portal = await portalSession(s, a.org.id, fa.client.id);
  const tech = await signedInUser(s, a.org.id, { email: `t-${Date.now()}@n.test`, name: 'T', role: 'TECHNICIAN' });
  return { a, fa, sent, draft, payment: paid.payment, theirs, portal, tech };
}, 'two orgs with invoices, a payment, a portal user and a technician');

const NODE = `query($id:ID!){node(id:$id){__typename id ... on Invoice{number} ... on Payment{amount} ... on Client{name}}}`;
const node = async (id: string, token = world.a.token) => ok(await s.gql(NODE, { id }, token)).node;

describe('node(id:): refetch any object by its id', () => {
  it('answers each type by id with its own fields, and nothing of another org', async () => {
    expect(await node(world.sent.id)).toMatchObject({
      __typename: 'Invoice',
      id: world.sent.id,
      number: world.sent.number,
    });
    expect(await node(world.payment.id)).toMatchObject({ __typename: 'Payment', amount: 500 });
    expect(await node(world.fa.client.id)).toMatchObject({ __typename: 'Client', name: 'Client' });
    for (const id of [world.fa.service.id, world.fa.ticket.id]) expect((await node(id)).id).toBe(id);
    expect(await node(world.theirs.id)).toBeNull();
    expect(await node('00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('nodes(ids:) answers in the order asked, null where there is nothing to see', async () => {
    const q = `query($ids:[ID!]!){nodes(ids:$ids){__typename id}}`;
    const ids = [world.payment.id, world.theirs.id, world.sent.id];
    const got = ok(await s.gql(q, { ids }, world.a.token)).nodes;
    expect(got).toEqual([
      { __typename: 'Payment', id: world.payment.id },
      null,
      { __typename: 'Invoice', id: world.sent.id },
    ]);
  });

  it('reaches the records inside them too (lines, prices, emails), staff only and never across orgs', async () => {
    const db = s.container.db;
    const idOf = async (sql: string, params: unknown[]) =>
      ((await db.query(sql, params)) as Array<{ id: string }>)[0]!.id;
    const line = await idOf(`SELECT id FROM invoice_lines WHERE invoice_id = $1 LIMIT 1`, [world.sent.id]);
    const price = await idOf(`SELECT id FROM service_prices WHERE service_id = $1 LIMIT 1`, [world.fa.service.id]);
    const email = await idOf(`SELECT id FROM emails WHERE org_id = $1 LIMIT 1`, [world.a.org.id]);
    const typed = async (id: string, token?: string) => (await node(id, token))?.__typename ?? null;
    expect([await typed(line), await typed(price), await typed(email)]).toEqual([
      'InvoiceLine',
      'ServicePrice',
      'Email',
    ]);
    const other = await createOrgWithOwner(s, 'Nodes C');
    for (const id of [line, price, email]) {
      expect(await typed(id, other.token)).toBeNull();
      expect(await typed(id, world.portal)).toBeNull();
    }
  });

  it('reaches users, the organization and webhook endpoints through their views, as their own lists allow', async () => {
    const billing = await signedInUser(s, world.a.org.id, {
      email: `b-${Date.now()}@n.test`,
      name: 'B',
      role: 'BILLING',
    });
    // A local URL: nothing is delivered (the worker is off), and no DNS lookup is made.
    const { endpoint } = await webhooksOf(s.container).endpoints.create(world.a.org.id, SYSTEM_ACTOR, {
      url: 'http://127.0.0.1:9/settle',
      events: ['INVOICE_PAID'],
    });
    const VIEW = `query($id:ID!){node(id:$id){__typename id ... on AdminUser{email} ... on Organization{name} ... on WebhookEndpointView{url secretPrefix}}}`;
    const view = async (id: string, token: string) => ok(await s.gql(VIEW, { id }, token)).node;
    expect(await view(world.a.owner.id, world.a.token)).toMatchObject({
      __typename: 'AdminUser',
      email: world.a.owner.email,
    });
    expect(await view(world.a.org.id, world.a.token)).toMatchObject({
      __typename: 'Organization',
      name: world.a.org.name,
    });
    expect(await view(endpoint.id, world.a.token)).toMatchObject({
      __typename: 'WebhookEndpointView',
      url: endpoint.url,
    });
    // Users and endpoints are admins' lists: billing staff and portal users get nothing; the org is everyone's own.
    expect(await view(world.a.owner.id, billing)).toBeNull();
    expect(await view(endpoint.id, billing)).toBeNull();
    expect(await view(world.a.owner.id, world.portal)).toBeNull();
    expect(await view(world.a.org.id, world.portal)).toMatchObject({ __typename: 'Organization' });
    expect(await view(world.a.org.id, (await createOrgWithOwner(s, 'Nodes D')).token)).toBeNull();
  });

  it('gives a portal user only their client, its finalized invoices and their payments', async () => {
    const p = world.portal;
    expect(await node(world.sent.id, p)).toMatchObject({ __typename: 'Invoice' });
    expect(await node(world.payment.id, p)).toMatchObject({ __typename: 'Payment' });
    expect(await node(world.fa.client.id, p)).toMatchObject({ __typename: 'Client' });
    for (const id of [world.draft.id, world.fa.service.id, world.fa.ticket.id, world.theirs.id])
      expect(await node(id, p)).toBeNull();
  });

  it('refuses technicians and ids that are not ids', async () => {
    expect(failure(await s.gql(NODE, { id: world.sent.id }, world.tech)).code).toBe('FORBIDDEN');
    expect(failure(await s.gql(NODE, { id: 'inv_1' }, world.a.token))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('looks many ids up together: twenty aliased nodes(ids:) of 100 ids are a few statements, and priced per id', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => (i % 2 ? world.sent.id : world.payment.id));
    const many = (n: number, below: string) =>
      `query($ids:[ID!]!){ ${Array.from({ length: n }, (_, i) => `n${i}: nodes(ids: $ids) { id ${below} }`).join(' ')} }`;
    // Ids only: 2,000 lookups were 4,000 statements (a probe and a read per id); now one batch.
    let answer!: Record<string, unknown>;
    const { n } = await countStatements(s.container.db, async () => {
      answer = ok(await s.gql(many(20, ''), { ids }, world.a.token));
    });
    expect(answer.n19).toHaveLength(100);
    expect((answer.n0 as Array<{ id: string }>)[1]!.id).toBe(world.sent.id);
    expect(n).toBeLessThan(20);
    // Each id is an object resolved, with its lists below: 20 x 100 invoices with lines and payments is
    // refused before it runs (it was priced as 20 x 10).
    const res = await rawGql(
      s,
      many(20, '... on Invoice { lines { id } payments { id } }'),
      { ids },
      {
        authorization: `Bearer ${world.a.token}`,
      },
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe(
      'QUERY_TOO_COMPLEX',
    );
    // One such list is within the limits.
    ok(await s.gql(many(1, '... on Invoice { lines { id } payments { id } }'), { ids }, world.a.token));
  });
});
