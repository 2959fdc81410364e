import { describe, expect, it } from 'vitest';
import { billingFixture, payByCheck } from '../../test/fixtures.js';
import { ok } from '../../test/api.js';
import { createOrgWithOwner } from '../../test/harness.js';
import { forFile, settleForFile } from '../../test/for-file.js';

const s = settleForFile({ worker: false });

/**
 * One org with several of everything: clients with the same name (ties broken by id), time entries on
 * the same day, payments and audit events written in the same milliseconds.
 */
const org = forFile(async () => {
  const owner = await createOrgWithOwner(s, 'Pages');
  const f = await billingFixture(s.container, owner.org.id);
  for (let i = 0; i < 6; i++) {
    const client = await s.container.clients.create(owner.org.id, f.actor, {
      name: i % 2 ? 'Same name' : `Client ${i}`,
      billingEmail: 'ap@x.test',
      currency: 'USD',
    });
    await s.container.tickets.create(owner.org.id, f.actor, { clientId: client.id, title: `Ticket ${i}` });
    await s.container.catalog.create(owner.org.id, f.actor, {
      code: `P-${i}`,
      name: `Service ${i}`,
      prices: [{ currency: 'USD', unitAmount: 100 }],
    });
    await f.submittedEntry(15, '2026-11-10');
  }
  const inv = await f.sentInvoice(600);
  for (let i = 0; i < 6; i++) await payByCheck(s.container, owner.org.id, inv.id, 100);
  return { owner, f };
}, 'an org with several of everything');

/** Every list that pages, with the one field its items are compared by. */
const LISTS = ['clients', 'services', 'tickets', 'timeEntries', 'payments', 'auditEvents', 'emails'] as const;
type List = (typeof LISTS)[number];

const query = (list: List) => `query($first:Int,$after:String,$last:Int,$before:String){
  ${list}(first:$first,after:$after,last:$last,before:$before){
    totalCount nodes{id} edges{cursor node{id}}
    pageInfo{hasNextPage hasPreviousPage startCursor endCursor}}}`;

type Page = {
  totalCount: number;
  nodes: Array<{ id: string }>;
  edges: Array<{ cursor: string; node: { id: string } }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
};
const page = async (list: List, vars: Record<string, unknown>): Promise<Page> =>
  ok(await s.gql(query(list), vars, org.owner.token))[list];

async function forward(list: List, size: number) {
  const ids: string[] = [];
  const flags: boolean[] = [];
  for (let after: string | null = null, more = true; more;) {
    const p: Page = await page(list, { first: size, after });
    ids.push(...p.nodes.map((n) => n.id));
    flags.push(p.pageInfo.hasPreviousPage);
    expect(p.edges.map((e) => e.node.id)).toEqual(p.nodes.map((n) => n.id));
    [after, more] = [p.pageInfo.endCursor, p.pageInfo.hasNextPage];
  }
  return { ids, flags };
}

async function backward(list: List, size: number) {
  const ids: string[] = [];
  for (let before: string | null = null, more = true; more;) {
    const p: Page = await page(list, { last: size, before });
    ids.unshift(...p.nodes.map((n) => n.id));
    [before, more] = [p.pageInfo.startCursor, p.pageInfo.hasPreviousPage];
  }
  return ids;
}

describe('cursor pagination on every list that grows', () => {
  it.each(LISTS)('%s: forward and backward pages give every item once, in the order of one big page', async (list) => {
    const all = await page(list, { first: 500 });
    expect(all.nodes.length).toBeGreaterThanOrEqual(3);
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const ids = all.nodes.map((n) => n.id);
    const fwd = await forward(list, 2);
    expect(fwd.ids).toEqual(ids);
    expect(fwd.flags).toEqual(fwd.flags.map((_, i) => i > 0));
    expect(await backward(list, 3)).toEqual(ids);
  });

  it('is stable under inserts: a page boundary neither repeats nor skips what was already listed', async () => {
    const first = await page('clients', { first: 3 });
    // A client that sorts before everything seen so far, and one after.
    for (const name of ['AAA new', 'zzz new'])
      await s.container.clients.create(org.owner.org.id, org.f.actor, {
        name,
        billingEmail: 'a@x.test',
        currency: 'USD',
      });
    const rest = await page('clients', { first: 500, after: first.pageInfo.endCursor });
    const seen = [...first.nodes, ...rest.nodes].map((n) => n.id);
    expect(new Set(seen).size).toBe(seen.length);
    const everything = (await page('clients', { first: 500 })).nodes.map((n) => n.id);
    // Everything but the one inserted before the first page is reached from the old cursor.
    expect(everything.filter((id) => !seen.includes(id))).toHaveLength(1);
  });

  it('refuses both directions at once and a forged cursor, naming the argument', async () => {
    const bad = async (vars: Record<string, unknown>) =>
      (await s.gql(query('payments'), vars, org.owner.token)).errors?.[0]?.extensions;
    expect(await bad({ first: 2, last: 2 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
    expect(await bad({ after: 'not-a-cursor' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await bad({ last: 2, before: 'WzEsMl0' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
    expect(await bad({ first: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses a cursor whose sort value the list could not have written, naming the argument, on every path', async () => {
    const forged = (value: unknown, id = '00000000-0000-4000-8000-000000000000') =>
      Buffer.from(JSON.stringify([value, id])).toString('base64url');
    const lists = [
      // invoices forward with no filter is answered by PostgreSQL alone; with a filter, by the resolvers.
      ['invoices(first: 2, after: $c)', 'after'],
      ['invoices(first: 2, after: $c, filter: {})', 'after'],
      ['invoices(last: 2, before: $c)', 'before'],
      ['payments(first: 2, after: $c)', 'after'],
      ['timeEntries(first: 2, after: $c)', 'after'],
    ] as const;
    for (const value of ['not a date', 12_345_678_901_234, '2025-13-45T00:00:00.000Z', '2025-02-30']) {
      for (const [field, arg] of lists) {
        const res = await s.gql(
          `query($c: String) { ${field} { nodes { id } } }`,
          { c: forged(value) },
          org.owner.token,
        );
        expect(res.errors?.[0]?.extensions, `${field} with ${value}`).toEqual({ code: 'BAD_USER_INPUT', field: arg });
      }
    }
    // A cursor the API wrote still works on each of them.
    const real = (await page('payments', { first: 1 })).pageInfo.endCursor;
    expect((await page('payments', { first: 1, after: real })).nodes).toHaveLength(1);
  });

  it("checks the invoices filter's own rules, naming the filter's field", async () => {
    const bad = async (filter: Record<string, unknown>) =>
      (
        await s.gql(
          `query($f: InvoiceFilterInput) { invoices(filter: $f) { nodes { id } } }`,
          { f: filter },
          org.owner.token,
        )
      ).errors?.[0]?.extensions;
    expect(await bad({ clientId: 'not-a-uuid' })).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.clientId' });
    expect(await bad({ search: 'x'.repeat(101) })).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    expect(await bad({ clientId: org.f.client.id, search: 'INV' })).toBeUndefined();
  });
});
