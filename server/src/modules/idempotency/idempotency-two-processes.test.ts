import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSettle } from '../../app/bootstrap.js';
import { startSecondApi, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { newKey, rowsOf, twoKeyOrgs, type KeyOrg } from './idempotency-test-kit.js';

/**
 * Behind a load balancer, a retry (or a double click) with one Idempotency-Key can reach two API
 * processes at once. Keys live in PostgreSQL, not in a process: the money moves and the email is
 * queued once, and both answers are the first call's.
 */
let s: TestSettle;
let other: RunningSettle;
let o: KeyOrg;
beforeAll(async () => {
  s = await startTestSettle({ worker: false });
  other = await startSecondApi(s);
  [o] = await twoKeyOrgs(s, ['Idem two A', 'Idem two B']);
});
afterAll(async () => {
  await other?.stop();
  await s?.close();
});

/** The same call sent to both processes at once, with one key in the Idempotency-Key header. */
async function onBoth(query: string, variables: Record<string, unknown>) {
  const key = newKey();
  return Promise.all(
    [s.url, other.url].map(async (url) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}`, 'idempotency-key': key },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data: Record<string, unknown>; errors?: unknown[] };
    }),
  );
}

describe('one idempotency key sent to two API processes at once', () => {
  it('records the payment once', async () => {
    const inv = await o.fx.sentInvoice(60);
    const before = await rowsOf(s, 'payments', o.orgId);
    const answers = await onBoth(
      `mutation($i: RecordPaymentInput!) { recordPayment(input: $i) { payment { id amount } } }`,
      { i: { invoiceId: inv.id, amount: 1000, method: 'CHECK' } },
    );
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(answers[1]!.data).toEqual(answers[0]!.data);
    expect(await rowsOf(s, 'payments', o.orgId)).toBe(before + 1);
  });

  it('sends the invoice (and queues its email) once', async () => {
    const draft = await o.fx.draftInvoice(30);
    const before = await rowsOf(s, 'emails', o.orgId, `kind = 'invoice'`);
    const answers = await onBoth(`mutation($id: ID!) { sendInvoice(id: $id) { id number status sentAt } }`, {
      id: draft.id,
    });
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(answers[1]!.data).toEqual(answers[0]!.data);
    expect(await rowsOf(s, 'emails', o.orgId, `kind = 'invoice'`)).toBe(before + 1);
  });
});
