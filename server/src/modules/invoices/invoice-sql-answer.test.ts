import { beforeAll, describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture, payByCheck, portalSession } from '../../../test/fixtures.js';
import { countStatements } from '../../../test/sql-count.js';
import { bothWays as check } from '../../../test/sql-answers.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { InvoiceLineKind } from './invoice-line.entity.js';

/**
 * `invoices` answered by PostgreSQL alone (invoice-sql-answer.ts) must answer exactly as the resolvers do,
 * to the byte (test/sql-answers.ts asks each query both ways).
 */
const s = settleForFile({ worker: false });
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
let empty: Awaited<ReturnType<typeof createOrgWithOwner>>;
let portal: string;

const INVOICE_FIELDS = `__typename id clientId number currency status displayStatus isOverdue issueDate dueDate periodStart
  periodEnd memo subtotal taxTotal total amountPaid amountCredited balanceDue finalizedAt sentAt paidAt voidedAt
  uncollectibleAt disputed createdAt updatedAt
  client { __typename id name billingEmail currency archivedAt createdAt }
  lines { __typename id position kind description serviceId quantity unitPrice discount taxRateBps amount taxAmount }`;

beforeAll(async () => {
  A = await createOrgWithOwner(s, 'SQL answers');
  empty = await createOrgWithOwner(s, 'SQL answers, none');
  const c = s.container;
  const f = await billingFixture(c, A.org.id, { clientName: 'Alpha' });
  const g = await billingFixture(c, A.org.id, { clientName: 'Beta' });
  const draft = (clientId: string, quantities: string[]) =>
    c.invoices.createDraft(A.org.id, SYSTEM_ACTOR, {
      clientId,
      lines: quantities.map((quantity, j) => ({
        kind: InvoiceLineKind.MANUAL,
        description: `Work ${j}`,
        serviceId: null,
        quantity,
        unitPrice: 12_345 + j,
        discount: j === 1 ? 100 : 0,
        taxRateBps: j === 2 ? 825 : 0,
      })),
    });
  const sent = async (clientId: string, quantities: string[]) =>
    c.invoices.send(A.org.id, SYSTEM_ACTOR, (await draft(clientId, quantities)).id, { email: false });
  await draft(f.client.id, ['1']);
  const partly = await sent(f.client.id, ['1.5', '0.25', '2']);
  await payByCheck(c, A.org.id, partly.id, 1_000);
  const overdue = await sent(g.client.id, ['3']);
  await c.db.query(`UPDATE invoices SET due_date = current_date - 3 WHERE id = $1`, [overdue.id]);
  const paid = await sent(f.client.id, ['1']);
  await payByCheck(c, A.org.id, paid.id, paid.total);
  await c.invoices.void(A.org.id, SYSTEM_ACTOR, (await sent(g.client.id, ['4'])).id);
  await c.invoices.markUncollectible(A.org.id, SYSTEM_ACTOR, (await sent(f.client.id, ['10.0001'])).id);
  for (let i = 0; i < 6; i++) await sent(i % 2 ? f.client.id : g.client.id, ['1', '1']);
  await c.db.query(`UPDATE clients SET archived_at = now() WHERE id = $1`, [g.client.id]);
  portal = await portalSession(s, A.org.id, f.client.id);
});

const bothWays = (query: string, variables: Record<string, unknown>, token: string) =>
  check(s, 'invoices', query, variables, token);

describe('invoices answered by PostgreSQL alone', () => {
  it('answers every field it knows as the resolvers do, through fragments, aliases and both list shapes', async () => {
    const query = `fragment Row on Invoice { ${INVOICE_FIELDS} }
      query($first: Int) { list: invoices(first: $first) {
        __typename
        edges { __typename cursor node { ...Row } }
        nodes { ... on Invoice { id again: number } ...Row }
        pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor } } }`;
    for (const first of [3, 50]) {
      const r = await bothWays(query, { first }, A.token);
      expect(r.sql).toBe(true);
      expect(r.answer.errors).toBeUndefined();
      expect(r.answer.data.list.nodes.length).toBe(first === 3 ? 3 : 12);
    }
    const shapes = (await bothWays(query, { first: 50 }, A.token)).answer.data.list.nodes;
    // The data covers what the SQL must get right: every status, OVERDUE, decimals, a VOID balance.
    expect(new Set(shapes.map((n: { displayStatus: string }) => n.displayStatus))).toEqual(
      new Set(['DRAFT', 'SENT', 'PARTIALLY_PAID', 'OVERDUE', 'PAID', 'VOID', 'UNCOLLECTIBLE']),
    );
  });

  it('pages forward with after to the end, each page as the resolvers give it', async () => {
    const query = `query($after: String) { invoices(first: 5, after: $after) { edges { cursor node { id number
      displayStatus balanceDue client { name } lines { quantity amount } } } pageInfo { hasNextPage hasPreviousPage
      startCursor endCursor } } }`;
    const seen: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const { answer, sql } = await bothWays(query, { after }, A.token);
      expect(sql).toBe(true);
      const page = answer.data.invoices;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      [after, more] = [page.pageInfo.endCursor, page.pageInfo.hasNextPage];
    }
    expect(seen.length).toBe(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('a portal user gets only their client’s finalized invoices; an org without invoices an empty page', async () => {
    const query = `{ invoices(first: 50) { nodes { id status client { name } } pageInfo { hasNextPage startCursor endCursor } } }`;
    const mine = await bothWays(query, {}, portal);
    expect(mine.sql).toBe(true);
    const statuses = mine.answer.data.invoices.nodes.map((n: { status: string; client: { name: string } }) => [
      n.client.name,
      n.status,
    ]);
    expect(statuses.length).toBeGreaterThan(0);
    for (const [name, status] of statuses) {
      expect(name).toBe('Alpha');
      expect(status).not.toBe('DRAFT');
    }
    const none = await bothWays(query, {}, empty.token);
    expect(none.answer.data.invoices).toEqual({
      nodes: [],
      pageInfo: { hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it('leaves to the resolvers what it does not answer, and their errors stay theirs', async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [`{ invoices { totalCount } }`, {}, A.token],
      [`{ invoices(filter: { status: [OVERDUE] }) { nodes { id } } }`, {}, A.token],
      [`{ invoices(last: 2) { nodes { id } } }`, {}, A.token],
      [`{ invoices { nodes { id payable portalUrl } } }`, {}, A.token],
      [`{ invoices { nodes { notes } } }`, {}, portal],
      [`{ invoices(first: 0) { nodes { id } } }`, {}, A.token],
      [`{ invoices(first: 201) { nodes { id } } }`, {}, A.token],
      [`{ invoices(after: "nope") { nodes { id } } }`, {}, A.token],
      [`{ invoices { nodes { id } } me { kind } }`, {}, A.token],
    ];
    for (const [query, variables, token] of cases) {
      let sql: string[] = [];
      const res = await countStatements(s.container.db, async () => {
        await s.gql(query, variables, token);
      }).then((r) => ((sql = r.sql), r));
      expect(
        sql.some((q) => / AS body$/.test(q)),
        query,
      ).toBe(false);
      expect(res.n, query).toBeGreaterThanOrEqual(0);
    }
    expect((await s.gql(`{ invoices(first: 0) { nodes { id } } }`, {}, A.token)).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await s.gql(`{ invoices { nodes { notes } } }`, {}, portal)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
