import { describe, expect, it, vi } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import type Stripe from 'stripe';
import { ingestEvent } from './stripe-inbox.js';
import {
  type ConnectedOrg,
  inboxSettled,
  paidCheckoutSession,
  quietOrg,
  startStripeWorld,
  stripeModule,
} from './stripe-test-kit.js';

const w = forFile(async () => {
  // No job worker: the tests drive the drain, and a worker's recovery cron or sweep could drain (part of)
  // a backlog first on a busy machine (seen in CI: 136 of 270 events applied before the test's drain).
  const world = await startStripeWorld({ worker: false });
  // Claims of 200 here, so a backlog of 270 events spans claims.
  stripeModule(world).processor.claimSize = 200;
  return world;
});

/** SENT invoices of 10,000 minor units, straight into the table (the drain, not invoicing, is under test). */
async function sentInvoices(o: ConnectedOrg, n: number, label: string): Promise<string[]> {
  const rows = (await w.settle.container.db.query(
    `INSERT INTO invoices (org_id, client_id, number, currency, status, issue_date, due_date, subtotal, total, balance_due, finalized_at, sent_at)
     SELECT $1, $2, $3 || g, 'USD', 'SENT', current_date, current_date + 30, 10000, 10000, 10000, now(), now() FROM generate_series(1, $4) g RETURNING id`,
    [o.org.id, o.fx.client.id, `${label}-`, n],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}

function event(orgId: string, id: string, created: number, type: string, object: object): Stripe.Event {
  return {
    id,
    object: 'event',
    created,
    type,
    data: { object: { ...object, metadata: { ...(object as { metadata?: object }).metadata, settle_org_id: orgId } } },
  } as unknown as Stripe.Event;
}
/** A session Stripe really has, paid (events are confirmed with Stripe before money is booked). */
const session = (o: ConnectedOrg, invoiceId: string, amount: number) =>
  paidCheckoutSession(o.stripe, o.org.id, invoiceId, amount);

/** Three connected orgs with 90 paid Checkout sessions each in the inbox: more than one claim (200) holds. */
async function backlog(label: string) {
  const orgs = [await quietOrg(w, `${label} A`), await quietOrg(w, `${label} B`), await quietOrg(w, `${label} C`)];
  // The sessions are paid on Stripe first (slow), then the events go in at once: the inbox recovery
  // cron must not find half a backlog and drain it before the test does.
  const paid: Array<{ o: ConnectedOrg; s: Stripe.Checkout.Session }> = [];
  for (const o of orgs) {
    for (const invoiceId of await sentInvoices(o, 90, o.org.name))
      paid.push({ o, s: await session(o, invoiceId, 10000) });
  }
  const created = Math.floor(Date.now() / 1000);
  for (const [n, { o, s }] of paid.entries()) {
    const evt = event(o.org.id, `evt_${label.replace(/\W/g, '_')}_${n}`, created + n, 'checkout.session.completed', s);
    await ingestEvent(w.settle.container.db, o.org.id, evt, JSON.stringify(evt), 'WEBHOOK');
  }
  return orgs;
}

describe('stripe inbox drain', () => {
  // More events than one claim holds (200), across orgs: every claim is applied, each payment exactly once.
  it('drains a backlog larger than a claim, across orgs, recording every payment once', async () => {
    const orgs = await backlog('Drain');
    await stripeModule(w).processor.drain();
    for (const o of orgs) {
      const rows = await inboxSettled(w, o.org.id);
      expect(rows.filter((r) => r.status === 'DONE')).toHaveLength(90);
      const [paid] = (await w.settle.container.db.query(
        `SELECT count(*) FILTER (WHERE status = 'PAID' AND amount_paid = 10000)::int AS paid, (SELECT count(*)::int FROM payments WHERE org_id = $1) AS payments FROM invoices WHERE org_id = $1`,
        [o.org.id],
      )) as Array<{ paid: number; payments: number }>;
      expect(paid).toEqual({ paid: 90, payments: 90 });
    }
  }, 90_000); // 270 sessions paid on the emulator, then 270 events each confirmed with it: slow on a busy machine

  // An org with another kind of event between its payments goes event by event, in `created` order:
  // the session expired in between does not stop the payment after it, and the payment before it counts.
  it('applies an org with non-money events in between in created order', async () => {
    const o = await quietOrg(w, 'Drain mixed');
    const [first, second] = await sentInvoices(o, 2, 'MIX');
    const created = Math.floor(Date.now() / 1000);
    const [s1, s3, s4] = [
      await session(o, first!, 4000),
      await session(o, first!, 6000),
      await session(o, second!, 10000),
    ];
    const events = [
      event(o.org.id, 'evt_mix_1', created, 'checkout.session.completed', s1),
      event(o.org.id, 'evt_mix_2', created + 1, 'checkout.session.expired', {
        id: 'cs_mix_x',
        object: 'checkout.session',
        status: 'expired',
        metadata: { settle_invoice_id: second },
      }),
      event(o.org.id, 'evt_mix_3', created + 2, 'checkout.session.completed', s3),
      event(o.org.id, 'evt_mix_4', created + 3, 'checkout.session.completed', s4),
    ];
    for (const e of events.reverse())
      await ingestEvent(w.settle.container.db, o.org.id, e, JSON.stringify(e), 'WEBHOOK');
    await stripeModule(w).processor.drain(o.org.id);
    const rows = await inboxSettled(w, o.org.id);
    expect(rows.map((r) => [r.eventId, r.status]).sort()).toEqual([
      ['evt_mix_1', 'DONE'],
      ['evt_mix_2', 'DONE'],
      ['evt_mix_3', 'DONE'],
      ['evt_mix_4', 'DONE'],
    ]);
    const invoices = (await w.settle.container.db.query(
      `SELECT id, status, amount_paid::int AS paid FROM invoices WHERE org_id = $1 ORDER BY number`,
      [o.org.id],
    )) as Array<{ id: string; status: string; paid: number }>;
    expect(invoices.map((i) => [i.status, i.paid])).toEqual([
      ['PAID', 10000],
      ['PAID', 10000],
    ]);
    const payments = (await w.settle.container.db.query(
      `SELECT external_id, amount::int AS amount FROM payments WHERE org_id = $1 ORDER BY created_at, external_id`,
      [o.org.id],
    )) as Array<{ external_id: string; amount: number }>;
    expect(payments.map((p) => p.external_id).sort()).toEqual(
      [s1, s3, s4].map((s) => s.payment_intent as string).sort(),
    );
  });

  // A claim whose commit fails (the connection lost mid-commit) stops the drain; what it claimed and the
  // claim fetched after it go back to PENDING at once, their attempt not counted, and the job's retry
  // applies every event exactly once.
  it('hands back what it claimed when a commit fails, and the retry applies it once', async () => {
    const orgs = await backlog('Drain fail');
    const processor = stripeModule(w).processor;
    const commit = vi
      .spyOn(processor as unknown as { commitMoney: () => Promise<void> }, 'commitMoney')
      .mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    await expect(processor.drain()).rejects.toThrow('Connection terminated unexpectedly');
    const states = async () =>
      (await w.settle.container.db.query(
        `SELECT status, attempts, count(*)::int AS n FROM stripe_event_inbox WHERE org_id = ANY($1::uuid[]) GROUP BY 1, 2 ORDER BY 1`,
        [orgs.map((o) => o.org.id)],
      )) as Array<{ status: string; attempts: number; n: number }>;
    expect(await states()).toEqual([{ status: 'PENDING', attempts: 0, n: 270 }]);
    commit.mockRestore();
    await processor.drain();
    expect(await states()).toEqual([{ status: 'DONE', attempts: 1, n: 270 }]);
    const [paid] = (await w.settle.container.db.query(
      `SELECT count(*) FILTER (WHERE status = 'PAID' AND amount_paid = 10000)::int AS paid, (SELECT count(*)::int FROM payments WHERE org_id = ANY($1::uuid[])) AS payments FROM invoices WHERE org_id = ANY($1::uuid[])`,
      [orgs.map((o) => o.org.id)],
    )) as Array<{ paid: number; payments: number }>;
    expect(paid).toEqual({ paid: 270, payments: 270 });
  });
});
