import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, callError, control, qboClient, serviceLine, startEmulator, startWebhookReceiver } from './testing.js';
import type { QuickBooksEmulator } from './types.js';
import { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';

const vector = JSON.parse(
  readFileSync(new URL('../test/fixtures/intuit-webhook-signature-vector.json', import.meta.url), 'utf8'),
);
const VERIFIER = 'test-verifier-token-123';

let emu: QuickBooksEmulator;
let qbo: any;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  hook = await startWebhookReceiver();
  emu = await startEmulator({ webhook: { url: hook.url, verifierToken: VERIFIER, retryScheduleMs: [50, 50, 50] } });
  qbo = qboClient(emu);
});
afterAll(async () => {
  await emu.close();
  await hook.close();
});
beforeEach(async () => {
  await control(emu, '/webhooks/flush', {});
  hook.received.length = 0;
  hook.state.status = 200;
  await control(emu, '/webhooks', { format: 'legacy' });
});

describe('webhook signature', () => {
  it("verifies Intuit's published test vector", () => {
    expect(signWebhookPayload(vector.payload, vector.verifierToken)).toBe(vector.intuitSignature);
    expect(verifyWebhookSignature(vector.payload, vector.intuitSignature, vector.verifierToken)).toBe(true);
    expect(verifyWebhookSignature(`${vector.payload} `, vector.intuitSignature, vector.verifierToken)).toBe(false);
  });
});

describe('webhook delivery', () => {
  it('batches API changes into one signed legacy notification', async () => {
    const c = await call((cb) => qbo.createCustomer({ DisplayName: 'Hook Co' }, cb));
    await call((cb) => qbo.updateCustomer({ Id: c.Id, SyncToken: c.SyncToken, Notes: 'x' }, cb));
    await hook.waitFor(() => hook.received.length >= 1);
    const w = hook.received[0];
    expect(verifyWebhookSignature(w.raw, w.headers['intuit-signature'] as string, VERIFIER)).toBe(true);
    // independent of our signer: Intuit's documented algorithm over the raw bytes
    expect(w.headers['intuit-signature']).toBe(createHmac('sha256', VERIFIER).update(w.raw).digest('base64'));
    expect(w.headers['content-type']).toContain('application/json');
    const n = w.json.eventNotifications[0];
    expect(n.realmId).toBe(emu.credentials.realmId);
    expect(n.dataChangeEvent.entities).toEqual([
      {
        name: 'Customer',
        id: c.Id,
        operation: 'Create',
        lastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$/),
      },
      { name: 'Customer', id: c.Id, operation: 'Update', lastUpdated: expect.any(String) },
    ]);
  });

  it('emits Void and Delete operations and CloudEvents when configured', async () => {
    await control(emu, '/webhooks', { format: 'cloudevents' });
    const inv = await call((cb) =>
      qbo.createInvoice(
        {
          CustomerRef: { value: '1' },
          Line: [{ Amount: 5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: {} }],
        },
        cb,
      ),
    );
    const v = await call((cb) => qbo.voidInvoice({ Id: inv.Id, SyncToken: inv.SyncToken }, cb));
    await call((cb) => qbo.deleteInvoice({ Id: inv.Id, SyncToken: v.Invoice.SyncToken }, cb));
    await hook.waitFor(() => hook.received.flatMap((w) => w.json).length >= 3);
    const events = hook.received.flatMap((w) => w.json);
    expect(events.map((e: any) => e.type)).toEqual([
      'qbo.invoice.created.v1',
      'qbo.invoice.voided.v1',
      'qbo.invoice.deleted.v1',
    ]);
    expect(events[0]).toMatchObject({
      specversion: '1.0',
      intuitentityid: inv.Id,
      intuitaccountid: emu.credentials.realmId,
    });
    expect(new Set(events.map((e: any) => e.id)).size).toBe(3);
    for (const w of hook.received)
      expect(verifyWebhookSignature(w.raw, w.headers['intuit-signature'] as string, VERIFIER)).toBe(true);
  });

  it('a Payment edited (sparse) then deleted through the SDK: Update and Delete notifications, the invoice balance follows, CDC says Deleted', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const inv = await call((cb) => qbo.createInvoice({ CustomerRef: { value: '1' }, Line: [serviceLine(100)] }, cb));
    const line = (amount: number) => [{ Amount: amount, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }];
    const pay = await call((cb) =>
      qbo.createPayment({ CustomerRef: { value: '1' }, TotalAmt: 100, Line: line(100) }, cb),
    );
    expect((await call((cb) => qbo.getInvoice(inv.Id, cb))).Balance).toBe(0);
    const edited = await call((cb) =>
      qbo.updatePayment({ Id: pay.Id, SyncToken: pay.SyncToken, sparse: true, TotalAmt: 60, Line: line(60) }, cb),
    );
    expect(edited).toMatchObject({ TotalAmt: 60, SyncToken: '1', CustomerRef: { value: '1' } });
    expect((await call((cb) => qbo.getInvoice(inv.Id, cb))).Balance).toBe(40);
    const del = await call((cb) => qbo.deletePayment(pay.Id, cb));
    expect(del.Payment).toMatchObject({ status: 'Deleted', domain: 'QBO', Id: pay.Id });
    expect((await callError((cb) => qbo.getPayment(pay.Id, cb))).body.Fault.Error[0].code).toBe('610');
    expect((await call((cb) => qbo.getInvoice(inv.Id, cb))).Balance).toBe(100);

    await hook.waitFor(() => hook.entities().filter((e: any) => e.name === 'Payment').length >= 3);
    expect(hook.entities().filter((e: any) => e.name === 'Payment' && e.id === pay.Id)).toEqual(
      ['Create', 'Update', 'Delete'].map((operation) => ({
        name: 'Payment',
        id: pay.Id,
        operation,
        lastUpdated: expect.any(String),
      })),
    );
    const cdc = await call((cb) => qbo.changeDataCapture(['Payment'], since, cb));
    const rows = cdc.CDCResponse[0].QueryResponse.flatMap((r: any) => r.Payment ?? []);
    expect(rows.find((p: any) => p.Id === pay.Id)).toEqual({
      domain: 'QBO',
      status: 'Deleted',
      Id: pay.Id,
      MetaData: { LastUpdatedTime: expect.any(String) },
    });
  });

  it('retries non-2xx responses with backoff', async () => {
    hook.state.status = 500;
    await call((cb) => qbo.createCustomer({ DisplayName: 'Retry Co' }, cb));
    await hook.waitFor(() => hook.received.length >= 2);
    hook.state.status = 200;
    await hook.waitFor(() => hook.received.length >= 3);
    expect(new Set(hook.received.map((w) => w.raw)).size).toBe(1);
    const { deliveries } = await control(emu, '/webhooks/deliveries');
    expect(deliveries.at(-1)).toMatchObject({ outcome: 'delivered', status: 200 });
  });

  it('drop and duplicate faults affect the next deliveries', async () => {
    await control(emu, '/webhooks/faults', { mode: 'drop', count: 1 });
    await call((cb) => qbo.createCustomer({ DisplayName: 'Dropped Co' }, cb));
    await control(emu, '/webhooks/flush', {});
    await control(emu, '/webhooks/faults', { mode: 'duplicate', count: 1 });
    const dup = await call((cb) => qbo.createCustomer({ DisplayName: 'Dup Co' }, cb));
    await hook.waitFor(() => hook.received.length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0].raw).toBe(hook.received[1].raw);
    expect(hook.entities().every((e: any) => e.id === dup.Id)).toBe(true);
    const { deliveries } = await control(emu, '/webhooks/deliveries');
    expect(deliveries.some((d: any) => d.outcome === 'dropped' && d.fault === 'drop')).toBe(true);
  });
});
