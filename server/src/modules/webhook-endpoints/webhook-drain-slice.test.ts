import { describe, expect, it } from 'vitest';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { clientCreatedEndpoint, loopbackWebhooksForFile } from './webhook-loopback.test-support.js';

/**
 * How long one drain holds its worker slot. The worker's slots are shared by every org and every job
 * (emails, Stripe events, billing), so an endpoint that answers slowly, with many objects due at once (a
 * replay), must hand its slot on after its slice, not after every due head was tried 16 at a time.
 */
const { s, receiver } = loopbackWebhooksForFile(() => ({ status: 200, delayMs: 1500 }));

describe('a drain of a slow endpoint', () => {
  it('starts no attempt after its slice, and comes back at once for the rest', async () => {
    const { endpoint, newClient } = await clientCreatedEndpoint(s, receiver.url);
    for (let n = 0; n < 64; n++) await newClient(`Slow ${n}`);

    const started = Date.now();
    await webhooksOf(s.container).deliverer.drain(endpoint.id);
    const held = Date.now() - started;

    // 16 at a time, 1.5 s each: two waves start within the 2 s slice; the old drain tried all 4 waves (6 s).
    expect(held).toBeLessThan(4_500);
    const sent = receiver.received.length;
    expect([16, 32]).toContain(sent); // whole waves, as many as started within the slice
    const [{ pending, untried }] = (await s.container.db.query(
      `SELECT count(*)::int AS pending, count(*) FILTER (WHERE attempt_count = 0)::int AS untried
         FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'PENDING'`,
      [endpoint.id],
    )) as Array<{ pending: number; untried: number }>;
    expect({ pending, untried }).toEqual({ pending: 64 - sent, untried: 64 - sent });
    // Its job is queued again, due now: the rest go out after the jobs that waited meanwhile.
    const jobs = (await s.container.db.query(`SELECT run_at FROM graphile_worker.jobs WHERE key = $1`, [
      `whk:${endpoint.id}`,
    ])) as Array<{ run_at: Date }>;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.run_at.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
