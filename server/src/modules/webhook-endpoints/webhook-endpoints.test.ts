import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, ok } from '../../../test/api.js';
import { createOrgWithOwner, eventually, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { verifySettleSignature } from '../../../../examples/src/verify-webhook.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { startReceiver, type Receiver } from './webhook-test-kit.js';

/** The API end to end, with the job worker delivering to receivers on 127.0.0.1. */
const ENDPOINT = `id url description events enabled disabledReason secretPrefix`;
const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { ${ENDPOINT} } } }`;
const DELIVERIES = `query ($id: ID!) { webhookDeliveries(endpointId: $id) { nodes {
  id eventId eventType objectId status attemptCount httpStatus latencyMs responseExcerpt error nextRetryAt } } }`;

let s: TestSettle;
let receiver: Receiver;
let org: Awaited<ReturnType<typeof createOrgWithOwner>>;
let other: Awaited<ReturnType<typeof createOrgWithOwner>>;
/** Every answer the API gave in this file, to look for secrets in at the end. */
const answers: string[] = [];
const gql = async (query: string, variables: Record<string, unknown> = {}, token = org.token) => {
  const res = await s.gql(query, variables, token);
  answers.push(JSON.stringify(res));
  return res;
};

async function createEndpoint(events: string[], token = org.token, url = receiver.url) {
  return ok(await gql(CREATE, { input: { url, events, description: 'test' } }, token)).createWebhookEndpoint as {
    secret: string;
    endpoint: { id: string; secretPrefix: string };
  };
}

const newClient = (name: string, orgId = org.org.id) =>
  s.container.clients.create(orgId, SYSTEM_ACTOR, { name, billingEmail: 'a@example.com', currency: 'USD' });

beforeAll(async () => {
  // The receivers listen on 127.0.0.1: the operator lets webhooks reach loopback, and nothing else private.
  s = await startTestSettle({ env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  receiver = await startReceiver();
  org = await createOrgWithOwner(s);
  other = await createOrgWithOwner(s);
});

afterAll(async () => {
  await receiver?.close();
  await s?.close();
});

describe('outbound webhooks through the API', () => {
  let endpointId: string;
  let secret: string;

  it('delivers signed events of the subscribed types, in order per object', async () => {
    const created = await createEndpoint(['CLIENT_CREATED', 'CLIENT_UPDATED']);
    ({ secret } = created);
    endpointId = created.endpoint.id;
    expect(secret).toMatch(/^whsec_/);
    expect(created.endpoint.secretPrefix).toBe(`whsec_…${secret.slice(-4)}`);

    const client = await newClient('Ordered Co');
    for (let n = 1; n <= 5; n++)
      await s.container.clients.update(org.org.id, SYSTEM_ACTOR, client.id, { name: `Ordered ${n}` });
    const mine = () => receiver.events().filter((e) => e.data.object.id === client.id);
    await eventually(async () => mine().length === 6, 'six deliveries');
    expect(mine().map((e) => `${e.type}:${e.data.object.name}`)).toEqual([
      'client.created:Ordered Co',
      ...[1, 2, 3, 4, 5].map((n) => `client.updated:Ordered ${n}`),
    ]);
    const first = receiver.received.find((r) => JSON.parse(r.body).id === mine()[0]!.id)!;
    expect(verifySettleSignature(first.body, first.signature, secret)).toBe(true);
    expect(verifySettleSignature(first.body, first.signature, 'whsec_wrong')).toBe(false);
    expect(JSON.parse(first.body)).toMatchObject({
      api_version: '2026-12-01',
      data: { object: { billingEmail: 'a@example.com' } },
    });

    // The receiver holds an event before Settle has recorded its answer: wait for the log to catch up.
    const log = await eventually(async () => {
      const nodes = ok(await gql(DELIVERIES, { id: endpointId })).webhookDeliveries.nodes;
      return nodes.length === 6 && nodes.every((d: { status: string }) => d.status !== 'PENDING') ? nodes : null;
    }, 'six deliveries recorded');
    expect(log[0]).toMatchObject({ status: 'SUCCEEDED', attemptCount: 1, httpStatus: 200, responseExcerpt: 'ok' });
    expect(log[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('pages the delivery log newest first, forward and backward, each delivery once', async () => {
    const PAGE = `query ($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
      webhookDeliveries(endpointId: $id, first: $first, after: $after, last: $last, before: $before) {
        totalCount nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    type Page = {
      totalCount: number;
      nodes: Array<{ id: string }>;
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
    };
    const page = async (vars: Record<string, unknown>): Promise<Page> =>
      ok(await gql(PAGE, { id: endpointId, ...vars })).webhookDeliveries;
    const all = await page({ first: 200 });
    expect(all.nodes.length).toBeGreaterThanOrEqual(6);
    expect(all.totalCount).toBe(all.nodes.length);
    const forward: string[] = [];
    for (let after: string | null = null, more = true; more;) {
      const p: Page = await page({ first: 4, after });
      forward.push(...p.nodes.map((n) => n.id));
      [after, more] = [p.pageInfo.endCursor, p.pageInfo.hasNextPage];
    }
    const backward: string[] = [];
    for (let before: string | null = null, more = true; more;) {
      const p: Page = await page({ last: 4, before });
      backward.unshift(...p.nodes.map((n) => n.id));
      [before, more] = [p.pageInfo.startCursor, p.pageInfo.hasPreviousPage];
    }
    expect(forward).toEqual(all.nodes.map((n) => n.id));
    expect(backward).toEqual(forward);
    expect(failure(await gql(PAGE, { id: endpointId, first: 201 })).message).toMatch(/200/);
  });

  it("delivers to a healthy endpoint while a slow one is still answering, each object's events in order", async () => {
    const slow = await startReceiver(() => ({ status: 200, delayMs: 1_500 }));
    try {
      const slowId = (await createEndpoint(['CLIENT_CREATED'], org.token, slow.url)).endpoint.id;
      const healthy = await startReceiver();
      try {
        const healthyId = (await createEndpoint(['CLIENT_CREATED'], org.token, healthy.url)).endpoint.id;
        const started = Date.now();
        const clients = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => newClient(`Busy ${n}`)));
        const ids = new Set(clients.map((c) => c.id));
        const got = () => healthy.events().filter((e) => ids.has(e.data.object.id as string));
        await eventually(async () => got().length === clients.length, 'healthy endpoint has every event');
        // The slow endpoint answers after 1.5 s: the healthy one was not kept waiting behind it.
        expect(Date.now() - started).toBeLessThan(1_400);
        expect(slow.events().filter((e) => ids.has(e.data.object.id as string)).length).toBeLessThan(clients.length);
        await eventually(
          async () => slow.events().filter((e) => ids.has(e.data.object.id as string)).length === clients.length,
          'slow endpoint has every event too',
        );
        for (const id of [slowId, healthyId])
          ok(await gql(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id }));
      } finally {
        await healthy.close();
      }
    } finally {
      await slow.close();
    }
  });

  it('resends a delivery and replays a time range, keeping event ids', async () => {
    const from = new Date();
    const client = await newClient('Replay Co');
    await eventually(async () => receiver.events().some((e) => e.data.object.id === client.id), 'the first delivery');
    const to = new Date();
    const [latest] = ok(await gql(DELIVERIES, { id: endpointId })).webhookDeliveries.nodes;
    const resent = ok(
      await gql(`mutation ($id: ID!) { resendWebhookDelivery(id: $id) { id eventId status } }`, { id: latest.id }),
    );
    expect(resent.resendWebhookDelivery).toMatchObject({ eventId: latest.eventId, status: 'PENDING' });
    // Delivered before the replay: an event still waiting at the endpoint is not queued there twice.
    await eventually(async () => receiver.events().filter((e) => e.id === latest.eventId).length === 2, 'the resend');
    const replayed = ok(
      await gql(
        `mutation ($e: ID!, $f: DateTimeISO!, $t: DateTimeISO!) { replayWebhookEvents(endpointId: $e, from: $f, to: $t) }`,
        {
          e: endpointId,
          f: from.toISOString(),
          t: to.toISOString(),
        },
      ),
    );
    expect(replayed.replayWebhookEvents).toBe(1);
    await eventually(
      async () => receiver.events().filter((e) => e.id === latest.eventId).length === 3,
      'resend and replay',
    );
  });

  it('sends a test event', async () => {
    const sent = ok(
      await gql(`mutation ($e: ID!) { sendTestWebhookEvent(endpointId: $e) { eventId eventType } }`, { e: endpointId }),
    );
    expect(sent.sendTestWebhookEvent.eventType).toBe('webhook.test');
    await eventually(
      async () => receiver.events().some((e) => e.id === sent.sendTestWebhookEvent.eventId),
      'the test event',
    );
  });

  it('refuses private addresses the operator did not allow, at creation and at delivery', async () => {
    for (const url of ['http://10.0.0.1/x', 'http://[::1]/x', 'http://169.254.169.254/latest', 'http://192.168.1.1/'])
      expect(failure(await gql(CREATE, { input: { url, events: ['CLIENT_CREATED'] } })), url).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'url',
      });
    // An endpoint saved when its address was allowed (an org's old switch, a wider operator list) is
    // refused when delivering, saying why; no request leaves.
    const { endpoint } = await createEndpoint(['CLIENT_CREATED']);
    await s.container.db.query(`UPDATE webhook_endpoints SET url = 'http://10.255.255.1:9/x' WHERE id = $1`, [
      endpoint.id,
    ]);
    try {
      const client = await newClient('Refused Co');
      const refused = await eventually(async () => {
        const log = ok(await gql(DELIVERIES, { id: endpoint.id })).webhookDeliveries.nodes;
        return log.find(
          (d: { objectId: string; attemptCount: number }) => d.objectId === client.id && d.attemptCount > 0,
        );
      }, 'the refused attempt');
      expect(refused).toMatchObject({ status: 'PENDING', httpStatus: null, responseExcerpt: null });
      expect(refused.error).toMatch(/10\.255\.255\.1 is a private.*does not let webhooks reach/);
      expect(refused.nextRetryAt).toBeTruthy();
    } finally {
      ok(await gql(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpoint.id }));
    }
  });

  it('is for admins of the org only: another org cannot see or touch its endpoints', async () => {
    const theirs = await createEndpoint(['CLIENT_CREATED'], other.token);
    const list = ok(await gql(`{ webhookEndpoints { id } }`)).webhookEndpoints.map((e: { id: string }) => e.id);
    expect(list).toContain(endpointId);
    expect(list).not.toContain(theirs.endpoint.id);
    for (const [query, vars] of [
      [DELIVERIES, { id: theirs.endpoint.id }],
      [`mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: theirs.endpoint.id }],
      [`mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { id } }`, { id: theirs.endpoint.id }],
      [`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: theirs.endpoint.id }],
      [`mutation ($e: ID!) { sendTestWebhookEvent(endpointId: $e) { id } }`, { e: theirs.endpoint.id }],
    ] as const)
      expect(failure(await gql(query, vars)).code, query).toBe('NOT_FOUND');
    // A billing API token is not an admin.
    expect(failure(await gql(`{ webhookEndpoints { id } }`, {}, org.apiToken)).code).toBe('FORBIDDEN');
    // Events of the other org never reach this org's endpoint.
    const stranger = await newClient('Stranger Co', other.org.id);
    await eventually(async () => receiver.events().some((e) => e.data.object.id === stranger.id), 'their own delivery');
    const ours = ok(await gql(DELIVERIES, { id: endpointId })).webhookDeliveries.nodes;
    expect(ours.some((d: { objectId: string }) => d.objectId === stranger.id)).toBe(false);
  });

  it('rotates the secret (shown once), disables, enables and deletes', async () => {
    const rotated = ok(
      await gql(`mutation ($id: ID!) { rotateWebhookSecret(id: $id) { secret endpoint { secretPrefix } } }`, {
        id: endpointId,
      }),
    ).rotateWebhookSecret;
    expect(rotated.secret).not.toBe(secret);
    secret = rotated.secret;
    const off = ok(
      await gql(`mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { enabled } }`, { id: endpointId }),
    );
    expect(off.disableWebhookEndpoint.enabled).toBe(false);
    const client = await newClient('While Off Co');
    const on = ok(await gql(`mutation ($id: ID!) { enableWebhookEndpoint(id: $id) { enabled } }`, { id: endpointId }));
    expect(on.enableWebhookEndpoint.enabled).toBe(true);
    const sent = ok(
      await gql(`mutation ($e: ID!) { sendTestWebhookEvent(endpointId: $e) { eventId } }`, { e: endpointId }),
    );
    const got = await eventually(
      async () => receiver.received.find((r) => JSON.parse(r.body).id === sent.sendTestWebhookEvent.eventId),
      'the test event',
    );
    expect(verifySettleSignature(got.body, got.signature, secret)).toBe(true);
    // Nothing was queued for the endpoint while it was off.
    const log = ok(await gql(DELIVERIES, { id: endpointId })).webhookDeliveries.nodes;
    expect(log.some((d: { objectId: string }) => d.objectId === client.id)).toBe(false);
    expect(
      ok(await gql(`mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) }`, { id: endpointId })).deleteWebhookEndpoint,
    ).toBe(true);
    expect(ok(await gql(`{ webhookEndpoints { id } }`)).webhookEndpoints).toEqual([]);
  });

  it('never shows a secret in any API answer but the one that created or rotated it', async () => {
    const endpoints = (await s.container.db.query(`SELECT secret_sealed FROM webhook_endpoints`)) as Array<{
      secret_sealed: string;
    }>;
    const secrets = answers.flatMap((a) => [...a.matchAll(/"secret":"(whsec_[^"]+)"/g)].map((m) => m[1]!));
    expect(secrets.length).toBeGreaterThan(2);
    for (const one of secrets) expect(answers.filter((a) => a.includes(one)).length, one).toBe(1);
    for (const e of endpoints) expect(answers.some((a) => a.includes(e.secret_sealed))).toBe(false);
    // Nor is it stored in the clear.
    const stored = JSON.stringify(await s.container.db.query(`SELECT * FROM webhook_endpoints`));
    for (const one of secrets) expect(stored).not.toContain(one);
    expect(webhooksOf(s.container)).toBeTruthy();
  });
});
