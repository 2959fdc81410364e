import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { ManualClock } from '../../platform/clock.js';
import { verifySettleSignature } from '../../../../examples/src/verify-webhook.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { RETRY_WINDOW_MS } from './webhook-retry.js';
import { startReceiver, type Answer, type Receiver } from './webhook-test-kit.js';

/**
 * Retries on a ManualClock, with the worker off: the test runs the delivery job itself (what the
 * worker would run at each retry time), so days of backoff pass in milliseconds.
 */
let s: TestSettle;
let org: Awaited<ReturnType<typeof createOrgWithOwner>>;
let receiver: Receiver;
let answer: (n: number) => Answer = () => ({ status: 200 });
const clock = new ManualClock(new Date());

beforeAll(async () => {
  // The receiver listens on 127.0.0.1: the operator lets webhooks reach loopback.
  s = await startTestSettle({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  s.container.clock = clock;
  org = await createOrgWithOwner(s);
  receiver = await startReceiver((n) => answer(n));
});

afterAll(async () => {
  await receiver?.close();
  await s?.close();
});

const webhooks = () => webhooksOf(s.container);
const newClient = (name: string) =>
  s.container.clients.create(org.org.id, SYSTEM_ACTOR, { name, billingEmail: 'r@example.com', currency: 'USD' });
/** Drains every endpoint with pending deliveries once, as the worker's jobs would (the worker is off). */
async function runJobs(): Promise<void> {
  const endpoints = (await s.container.db.query(
    `SELECT DISTINCT endpoint_id AS e FROM webhook_deliveries WHERE status = 'PENDING'`,
  )) as Array<{ e: string }>;
  for (const j of endpoints) await webhooks().deliverer.drain(j.e);
}
const deliveries = async (endpointId: string) =>
  (await webhooks().deliveries.list(org.org.id, endpointId, { first: 100 })).nodes;

describe('webhook retries', () => {
  it('retries a failed delivery on schedule, holding back the object’s later events, then delivers in order', async () => {
    const { endpoint, secret } = await webhooks().endpoints.create(org.org.id, SYSTEM_ACTOR, {
      url: receiver.url,
      events: ['CLIENT_CREATED', 'CLIENT_UPDATED'],
    });
    answer = (n) => (n < 2 ? { status: 503, body: 'x'.repeat(2000) } : { status: 200 });
    const client = await newClient('Retry Co');
    await s.container.clients.update(org.org.id, SYSTEM_ACTOR, client.id, { name: 'Retry Co 2' });

    await runJobs();
    expect(receiver.received.length).toBe(1); // the first failed; the update waits behind it
    let [update, created] = await deliveries(endpoint.id);
    expect(created).toMatchObject({ status: 'PENDING', attemptCount: 1, httpStatus: 503 });
    expect(created!.responseExcerpt!.length).toBe(500);
    expect(created!.nextRetryAt!.getTime() - clock.now().getTime()).toBe(10_000);
    expect(update).toMatchObject({ status: 'PENDING', attemptCount: 0 });

    await runJobs(); // not due yet: nothing is sent
    expect(receiver.received.length).toBe(1);
    clock.advance(10_000);
    await runJobs(); // second failure: the next wait doubles
    [, created] = await deliveries(endpoint.id);
    expect(created).toMatchObject({ attemptCount: 2 });
    expect(created!.nextRetryAt!.getTime() - clock.now().getTime()).toBe(20_000);
    clock.advance(20_000);
    await runJobs();
    [update, created] = await deliveries(endpoint.id);
    expect(created).toMatchObject({ status: 'SUCCEEDED', attemptCount: 3, httpStatus: 200 });
    expect(update).toMatchObject({ status: 'SUCCEEDED', attemptCount: 1 });
    const bodies = receiver.events();
    expect(bodies.map((e) => e.type)).toEqual(['client.created', 'client.created', 'client.created', 'client.updated']);
    expect(new Set(bodies.slice(0, 3).map((e) => e.id)).size).toBe(1); // one event id on every attempt
    for (const r of receiver.received)
      expect(verifySettleSignature(r.body, r.signature, secret, 300, Math.floor(clock.now().getTime() / 1000))).toBe(
        true,
      );
    await webhooks().endpoints.delete(org.org.id, SYSTEM_ACTOR, endpoint.id);
  });

  it('disables the endpoint after 3 days of failures and emails the org’s admins', async () => {
    const { endpoint } = await webhooks().endpoints.create(org.org.id, SYSTEM_ACTOR, {
      url: receiver.url,
      events: ['CLIENT_CREATED'],
    });
    answer = () => ({ status: 500 });
    const client = await newClient('Down Co');
    const start = clock.now().getTime();
    const byObject = async (objectId: string) => (await deliveries(endpoint.id)).find((d) => d.objectId === objectId)!;
    let later: { id: string } | null = null;
    for (let i = 0; i < 60; i++) {
      await runJobs();
      const d = await byObject(client.id);
      if (d.status !== 'PENDING') break;
      clock.set(d.nextRetryAt!);
      // A second object's event a day in: still within its own 3 days when the endpoint is disabled.
      if (!later && clock.now().getTime() - start > 86_400_000) later = await newClient('Later Co');
    }
    expect(await byObject(client.id)).toMatchObject({ status: 'FAILED', nextRetryAt: null });
    expect(clock.now().getTime() - start).toBe(RETRY_WINDOW_MS);
    expect(await byObject(later!.id)).toMatchObject({ status: 'PENDING' });
    const [ep] = await webhooks().endpoints.list(org.org.id);
    expect(ep).toMatchObject({ id: endpoint.id, enabled: false });
    expect(ep!.disabledReason).toMatch(/3 days/);
    const mails = (await s.container.db.query(
      `SELECT to_address, subject, text_body, html_body FROM emails WHERE org_id = $1 AND kind = 'webhook_endpoint_disabled'`,
      [org.org.id],
    )) as Array<{ to_address: string; subject: string; text_body: string; html_body: string }>;
    // The endpoint by its origin only: a receiver's path may hold its secret, and billing staff read emails.
    const origin = new URL(receiver.url).origin;
    expect(mails.map((m) => [m.to_address, m.subject])).toEqual([
      [org.owner.email, `Webhook endpoint disabled: ${origin}/…`],
    ]);
    expect(mails[0]!.text_body).toContain(`to ${origin}/… for 3 days`);
    for (const body of [mails[0]!.text_body, mails[0]!.html_body]) expect(body).not.toContain(receiver.url);

    // While it is off, nothing is queued for it or sent.
    answer = () => ({ status: 200 });
    const sent = receiver.received.length;
    const quiet = await newClient('Quiet Co');
    await runJobs();
    expect(receiver.received.length).toBe(sent);
    // Enabled again, what was waiting goes out at once (a fresh retry window); what happened meanwhile does not.
    await webhooks().endpoints.setEnabled(org.org.id, SYSTEM_ACTOR, endpoint.id, true);
    await runJobs();
    expect(await byObject(later!.id)).toMatchObject({ status: 'SUCCEEDED' });
    expect(receiver.events().at(-1)!.data.object.id).toBe(later!.id);
    expect((await deliveries(endpoint.id)).some((d) => d.objectId === quiet.id)).toBe(false);
  });
});
