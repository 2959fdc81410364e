import { describe, expect, it } from 'vitest';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { clientCreatedEndpoint, loopbackWebhooksForFile } from './webhook-loopback.test-support.js';

/**
 * Whatever an endpoint answers is kept in the delivery log as text PostgreSQL accepts. A NUL byte in an
 * answer made the round's one UPDATE fail: none of its attempts was recorded, so every one of them (the
 * delivered ones too) was sent again at each retry of the job, without end.
 */
const { s, receiver } = loopbackWebhooksForFile(() => ({ status: 200, body: 'ok\u0000\u0000binary' }));

describe('an answer with a NUL byte', () => {
  it('is recorded (without the NUL), and the delivery is not sent again', async () => {
    const { org, endpoint, newClient } = await clientCreatedEndpoint(s, receiver.url);
    await newClient('Nul Co');
    await webhooksOf(s.container).deliverer.drain(endpoint.id);
    await webhooksOf(s.container).deliverer.drain(endpoint.id);
    expect(receiver.received).toHaveLength(1);
    const [d] = (await webhooksOf(s.container).deliveries.list(org.org.id, endpoint.id, { first: 5 })).nodes;
    expect(d).toMatchObject({ status: 'SUCCEEDED', httpStatus: 200 });
    expect(d!.responseExcerpt).toMatch(/^ok.*binary$/);
    expect(d!.responseExcerpt).not.toContain('\u0000');
  });
});
