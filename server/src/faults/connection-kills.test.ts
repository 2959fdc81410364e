import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrgWithOwner, eventually, startTestSettle, type TestSettle } from '../../test/harness.js';
import { SYSTEM_ACTOR } from '../platform/actor.js';
import { LISTENER_APPLICATION_NAME } from '../platform/events/invoice-events.js';
import { PaymentMethod, PaymentSource } from '../modules/payments/payment.entity.js';
import { backends, openInvoice, sleep, terminate, LISTENER, subscribeToInvoice } from './fault-kit.js';

// Issue #18 points 6 and 7: the invoice listener stays one connection and keeps hearing after its backend
// is killed; subscribers get what changed during the gap; killing pool connections crashes nothing.
let s: TestSettle;
let url: string;
beforeAll(async () => {
  s = await startTestSettle({ worker: true });
  url = s.container.databaseUrl;
});
afterAll(async () => s?.close());

const sentInvoice = (orgId: string) => openInvoice(s, orgId, 'K');

const pay = (orgId: string, invoiceId: string, amount: number, ref: string) =>
  s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
    invoiceId,
    amount,
    source: PaymentSource.MANUAL,
    method: PaymentMethod.CHECK,
    reference: ref,
  });

const subscribe = (token: string, invoiceId: string) => subscribeToInvoice(s.url, token, invoiceId);

describe('connection kills', () => {
  it('keeps exactly one listener connection through repeated kills of its backend', async () => {
    expect(await backends(url, LISTENER)).toBe(1);
    for (let round = 0; round < 6; round++) {
      expect(await terminate(url, LISTENER)).toBe(1);
      await eventually(async () => (await backends(url, LISTENER)) === 1, 'the listener to reconnect', 10_000);
      await sleep(200);
    }
    await sleep(1_000);
    expect(await backends(url, LISTENER)).toBe(1);
  });

  it('subscribers hear changes after a listener kill, including one made while it was away', async () => {
    const a = await createOrgWithOwner(s, 'Listener kill');
    const invoiceId = await sentInvoice(a.org.id);
    const sub = subscribe(a.token, invoiceId);
    await sleep(500);
    // The listener is away while a payment commits: its NOTIFY is lost, so the reconnect must re-push.
    const blocker = await terminate(url, LISTENER);
    expect(blocker).toBe(1);
    await pay(a.org.id, invoiceId, 2500, 'gap');
    await eventually(
      async () => sub.events.some((e) => e.balanceDue === 7500),
      'the change made during the gap',
      10_000,
    );
    // And later changes arrive as usual.
    await eventually(async () => (await backends(url, LISTENER)) === 1, 'the listener');
    await pay(a.org.id, invoiceId, 7500, 'after');
    await eventually(
      async () => sub.events.some((e) => e.status === 'PAID' && e.balanceDue === 0),
      'the change after the reconnect',
      10_000,
    );
    await sub.close();
  });

  it('survives killing every pool connection, repeatedly, with the worker at full strength', async () => {
    const a = await createOrgWithOwner(s, 'Pool kill');
    const errors: unknown[] = [];
    const onError = (e: unknown) => errors.push(e);
    process.on('uncaughtException', onError);
    try {
      for (let round = 0; round < 10; round++) {
        await terminate(url, `application_name <> '${LISTENER_APPLICATION_NAME}'`);
        await sleep(300);
      }
      // The API answers again (pg replaces the dead connections), jobs run, the listener is back.
      await eventually(
        async () => {
          const r = await s.gql(`{ me { user { id } } }`, {}, a.token).catch(() => null);
          return r && !r.errors;
        },
        'the API to answer',
        15_000,
      );
      await eventually(async () => s.worker!.workers === s.worker!.configured, 'all workers', 20_000);
      const ready = await eventually(
        async () => {
          const r = await fetch(`${s.url}/readyz`);
          return r.status === 200 ? ((await r.json()) as { workers: number; listener: boolean }) : null;
        },
        '/readyz to be green',
        20_000,
      );
      expect(ready).toMatchObject({ workers: s.worker!.configured, listener: true });
      expect(await backends(url, LISTENER)).toBe(1);
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([]);
  });
});
