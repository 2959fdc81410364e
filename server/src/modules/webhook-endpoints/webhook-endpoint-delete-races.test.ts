import { describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { clientCreatedEndpoint, loopbackWebhooksForFile } from './webhook-loopback.test-support.js';
import { holding, race, settled, untilWaiting } from '../../../test/lock-races.js';

/**
 * Deleting an endpoint while Settle is using it. The delete removes the endpoint's deliveries with it;
 * a drain recording a round, or a change queuing new deliveries, touches the same rows. Neither may
 * fail the other: they used to deadlock (the delete answered "Something went wrong") or fail the
 * change with a foreign-key error. Each test holds one delivery row so the two meet at a known point.
 */
const { s, receiver } = loopbackWebhooksForFile(() => ({ status: 200 }));

/** The endpoint's newest delivery row, to hold. */
const newestDelivery = (endpointId: string) => ({
  sql: `SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq DESC LIMIT 1 FOR UPDATE`,
  params: [endpointId],
});

describe('deleting a webhook endpoint while it is in use', () => {
  it('a drain recording its round meanwhile: both finish, the endpoint and its deliveries are gone', async () => {
    const { org, endpoint, newClient } = await clientCreatedEndpoint(s, receiver.url);
    for (let n = 0; n < 6; n++) await newClient(`Busy ${n}`);
    const w = webhooksOf(s.container);
    let deleted: Promise<{ value?: boolean; error?: string }> | undefined;
    let drained: Promise<{ value?: void; error?: string }> | undefined;
    const held = newestDelivery(endpoint.id);
    await holding(s.container.db, held.sql, held.params, async () => {
      deleted = settled(w.endpoints.delete(org.org.id, SYSTEM_ACTOR, endpoint.id));
      await untilWaiting(s.container.db, 1, 'the delete to wait on the held delivery');
      const before = receiver.received.length;
      drained = settled(w.deliverer.drain(endpoint.id));
      await eventually(async () => receiver.received.length - before >= 6, 'the drain to send the six events');
      // The drain records its round now: it waits on the delete (or the held row), never the other way round.
      await untilWaiting(s.container.db, 2, 'the drain to wait as it records');
    });
    expect(await deleted).toEqual({ value: true });
    expect(await drained).toEqual({ value: undefined });
    const [{ n }] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1`,
      [endpoint.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
  });

  it('a client created meanwhile is created, and nothing is queued for the deleted endpoint', async () => {
    const { org, endpoint, newClient } = await clientCreatedEndpoint(s, receiver.url);
    await newClient('Before');
    const w = webhooksOf(s.container);
    const [deleted, created] = await race(
      s.container.db,
      newestDelivery(endpoint.id),
      () => w.endpoints.delete(org.org.id, SYSTEM_ACTOR, endpoint.id),
      () => newClient('Meanwhile'),
    );
    expect(deleted).toEqual({ value: true });
    expect(created.error).toBeUndefined();
    const [{ n }] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1`,
      [endpoint.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
  });
});
