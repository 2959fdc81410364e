// Test support (not a test file): Settle delivering webhooks to a receiver of this file on 127.0.0.1.
import { forFile, settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { startReceiver, type Answer } from './webhook-test-kit.js';

/**
 * Settle (no worker) and a receiver answering every delivery with `answer`, for this file's tests. The
 * receiver listens on 127.0.0.1: the operator lets webhooks reach loopback. It closes before Settle.
 */
export function loopbackWebhooksForFile(answer: (n: number, body: string) => Answer) {
  const s = settleForFile({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  const receiver = forFile(() => startReceiver(answer), 'the webhook receiver');
  return { s, receiver };
}

/** A fresh org with an endpoint at `url` for CLIENT_CREATED; `newClient(name)` makes one event for it. */
export async function clientCreatedEndpoint(s: TestSettle, url: string) {
  const org = await createOrgWithOwner(s);
  const { endpoint } = await webhooksOf(s.container).endpoints.create(org.org.id, SYSTEM_ACTOR, {
    url,
    events: ['CLIENT_CREATED'],
  });
  const newClient = (name: string) =>
    s.container.clients.create(org.org.id, SYSTEM_ACTOR, { name, billingEmail: 'a@example.com', currency: 'USD' });
  return { org, endpoint, newClient };
}
