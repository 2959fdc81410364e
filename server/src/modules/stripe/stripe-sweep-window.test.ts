import { describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import type { DrainScheduler } from './stripe-inbox.js';
import type { StripeApi } from './stripe-client.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import { StripeConnection } from './stripe-connection.entity.js';
import { StripeEventInbox } from './stripe-event-inbox.entity.js';
import { StripeSweep } from './stripe-sweep.task.js';
import { quietOrg, stripeModule, stripeWorldForFile } from './stripe-test-kit.js';

const w = stripeWorldForFile({ worker: false });

/** `n` events 10 s apart from `base` on, listed as Stripe does: newest first, `starting_after` reads older. */
function stripeWithEvents(n: number, base: number): StripeApi {
  const events = Array.from({ length: n }, (_, i) => ({
    id: `evt_window_${String(i).padStart(4, '0')}_${base}`,
    object: 'event',
    type: 'charge.dispute.created',
    created: base + i * 10,
    livemode: false,
    data: { object: { id: `dp_window_${i}`, object: 'dispute', payment_intent: `pi_window_${i}` } },
  })).reverse() as unknown as Stripe.Event[];
  return {
    subscribeWebhookEndpoint: async () => undefined,
    listEvents: async (p: { since: number; startingAfter?: string }) => {
      const inWindow = events.filter((e) => e.created >= p.since);
      const from = p.startingAfter ? inWindow.findIndex((e) => e.id === p.startingAfter) + 1 : 0;
      const data = inWindow.slice(from, from + 100);
      return { data, hasMore: from + 100 < inWindow.length };
    },
  } as unknown as StripeApi;
}

describe('the sweep of a window larger than one run', () => {
  it('reads every event of the window, the older ones on the next run, before the cursor moves', async () => {
    const o = await quietOrg(w);
    const { connections } = stripeModule(w);
    const base = Math.floor(Date.now() / 1000) - 7200;
    await w.settle.container.db.getRepository(StripeConnection).update({ orgId: o.org.id }, { eventsCursor: base });
    const api = stripeWithEvents(250, base);
    const fake = {
      find: (orgId: string) => connections.find(orgId),
      provider: () => api,
    } as unknown as StripeConnectionService;
    const scheduler = { kick: () => undefined } as unknown as DrainScheduler;
    // At most 2 pages (200 events) a run.
    const sweep = new StripeSweep(w.settle.container.db, fake, scheduler, 1000, 2);
    let run = await sweep.sweepOrg(o.org.id);
    for (let n = 0; run.resume && n < 5; n++) run = await sweep.sweepOrg(o.org.id, run.resume);
    await sweep.sweepOrg(o.org.id); // the next regular sweep
    const inbox = await w.settle.container.db.getRepository(StripeEventInbox).findBy({ orgId: o.org.id });
    expect(inbox).toHaveLength(250);
    const conn = await w.settle.container.db.getRepository(StripeConnection).findOneByOrFail({ orgId: o.org.id });
    expect(conn.eventsCursor).toBe(base + 249 * 10);
  });
});
