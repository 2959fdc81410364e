import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture, portalSession, type BillingFixture } from '../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../test/api.js';
import { wsClient } from '../../test/ws-client.js';

/**
 * Security suite, point 6 (who may do what), from a client's seat: a portal user reaches only their own
 * client's finalized invoices through every path that takes an invoice id, not only the `invoice`
 * query: paying, the PDF route and the live subscription.
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
let own: BillingFixture;
let portal: string;
const ids = { ownSent: '', ownDraft: '', otherSent: '', foreignSent: '' };
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  A = await createOrgWithOwner(s, 'Portal Reach');
  own = await billingFixture(s.container, A.org.id, { clientName: 'Own' });
  const other = await billingFixture(s.container, A.org.id, { clientName: 'Other' });
  const B = await createOrgWithOwner(s, 'Portal Reach B');
  const foreign = await billingFixture(s.container, B.org.id, { clientName: 'Foreign' });
  ids.ownSent = (await own.sentInvoice(60, { email: false })).id;
  ids.otherSent = (await other.sentInvoice(60, { email: false })).id;
  ids.foreignSent = (await foreign.sentInvoice(60, { email: false })).id;
  ids.ownDraft = (await own.draftInvoice(30)).id;
  portal = await portalSession(s, A.org.id, own.client.id);
});
afterAll(async () => s?.close());

const unreachable = () => [ids.ownDraft, ids.otherSent, ids.foreignSent];

describe('a portal user and invoices that are not theirs to see', () => {
  it('cannot start a payment on a draft, another client’s or another org’s invoice', async () => {
    for (const id of unreachable()) {
      const res = await expectNoChange(s, () =>
        s.gql(`mutation($i:ID!){ startInvoicePayment(invoiceId: $i) { url } }`, { i: id }, portal),
      );
      expect(failure(res).code, id).toBe('NOT_FOUND');
    }
  });

  it('cannot download their PDF; their own sent invoice downloads', async () => {
    const pdf = (id: string) =>
      fetch(`${s.url}/portal-api/invoices/${id}/pdf`, { headers: { authorization: `Bearer ${portal}` } });
    for (const id of unreachable()) expect((await pdf(id)).status, id).toBe(404);
    const mine = await pdf(ids.ownSent);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toMatch(/pdf/);
  });

  it('cannot watch them live, with or without `current`', async () => {
    const client = wsClient(s.url, portal);
    try {
      const first = (query: string, variables: Record<string, unknown>) =>
        new Promise<unknown>((resolve) => {
          client.subscribe(
            { query, variables },
            { next: resolve, error: resolve, complete: () => resolve('complete') },
          );
        });
      const Q = `subscription($i:ID!){ invoiceUpdated(invoiceId: $i, current: true) { invoiceId invoice { total } } }`;
      for (const id of unreachable()) expect(JSON.stringify(await first(Q, { i: id })), id).toMatch(/NOT_FOUND/);
      const mine = (await first(Q, { i: ids.ownSent })) as { data?: { invoiceUpdated: { invoiceId: string } } };
      expect(mine.data?.invoiceUpdated.invoiceId).toBe(ids.ownSent);
      // The staff-only audit trail of their own invoice stays staff-only on the socket too.
      const trail = await first(
        `subscription($i:ID!){ invoiceUpdated(invoiceId: $i, current: true) { invoice { timeline { action } } } }`,
        { i: ids.ownSent },
      );
      expect(JSON.stringify(trail)).toMatch(/FORBIDDEN/);
      expect(JSON.stringify(trail)).not.toMatch(/invoice\.created/);
    } finally {
      await client.dispose();
    }
  });

  it('reads their own sent invoice and nothing of the others through `invoice`', async () => {
    expect(ok(await s.gql(`query($i:ID!){invoice(id:$i){id}}`, { i: ids.ownSent }, portal)).invoice.id).toBe(
      ids.ownSent,
    );
    for (const id of unreachable())
      expect(failure(await s.gql(`query($i:ID!){invoice(id:$i){id}}`, { i: id }, portal)).code, id).toBe('NOT_FOUND');
    const trail = await s.gql(`query($i:ID!){invoice(id:$i){timeline{action}}}`, { i: ids.ownSent }, portal);
    expect(failure(trail).code).toBe('FORBIDDEN');
  });

  it('does not read the internal notes of its own invoice, through `invoice` or the list; staff do', async () => {
    await s.container.db.query(`UPDATE invoices SET notes = 'Client is slow to pay; chase weekly' WHERE id = $1`, [
      ids.ownSent,
    ]);
    const one = await s.gql(`query($i:ID!){invoice(id:$i){id notes}}`, { i: ids.ownSent }, portal);
    expect(failure(one).code).toBe('FORBIDDEN');
    const list = await s.gql(`{invoices{nodes{id notes}}}`, {}, portal);
    expect(failure(list).code).toBe('FORBIDDEN');
    expect(JSON.stringify([one, list])).not.toContain('chase weekly');
    const staff = ok(await s.gql(`query($i:ID!){invoice(id:$i){notes}}`, { i: ids.ownSent }, A.token));
    expect(staff.invoice.notes).toBe('Client is slow to pay; chase weekly');
  });
});
