import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../test/harness.js';
import { billingFixture, payByCheck, portalSession, signedInUser, type BillingFixture } from '../../test/fixtures.js';
import { expectNoChange, failure, ok } from '../../test/api.js';
import { wsClient } from '../../test/ws-client.js';

/**
 * Security suite, point 6 (who may do what), from a client's seat: a portal user reaches only the
 * invoices issued to their own client (sent to them: never a draft, nor a draft voided without being
 * sent) through every path that takes an invoice id, not only the `invoice` query: paying, the PDF route
 * and the live subscription; and lists, `node`/`nodes` and their payments show no others.
 */
let s: TestSettle;
let A: Awaited<ReturnType<typeof createOrgWithOwner>>;
let own: BillingFixture;
let portal: string;
const ids = { ownSent: '', ownDraft: '', ownVoidedDraft: '', ownSentThenVoided: '', otherSent: '', foreignSent: '' };
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
  // Voided as staff discard a draft: finalized (its number stays accounted for), yet never issued.
  ids.ownVoidedDraft = (await own.draftInvoice(45)).id;
  ok(await s.gql(`mutation($i:ID!){voidInvoice(id:$i){status}}`, { i: ids.ownVoidedDraft }, A.token));
  // Sent, then voided: the client received it, and still sees it (as VOID).
  ids.ownSentThenVoided = (await own.sentInvoice(15, { email: false })).id;
  ok(await s.gql(`mutation($i:ID!){voidInvoice(id:$i){status}}`, { i: ids.ownSentThenVoided }, A.token));
  portal = await portalSession(s, A.org.id, own.client.id);
});
afterAll(async () => s?.close());

const unreachable = () => [ids.ownDraft, ids.ownVoidedDraft, ids.otherSent, ids.foreignSent];

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

  it("does not read its client's memo template (staff's wording, as the organization's is); staff do", async () => {
    await s.container.db.query(`UPDATE clients SET memo_template = 'Slow payer: net 15, chase hard' WHERE id = $1`, [
      own.client.id,
    ]);
    const direct = await s.gql(`query($c:ID!){client(id:$c){id memoTemplate}}`, { c: own.client.id }, portal);
    expect(failure(direct).code).toBe('FORBIDDEN');
    const nested = await s.gql(`query($i:ID!){invoice(id:$i){client{memoTemplate}}}`, { i: ids.ownSent }, portal);
    expect(failure(nested).code).toBe('FORBIDDEN');
    const list = await s.gql(`{invoices{nodes{client{memoTemplate}}}}`, {}, portal);
    expect(failure(list).code).toBe('FORBIDDEN');
    expect(JSON.stringify([direct, nested, list])).not.toContain('chase hard');
    const staff = ok(await s.gql(`query($c:ID!){client(id:$c){memoTemplate}}`, { c: own.client.id }, A.token));
    expect(staff.client.memoTemplate).toBe('Slow payer: net 15, chase hard');
  });

  it('lists, `node` and `nodes` show only the invoices issued to them, a voided one they received included', async () => {
    const visible = [ids.ownSent, ids.ownSentThenVoided].sort();
    // The list answered by PostgreSQL alone (no filter) and by the resolver (a filter).
    for (const q of [`{invoices(first:50){nodes{id}}}`, `{invoices(first:50, filter:{search:""}){nodes{id}}}`]) {
      const list = ok(await s.gql(q, {}, portal));
      expect(list.invoices.nodes.map((n: { id: string }) => n.id).sort(), q).toEqual(visible);
    }
    const total = ok(await s.gql(`{invoices(first:1){totalCount}}`, {}, portal));
    expect(total.invoices.totalCount).toBe(2);
    for (const id of unreachable())
      expect(ok(await s.gql(`query($i:ID!){node(id:$i){id}}`, { i: id }, portal)).node, id).toBeNull();
    const many = ok(
      await s.gql(`query($i:[ID!]!){nodes(ids:$i){id}}`, { i: [...unreachable(), ...visible] }, portal),
    ).nodes;
    expect(
      many
        .filter(Boolean)
        .map((n: { id: string }) => n.id)
        .sort(),
    ).toEqual(visible);
    const voided = ok(
      await s.gql(`query($i:ID!){invoice(id:$i){status sentAt}}`, { i: ids.ownSentThenVoided }, portal),
    ).invoice;
    expect(voided.status).toBe('VOID');
    expect(voided.sentAt).toBeTruthy();
  });

  it('does not hear of a draft voided unsent on the live feed; it hears an invoice issued to it', async () => {
    const client = wsClient(s.url, portal);
    const heard: string[] = [];
    let issuedId = '';
    let listening!: () => void;
    const ready = new Promise<void>((r) => (listening = r));
    const done = new Promise<void>((resolve, reject) => {
      client.on('connected', () => listening());
      client.subscribe(
        { query: `subscription{ invoiceUpdated { invoiceId invoice { status } } }` },
        {
          next: (m) => {
            const id = (m.data as { invoiceUpdated: { invoiceId: string } }).invoiceUpdated.invoiceId;
            heard.push(id);
            if (id === issuedId) resolve();
          },
          error: reject,
          complete: () => resolve(),
        },
      );
    });
    try {
      await ready;
      await new Promise((r) => setTimeout(r, 200)); // the subscription is registered once connected
      const discarded = await own.draftInvoice(20);
      ok(await s.gql(`mutation($i:ID!){voidInvoice(id:$i){status}}`, { i: discarded.id }, A.token));
      // Announcements arrive in commit order: once the issued invoice is heard, the void was decided.
      const draft = await own.draftInvoice(25);
      issuedId = draft.id;
      ok(await s.gql(`mutation($i:ID!){sendInvoice(id:$i){status}}`, { i: draft.id }, A.token));
      await done;
      expect(heard).toContain(issuedId);
      expect(heard).not.toContain(discarded.id);
    } finally {
      await client.dispose();
    }
  });

  it('sees only payments of invoices issued to it, in the list and by `node`', async () => {
    // Settlement refuses money on a draft; written here as any other path might, the rule still holds.
    const [stray] = await s.container.db.query(
      `INSERT INTO payments (org_id, invoice_id, client_id, kind, amount, currency, source, method, received_on, actor_type)
       VALUES ($1, $2, $3, 'PAYMENT', 100, 'USD', 'MANUAL', 'CHECK', '2026-11-02', 'system') RETURNING id`,
      [A.org.id, ids.ownVoidedDraft, own.client.id],
    );
    const mine = await payByCheck(s.container, A.org.id, ids.ownSent, 500);
    const list = ok(await s.gql(`{payments(first:50){nodes{id invoiceId}}}`, {}, portal)).payments.nodes;
    expect(list.map((p: { id: string }) => p.id)).toEqual([mine.payment.id]);
    expect(ok(await s.gql(`query($i:ID!){node(id:$i){id}}`, { i: stray.id }, portal)).node).toBeNull();
    expect(ok(await s.gql(`query($i:ID!){node(id:$i){id}}`, { i: mine.payment.id }, portal)).node).toEqual({
      id: mine.payment.id,
    });
    const staff = ok(
      await s.gql(`query($i:ID!){payments(first:50, invoiceId:$i){nodes{id}}}`, { i: ids.ownVoidedDraft }, A.token),
    );
    expect(staff.payments.nodes).toEqual([{ id: stray.id }]);
  });

  it("reads its organization's public face, not the staff's settings; staff read them", async () => {
    const pub = ok(await s.gql(`{organization{id name defaultCurrency daysUntilDue}}`, {}, portal)).organization;
    expect(pub.id).toBe(A.org.id);
    for (const field of ['nextInvoiceNumber', 'memoTemplate']) {
      for (const q of [`{organization{${field}}}`, `{me{organization{${field}}}}`]) {
        const res = await s.gql(q, {}, portal);
        expect(failure(res).code, q).toBe('FORBIDDEN');
        expect(JSON.stringify(res.data ?? null), q).not.toContain(field);
      }
      const node = await s.gql(`query($i:ID!){node(id:$i){... on Organization{${field}}}}`, { i: A.org.id }, portal);
      expect(failure(node).code, field).toBe('FORBIDDEN');
    }
    const tech = await signedInUser(s, A.org.id, {
      email: `tech-${Date.now()}@reach.test`,
      name: 'T',
      role: 'TECHNICIAN',
    });
    const staff = ok(await s.gql(`{organization{nextInvoiceNumber memoTemplate}}`, {}, tech));
    expect(typeof staff.organization.nextInvoiceNumber).toBe('number');
  });
});
