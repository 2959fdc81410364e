import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { startReceiver, type Receiver } from './webhook-test-kit.js';

/**
 * Whatever an endpoint answers is kept in the delivery log as text PostgreSQL accepts. A NUL byte in an
 * answer made the round's one UPDATE fail: none of its attempts was recorded, so every one of them (the
 * delivered ones too) was sent again at each retry of the job, without end.
 */
let s: TestSettle;
let receiver: Receiver;

beforeAll(async () => {
  // The receiver listens on 127.0.0.1: the operator lets webhooks reach loopback.
  s = await startTestSettle({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  receiver = await startReceiver(() => ({ status: 200, body: 'ok\u0000\u0000binary' }));
});

afterAll(async () => {
  await receiver?.close();
  await s?.close();
});

describe('an answer with a NUL byte', () => {
  it('is recorded (without the NUL), and the delivery is not sent again', async () => {
    const org = await createOrgWithOwner(s);
    const { endpoint } = await webhooksOf(s.container).endpoints.create(org.org.id, SYSTEM_ACTOR, {
      url: receiver.url,
      events: ['CLIENT_CREATED'],
    });
    await s.container.clients.create(org.org.id, SYSTEM_ACTOR, {
      name: 'Nul Co',
      billingEmail: 'a@example.com',
      currency: 'USD',
    });
    await webhooksOf(s.container).deliverer.drain(endpoint.id);
    await webhooksOf(s.container).deliverer.drain(endpoint.id);
    expect(receiver.received).toHaveLength(1);
    const [d] = (await webhooksOf(s.container).deliveries.list(org.org.id, endpoint.id, { first: 5 })).nodes;
    expect(d).toMatchObject({ status: 'SUCCEEDED', httpStatus: 200 });
    expect(d!.responseExcerpt).toMatch(/^ok.*binary$/);
    expect(d!.responseExcerpt).not.toContain('\u0000');
  });
});
