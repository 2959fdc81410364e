import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, ok } from '../../../test/api.js';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { MAX_ENDPOINTS_PER_ORG } from './webhook-endpoint.service.js';

/**
 * What one org's admin can make Settle queue. With the worker off nothing is sent, so what waits is what
 * an endpoint that never answers (a black hole) would accumulate: each event at most once per endpoint,
 * whatever replays, resends and test sends are asked, and a bounded number of endpoints to fan out to.
 */
let s: TestSettle;
let org: Awaited<ReturnType<typeof createOrgWithOwner>>;

beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  org = await createOrgWithOwner(s);
});

afterAll(async () => {
  await s?.close();
});

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`;
const REPLAY = `mutation ($e: ID!, $f: DateTimeISO!, $t: DateTimeISO!) { replayWebhookEvents(endpointId: $e, from: $f, to: $t) }`;
const pending = async (endpointId: string) =>
  (
    (await s.container.db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'PENDING'`,
      [endpointId],
    )) as Array<{ n: number }>
  )[0]!.n;

describe('what an org can queue for its endpoints', () => {
  let endpointId: string;

  it('replays and resends never queue an event twice for an endpoint it is still waiting at', async () => {
    endpointId = ok(
      await s.gql(CREATE, { input: { url: 'https://93.184.216.34/hooks', events: ['CLIENT_CREATED'] } }, org.token),
    ).createWebhookEndpoint.endpoint.id;
    const from = new Date(Date.now() - 1000);
    for (const name of ['A', 'B', 'C'])
      await s.container.clients.create(org.org.id, SYSTEM_ACTOR, {
        name,
        billingEmail: 'a@example.com',
        currency: 'USD',
      });
    const to = new Date(Date.now() + 1000);
    expect(await pending(endpointId)).toBe(3);

    for (let n = 0; n < 5; n++) {
      const replayed = ok(await s.gql(REPLAY, { e: endpointId, f: from, t: to }, org.token));
      expect(replayed.replayWebhookEvents).toBe(3); // all three go out (again), once
    }
    expect(await pending(endpointId)).toBe(3);

    const [waiting] = (await s.container.db.query(
      `SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 ORDER BY seq LIMIT 1`,
      [endpointId],
    )) as Array<{ id: string }>;
    const resends = [];
    for (let n = 0; n < 3; n++)
      resends.push(
        ok(
          await s.gql(
            `mutation ($id: ID!) { resendWebhookDelivery(id: $id) { id status } }`,
            { id: waiting!.id },
            org.token,
          ),
        ).resendWebhookDelivery,
      );
    expect(resends.every((r) => r.id === waiting!.id && r.status === 'PENDING')).toBe(true);
    expect(await pending(endpointId)).toBe(3);
  });

  it('an object with an event not waiting gets all its events again, so its latest still arrives last', async () => {
    const ep = ok(
      await s.gql(
        CREATE,
        { input: { url: 'https://93.184.216.34/other', events: ['CLIENT_CREATED', 'CLIENT_UPDATED'] } },
        org.token,
      ),
    ).createWebhookEndpoint.endpoint.id;
    const from = new Date();
    const client = await s.container.clients.create(org.org.id, SYSTEM_ACTOR, {
      name: 'D',
      billingEmail: 'a@example.com',
      currency: 'USD',
    });
    await s.container.clients.update(org.org.id, SYSTEM_ACTOR, client.id, { name: 'D 2' });
    const to = new Date(Date.now() + 1000);
    // The creation was delivered; the update still waits.
    await s.container.db.query(
      `UPDATE webhook_deliveries d SET status = 'SUCCEEDED' FROM webhook_events e
        WHERE e.id = d.event_id AND d.endpoint_id = $1 AND e.type = 'client.created'`,
      [ep],
    );
    expect(ok(await s.gql(REPLAY, { e: ep, f: from, t: to }, org.token)).replayWebhookEvents).toBe(2);
    const queued = (await s.container.db.query(
      `SELECT e.type FROM webhook_deliveries d JOIN webhook_events e ON e.id = d.event_id
        WHERE d.endpoint_id = $1 AND d.status = 'PENDING' ORDER BY d.seq`,
      [ep],
    )) as Array<{ type: string }>;
    expect(queued.map((q) => q.type)).toEqual(['client.updated', 'client.created', 'client.updated']);
    // Now all of them wait: another replay adds nothing.
    ok(await s.gql(REPLAY, { e: ep, f: from, t: to }, org.token));
    expect(await pending(ep)).toBe(3);
  });

  it('a test event still waiting is answered again rather than queued again', async () => {
    const TEST = `mutation ($e: ID!) { sendTestWebhookEvent(endpointId: $e) { id eventId status } }`;
    const before = await pending(endpointId);
    const first = ok(await s.gql(TEST, { e: endpointId }, org.token)).sendTestWebhookEvent;
    for (let n = 0; n < 4; n++)
      expect(ok(await s.gql(TEST, { e: endpointId }, org.token)).sendTestWebhookEvent).toEqual(first);
    expect(await pending(endpointId)).toBe(before + 1);
  });

  it(`an org has at most ${MAX_ENDPOINTS_PER_ORG} endpoints: each one multiplies every event it subscribes to`, async () => {
    const o = await createOrgWithOwner(s);
    const input = { url: 'https://93.184.216.34/hooks', events: ['INVOICE_PAID'] };
    for (let n = 0; n < MAX_ENDPOINTS_PER_ORG; n++) ok(await s.gql(CREATE, { input }, o.token));
    const refused = failure(await s.gql(CREATE, { input }, o.token));
    expect(refused).toMatchObject({ code: 'CONFLICT' });
    expect(refused.message).toMatch(/at most 16 webhook endpoints/);
    const [{ n }] = (await s.container.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE org_id = $1`, [
      o.org.id,
    ])) as Array<{ n: number }>;
    expect(n).toBe(MAX_ENDPOINTS_PER_ORG);
    // Another org's count is its own.
    ok(await s.gql(CREATE, { input }, org.token));
  });
});
