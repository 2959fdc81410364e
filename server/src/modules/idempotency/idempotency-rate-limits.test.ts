import { describe, expect, it } from 'vitest';
import { failure, ok } from '../../../test/api.js';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { billingFixture } from '../../../test/fixtures.js';

/**
 * A retry with the same idempotency key does nothing again, so it spends nothing of a rate limit: an
 * integrator whose answer was lost retries sendInvoice until it hears back, and gets the first send's
 * answer, not RATE_LIMITED once the retries outnumber the sends an hour allows.
 */
const s = settleForFile({ worker: false, env: { SETTLE_RATE_INVOICE_SEND: '2/3600' } });

const SEND = `mutation($id: ID!, $key: String) { sendInvoice(id: $id, idempotencyKey: $key) { id status sentAt } }`;

describe('sendInvoice retried with its idempotency key', () => {
  it('answers the first send every time, and counts one send against the invoice’s limit', async () => {
    const o = await createOrgWithOwner(s);
    const draft = await (await billingFixture(s.container, o.org.id)).draftInvoice(30);
    const first = ok(await s.gql(SEND, { id: draft.id, key: 'send-1' }, o.apiToken)).sendInvoice;
    for (let n = 0; n < 4; n++)
      expect(ok(await s.gql(SEND, { id: draft.id, key: 'send-1' }, o.apiToken)).sendInvoice).toEqual(first);
    // One real resend is left of the two an hour; the one after is refused.
    ok(await s.gql(SEND, { id: draft.id, key: 'send-2' }, o.apiToken));
    expect(failure(await s.gql(SEND, { id: draft.id, key: 'send-3' }, o.apiToken)).code).toBe('RATE_LIMITED');
  });
});
