import { afterAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, eventually } from '../../test/harness.js';
import { billingFixture, payByCheck, portalSession } from '../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { hashToken } from '../platform/crypto.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';
import { forFile, settleForFile, countOpenedSubscriptions } from '../../test/for-file.js';
import { wsClient } from '../../test/ws-client.js';

// Sessions are checked again every 300 ms here (15 s by default), so a session ended elsewhere shows soon.
const s = settleForFile({ worker: false, env: { SETTLE_WS_SESSION_CHECK_MS: '300' } });
const closers: Array<() => Promise<void>> = [];
/** Subscriptions the server has opened on its pub/sub, so a test knows when its subscribers are listening. */
const subscriptions = forFile(async () => countOpenedSubscriptions(s));
const listening = async (n: number) => {
  await eventually(async () => subscriptions.opened >= n, `${n} open subscriptions`);
  await new Promise((r) => setTimeout(r, 100));
};
afterAll(async () => {
  for (const close of closers) await close().catch(() => undefined);
});

const SUB = `subscription($i:ID,$c:ID,$now:Boolean){
  invoiceUpdated(invoiceId:$i,clientId:$c,current:$now){invoiceId clientId invoice{status balanceDue amountPaid}}}`;

interface Update {
  invoiceId: string;
  clientId: string;
  invoice: { status: string; balanceDue: number; amountPaid: number };
}

/** A graphql-ws subscriber; `events` fills as updates arrive, `error` is set when the server refuses. */
function subscriber(token: string | undefined, variables: Record<string, unknown> = {}) {
  const events: Update[] = [];
  const state: { error: unknown } = { error: null };
  const client = wsClient(s.url, token);
  const stop = client.subscribe<{ invoiceUpdated: Update }>(
    { query: SUB, variables },
    {
      next: (v) => {
        if (v.data) events.push(v.data.invoiceUpdated);
        else state.error = v.errors;
      },
      error: (e) => {
        state.error = e;
      },
      complete: () => undefined,
    },
  );
  const close = async () => {
    stop();
    await client.dispose();
  };
  closers.push(close);
  return { events, state, close };
}

const pay = (orgId: string, invoiceId: string, amount: number) => payByCheck(s.container, orgId, invoiceId, amount);

describe('invoiceUpdated', () => {
  it('reaches exactly the subscribers who may see the invoice, with the new status and balance', async () => {
    const A = await createOrgWithOwner(s, 'Sub A');
    const B = await createOrgWithOwner(s, 'Sub B');
    const c1 = await billingFixture(s.container, A.org.id, { clientName: 'C1' });
    const c2 = await billingFixture(s.container, A.org.id, { clientName: 'C2' });
    const cb = await billingFixture(s.container, B.org.id, { clientName: 'CB' });
    const x = await c1.sentInvoice(60); // 100.00
    const y = await c2.sentInvoice(60);
    const z = await cb.sentInvoice(60);
    await c1.approvedEntry(30, '2026-12-05');
    const draft = (
      await s.container.generation.generate(A.org.id, SYSTEM_ACTOR, {
        clientIds: [c1.client.id],
        periodStart: '2026-12-01',
        periodEnd: '2026-12-31',
      })
    ).invoices[0]!;

    const before = subscriptions.opened;
    const adminX = subscriber(A.token, { i: x.id });
    const adminAll = subscriber(A.apiToken);
    const portal1 = subscriber(await portalSession(s, A.org.id, c1.client.id));
    const portal2 = subscriber(await portalSession(s, A.org.id, c2.client.id));
    const adminB = subscriber(B.token);
    const all = [adminX, adminAll, portal1, portal2, adminB];
    await listening(before + 5);

    await pay(A.org.id, x.id, 4000);
    await s.container.invoices.updateDraft(A.org.id, SYSTEM_ACTOR, draft.id, { notes: 'draft change' });
    await pay(A.org.id, y.id, 10000);
    await pay(B.org.id, z.id, 2500);
    await pay(A.org.id, x.id, 6000);

    await eventually(
      async () =>
        adminX.events.length >= 2 &&
        adminAll.events.length >= 4 &&
        portal1.events.length >= 2 &&
        portal2.events.length >= 1 &&
        adminB.events.length >= 1,
      'invoice updates',
    );
    await new Promise((r) => setTimeout(r, 300)); // time for anything that should not come

    expect(adminX.events).toEqual([
      {
        invoiceId: x.id,
        clientId: c1.client.id,
        invoice: { status: 'PARTIALLY_PAID', balanceDue: 6000, amountPaid: 4000 },
      },
      { invoiceId: x.id, clientId: c1.client.id, invoice: { status: 'PAID', balanceDue: 0, amountPaid: 10000 } },
    ]);
    expect(adminAll.events.map((e) => e.invoiceId)).toEqual([x.id, draft.id, y.id, x.id]);
    // The portal user of C1 sees C1's finalized invoice, never the draft, never C2's or org B's.
    expect(portal1.events.map((e) => [e.invoiceId, e.invoice.status])).toEqual([
      [x.id, 'PARTIALLY_PAID'],
      [x.id, 'PAID'],
    ]);
    expect(portal2.events.map((e) => [e.invoiceId, e.invoice.status])).toEqual([[y.id, 'PAID']]);
    expect(adminB.events.map((e) => [e.invoiceId, e.invoice.balanceDue])).toEqual([[z.id, 7500]]);
    for (const sub of all) expect(sub.state.error).toBeNull();
  });

  // The admin invoice list and dashboard listen to the whole org: they hear new invoices and every change
  // there (a void reads balance 0), never another org's, and only staff who may read invoices get in.
  it('org-wide: new invoices and changes of the own org only, for roles that read invoices', async () => {
    const A = await createOrgWithOwner(s, 'Sub org A');
    const B = await createOrgWithOwner(s, 'Sub org B');
    const fa = await billingFixture(s.container, A.org.id);
    const fb = await billingFixture(s.container, B.org.id);
    const x = await fa.sentInvoice(60); // 100.00
    const w = await fa.sentInvoice(30);
    const login = async (role: 'BILLING' | 'TECHNICIAN') => {
      const email = `${role.toLowerCase()}-${Date.now()}@${A.org.slug}.test`;
      await s.container.auth.createUser(A.org.id, { email, name: role, role, password: 'correct horse battery' });
      return (await s.container.auth.login(email, 'correct horse battery')).token;
    };
    const before = subscriptions.opened;
    const billing = subscriber(await login('BILLING'));
    const ownerB = subscriber(B.token);
    await listening(before + 2);
    const technician = subscriber(await login('TECHNICIAN'));
    await eventually(async () => technician.state.error, 'the technician refused');
    expect(technician.state.error).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);

    const line = { kind: 'MANUAL' as const, description: 'Setup', serviceId: null, quantity: '1' };
    const draftA = await s.container.invoices.createDraft(A.org.id, SYSTEM_ACTOR, {
      clientId: fa.client.id,
      lines: [{ ...line, unitPrice: 5000, discount: 0, taxRateBps: 0 }],
    });
    await pay(A.org.id, x.id, 4000);
    await s.container.invoices.void(A.org.id, SYSTEM_ACTOR, w.id);
    const draftB = await s.container.invoices.createDraft(B.org.id, SYSTEM_ACTOR, {
      clientId: fb.client.id,
      lines: [{ ...line, unitPrice: 7000, discount: 0, taxRateBps: 0 }],
    });

    await eventually(async () => billing.events.length >= 3 && ownerB.events.length >= 1, 'the org-wide updates');
    await new Promise((r) => setTimeout(r, 300)); // time for anything that should not come
    expect(billing.events.map((e) => [e.invoiceId, e.invoice.status, e.invoice.balanceDue])).toEqual([
      [draftA.id, 'DRAFT', 5000],
      [x.id, 'PARTIALLY_PAID', 6000],
      [w.id, 'VOID', 0],
    ]);
    expect(ownerB.events.map((e) => [e.invoiceId, e.invoice.status])).toEqual([[draftB.id, 'DRAFT']]);
    expect(technician.events).toEqual([]);
    expect(billing.state.error).toBeNull();
  });

  it('does not announce a change that rolled back', async () => {
    const A = await createOrgWithOwner(s, 'Sub R');
    const f = await billingFixture(s.container, A.org.id);
    const inv = await f.sentInvoice(60);
    const before = subscriptions.opened;
    const sub = subscriber(A.token, { i: inv.id });
    await listening(before + 1);
    await expect(pay(A.org.id, inv.id, 999_999)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await s.container.db
      .transaction(async (tx) => {
        await s.container.settlement.settleIn(tx, A.org.id, SYSTEM_ACTOR, {
          invoiceId: inv.id,
          amount: 100,
          source: PaymentSource.MANUAL,
          method: PaymentMethod.CASH,
        });
        await tx.query('SELECT 1/0'); // fails after the payment: the whole transaction rolls back
      })
      .catch(() => undefined);
    await pay(A.org.id, inv.id, 200);
    await eventually(async () => sub.events.length >= 1, 'the committed payment');
    await new Promise((r) => setTimeout(r, 200));
    expect(sub.events.map((e) => e.invoice.amountPaid)).toEqual([200]);
  });

  // A websocket signs in once; when that access ends, its subscriptions end too (closed with 4401, which
  // graphql-ws clients do not retry), and nothing more reaches it.
  it('ends subscriptions whose session is logged out, deleted elsewhere or whose API token is revoked', async () => {
    const A = await createOrgWithOwner(s, 'Sub access');
    const f = await billingFixture(s.container, A.org.id);
    const inv = await f.sentInvoice(60);
    const elsewhere = (await s.container.auth.login(A.owner.email, 'correct horse battery')).token;
    const before = subscriptions.opened;
    const loggedOut = subscriber(A.token, { i: inv.id });
    const endedElsewhere = subscriber(elsewhere, { i: inv.id });
    const revoked = subscriber(A.apiToken, { i: inv.id });
    const stays = subscriber(await portalSession(s, A.org.id, f.client.id), { i: inv.id });
    await listening(before + 4);

    const ended = async (sub: ReturnType<typeof subscriber>) => {
      await eventually(async () => sub.state.error, 'the subscription ended');
      expect((sub.state.error as { code?: number }).code).toBe(4401);
    };
    // Ended as another Settle process would end it (no hook in this one): the periodic check finds it.
    await s.container.db.query(`DELETE FROM sessions WHERE token_hash = $1`, [hashToken(elsewhere)]);
    await ended(endedElsewhere);
    expect(loggedOut.state.error).toBeNull();
    expect((await s.gql(`mutation{logout}`, {}, A.token)).data).toEqual({ logout: true });
    await ended(loggedOut);
    const [token] = await s.container.apiTokens.list(A.org.id);
    await s.container.apiTokens.revoke(A.org.id, SYSTEM_ACTOR, token!.id);
    await ended(revoked);

    await pay(A.org.id, inv.id, 2500);
    await eventually(async () => stays.events.length >= 1, 'the update for the portal user still signed in');
    await new Promise((r) => setTimeout(r, 200));
    for (const sub of [loggedOut, endedElsewhere, revoked]) expect(sub.events).toEqual([]);
    expect(stays.state.error).toBeNull();
  });

  // A page queries, then subscribes: a payment landing in between is never pushed to it. With current the
  // subscription starts with the invoice as it is once it listens, so the page misses nothing.
  it('with current, starts with the invoice as it is once it listens', async () => {
    const A = await createOrgWithOwner(s, 'Sub current');
    const f = await billingFixture(s.container, A.org.id);
    const other = await billingFixture(s.container, A.org.id, { clientName: 'Other' });
    const inv = await f.sentInvoice(60); // 100.00
    await pay(A.org.id, inv.id, 1000); // after the page's query, before its subscription

    // The read behind `current` is followed by a payment that is published before the read returns, as
    // if it had landed just then: only a subscription already listening while it reads receives it.
    const before = subscriptions.opened;
    const watcher = subscriber(A.token, { i: inv.id });
    await listening(before + 1);
    const get = s.container.invoices.get.bind(s.container.invoices);
    s.container.invoices.get = async (...args) => {
      s.container.invoices.get = get;
      const read = await get(...args);
      await pay(A.org.id, inv.id, 3000);
      await eventually(async () => watcher.events.length >= 1, 'the payment published');
      return read;
    };
    const live = subscriber(A.token, { i: inv.id, now: true });
    await eventually(
      async () => live.events.length >= 2,
      'the current invoice, then the payment made while it was read',
    );
    expect(live.events.map((e) => [e.invoice.status, e.invoice.amountPaid])).toEqual([
      ['PARTIALLY_PAID', 1000],
      ['PARTIALLY_PAID', 4000],
    ]);
    await pay(A.org.id, inv.id, 6000);
    await eventually(async () => live.events.length >= 3, 'the next payment');
    expect(live.events[2]!.invoice).toEqual({ status: 'PAID', balanceDue: 0, amountPaid: 10000 });
    expect(live.state.error).toBeNull();

    // Refused, and nothing sent: current without an invoice, and an invoice the caller may not see.
    const noInvoice = subscriber(A.token, { now: true });
    const otherClient = subscriber(await portalSession(s, A.org.id, other.client.id), { i: inv.id, now: true });
    await eventually(async () => noInvoice.state.error && otherClient.state.error, 'both refusals');
    expect(noInvoice.state.error).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT', field: 'current' } }]);
    expect(otherClient.state.error).toMatchObject([{ extensions: { code: 'NOT_FOUND' } }]);
    expect([...noInvoice.events, ...otherClient.events]).toEqual([]);
  });

  it('refuses a connection without a valid token', async () => {
    for (const token of [undefined, 'sess_not-a-session']) {
      const sub = subscriber(token);
      await eventually(async () => sub.state.error, 'the refusal');
      expect((sub.state.error as { code?: number }).code).toBe(4403);
      expect(sub.events).toEqual([]);
    }
  });
});
