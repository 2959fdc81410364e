import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { Payment } from '../payments/payment.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { ingestEvent } from './stripe-inbox.js';
import {
  connectedOrg,
  invoiceOf,
  paidCheckoutSession,
  quietOrg,
  stripeModule,
  stripeWorldForFile,
} from './stripe-test-kit.js';

const w = stripeWorldForFile();

const sentInvoice = (o: Awaited<ReturnType<typeof connectedOrg>>, minutes: number) =>
  o.fx.sentInvoice(minutes, { destinations: ['EMAIL'] });

describe('stripe inbox batches', () => {
  it('applies a batch of payments in one drain; a replayed PaymentIntent records nothing; one bad event does not hold back the others', async () => {
    const o = await quietOrg(w);
    const a = await sentInvoice(o, 60);
    const b = await sentInvoice(o, 90);
    const created = Math.floor(Date.now() / 1000);
    // Sessions Stripe really has (events are confirmed with Stripe before money is booked); the bad one
    // is a genuine JPY payment for a USD invoice, which settlement refuses.
    const sa = await paidCheckoutSession(o.stripe, o.org.id, a.id, a.total);
    const sBad = await paidCheckoutSession(o.stripe, o.org.id, b.id, b.total, 'jpy');
    const sb = await paidCheckoutSession(o.stripe, o.org.id, b.id, b.total);
    const events = [
      { id: 'evt_batch_a', created, object: sa },
      { id: 'evt_batch_bad', created: created + 1, object: sBad },
      { id: 'evt_batch_b', created: created + 2, object: sb },
      { id: 'evt_batch_a_again', created: created + 3, object: sa },
    ];
    for (const e of events) {
      const evt = {
        id: e.id,
        object: 'event',
        created: e.created,
        type: 'checkout.session.completed',
        data: { object: e.object },
      };
      await ingestEvent(
        w.settle.container.db,
        o.org.id,
        evt as unknown as Stripe.Event,
        JSON.stringify(evt),
        'WEBHOOK',
      );
    }

    await stripeModule(w).processor.drain(o.org.id);

    const payments = await w.settle.container.db.getRepository(Payment).findBy({ orgId: o.org.id });
    const pi = (x: Stripe.Checkout.Session) => x.payment_intent as string;
    expect(payments.map((p) => p.externalId).sort()).toEqual([pi(sa), pi(sb)].sort());
    expect((await invoiceOf(w, o.org.id, a.id)).status).toBe('PAID');
    expect((await invoiceOf(w, o.org.id, b.id)).status).toBe('PAID');
    const rows = await w.settle.container.db.getRepository(StripeEventInbox).findBy({ orgId: o.org.id });
    const byId = new Map(rows.map((r) => [r.eventId, r]));
    expect(byId.get('evt_batch_a')!.status).toBe('DONE');
    expect(byId.get('evt_batch_b')!.status).toBe('DONE');
    expect(byId.get('evt_batch_a_again')!.outcome).toBe(`already recorded ${pi(sa)}`);
    expect(byId.get('evt_batch_bad')!.status).toBe('PENDING');
    expect(byId.get('evt_batch_bad')!.error).toMatch(/JPY/);
  });
});
