import { describe, expect, it } from 'vitest';
import { billingFixture, payByCheck, portalSession, signedInUser } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { forFile, settleForFile } from '../../../test/for-file.js';

const s = settleForFile({ worker: false });

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
});
