import { describe, expect, it } from 'vitest';
import { createOrgWithOwner } from '../../../test/harness.js';
import { orgForFile, settleForFile } from '../../../test/for-file.js';
import { billingFixture } from '../../../test/fixtures.js';
import { failure, ok } from '../../../test/api.js';
import { invoiceApi, SEND } from './invoice-lifecycle.test-support.js';

const s = settleForFile({ worker: false });
const a = orgForFile(s, 'Invoice List Org');
const { client, create } = invoiceApi(s, a);

describe('invoices list', () => {
  it('filters by status, client, issue and due dates, and search', async () => {
    const c1 = await client('USD', 'Filter One');
    const c2 = await client('USD', 'Filter Two');
    const mk = async (c: string, issueDate: string, dueDate: string, send: boolean) => {
      const inv = await create({
        clientId: c,
        issueDate,
        dueDate,
        lines: [{ description: 'x', quantity: '1', unitPrice: 100 }],
      });
      if (send) ok(await s.gql(SEND, { id: inv.id }, a.token));
      return inv.id as string;
    };
    const jan = await mk(c1, '2027-01-10', '2027-02-10', true);
    const feb = await mk(c1, '2027-02-10', '2027-03-10', false);
    const mar = await mk(c2, '2027-03-10', '2027-04-10', true);
    const q = `query($f:InvoiceFilterInput){invoices(first:50,filter:$f){totalCount edges{node{id number}}}}`;
    const ids = async (f: object) =>
      ok(await s.gql(q, { f }, a.token))
        .invoices.edges.map((e: { node: { id: string } }) => e.node.id)
        .sort();
    expect(await ids({ clientId: c1 })).toEqual([jan, feb].sort());
    expect(await ids({ clientId: c1, status: ['DRAFT'] })).toEqual([feb]);
    expect(await ids({ status: ['SENT'], issued: { from: '2027-01-01', to: '2027-12-31' } })).toEqual(
      [jan, mar].sort(),
    );
    expect(await ids({ issued: { from: '2027-02-01', to: '2027-02-28' } })).toEqual([feb]);
    expect(await ids({ due: { from: '2027-03-01', to: '2027-04-30' } })).toEqual([feb, mar].sort());
    const number = ok(await s.gql(`query($id:ID!){invoice(id:$id){number}}`, { id: mar }, a.token)).invoice.number;
    expect(await ids({ search: number })).toEqual([mar]);
  });

  it('pages with cursors: no overlap, nothing skipped, hasNextPage and totalCount right', async () => {
    const { org, token } = await createOrgWithOwner(s, 'Pager');
    const f = await billingFixture(s.container, org.id);
    const made: string[] = [];
    for (let i = 0; i < 7; i++)
      made.push(
        (
          await s.container.invoices.createDraft(org.id, f.actor, {
            clientId: f.client.id,
            lines: [
              {
                kind: 'MANUAL' as never,
                description: `#${i}`,
                serviceId: null,
                quantity: '1',
                unitPrice: 100 + i,
                discount: 0,
                taxRateBps: 0,
              },
            ],
          })
        ).id,
      );
    // Two invoices created within one millisecond (microseconds apart), as concurrent requests can be.
    // The first page ends in the middle of them.
    await s.container.db.query(`UPDATE invoices SET created_at = '2027-05-05T10:00:01Z' WHERE id = $1`, [made[2]]);
    await s.container.db.query(`UPDATE invoices SET created_at = '2027-05-05T10:00:00.000300Z' WHERE id = $1`, [
      made[3],
    ]);
    await s.container.db.query(`UPDATE invoices SET created_at = '2027-05-05T10:00:00.000200Z' WHERE id = $1`, [
      made[4],
    ]);
    await s.container.db.query(`UPDATE invoices SET created_at = '2027-05-05T10:00:00.000100Z' WHERE id = $1`, [
      made[5],
    ]);
    const q = `query($after:String){invoices(first:3,after:$after){totalCount edges{cursor node{id}} pageInfo{hasNextPage endCursor}}}`;
    const seen: string[] = [];
    const pages: boolean[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: any = ok(await s.gql(q, { after }, token)).invoices;
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      pages.push(page.pageInfo.hasNextPage);
      if (page.edges.length) expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([true, true, false]);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...made].sort());
    expect(failure(await s.gql(q, { after: 'bm90LWEtY3Vyc29y' }, token))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });
});
