import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Payment, PaymentSource } from '../payments/payment.entity.js';
import {
  control,
  invoiceInQuickBooks,
  qbEntities,
  quickBooksOf,
  settled,
  startQbWorld,
  payNow,
} from './quickbooks.test-support.js';

const w = forFile(() => startQbWorld());

/** Pays on the Pay Now page (payNow), which must take it. */
async function paidNow(link: string, amount?: number) {
  const r = await payNow(link, amount);
  expect(r.status).toBe(200);
  return r.body as { paymentId: string; balance: number };
}

const invoiceOf = (id: string) => w.settle.container.db.manager.findOneByOrFail(Invoice, { id });
const qbPayments = (orgId: string, invoiceId: string) =>
  w.settle.container.db.manager.findBy(Payment, { orgId, invoiceId, source: PaymentSource.QUICKBOOKS });

describe('QuickBooks inbound', () => {
  it('Pay Now in QuickBooks, partial then full, settles the Settle invoice (PARTIALLY_PAID → PAID) and is not pushed back', async () => {
    const s = await invoiceInQuickBooks(w, 60); // 100.00
    const p1 = await paidNow(s.link, 40);
    await eventually(
      async () => (await invoiceOf(s.invoice.id)).status === InvoiceStatus.PARTIALLY_PAID,
      'partial payment from QuickBooks',
    );
    let inv = await invoiceOf(s.invoice.id);
    expect(inv).toMatchObject({ amountPaid: 4000, balanceDue: 6000 });
    const p2 = await paidNow(s.link);
    await eventually(
      async () => (await invoiceOf(s.invoice.id)).status === InvoiceStatus.PAID,
      'full payment from QuickBooks',
    );
    inv = await invoiceOf(s.invoice.id);
    expect(inv).toMatchObject({ amountPaid: 10000, balanceDue: 0 });
    const payments = await qbPayments(s.org.id, s.invoice.id);
    expect(payments.map((p) => [p.externalId, p.amount, p.method]).sort()).toEqual(
      [
        [p1.paymentId, 4000, 'CARD'],
        [p2.paymentId, 6000, 'CARD'],
      ].sort(),
    );
    await settled(w, s.org.id);
    // Nothing went back to QuickBooks: still exactly the two Pay Now payments on that invoice.
    const onInvoice = (await qbEntities(w.emu, 'Payment')).filter((p) =>
      p.Line?.some((l: any) => l.LinkedTxn?.some((t: any) => t.TxnId === s.qbId)),
    );
    expect(onInvoice).toHaveLength(2);
    // Every notification QuickBooks sent is processed, none failed. The invoice can be PAID (the payment read
    // from QuickBooks) while the worker still holds a later notification of the same change: wait for it.
    const events = async (): Promise<any[]> =>
      (
        await w.settle.gql(
          `{ quickBooksWebhookEvents(first: 20) {nodes{ format entityCount processedAt error }} }`,
          {},
          s.token,
        )
      ).data.quickBooksWebhookEvents.nodes;
    await eventually(async () => (await events()).every((e) => e.processedAt || e.error), 'webhook events processed');
    const nodes = await events();
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((e) => e.processedAt && !e.error)).toBe(true);
  });

  it('a bad intuit-signature gets 401 and nothing is stored', async () => {
    const body = JSON.stringify({
      eventNotifications: [
        {
          realmId: w.emu.credentials.realmId,
          dataChangeEvent: {
            entities: [{ name: 'Payment', id: '1', operation: 'Create', lastUpdated: new Date().toISOString() }],
          },
        },
      ],
    });
    const count = async () =>
      Number((await w.settle.container.db.query(`SELECT count(*) AS n FROM qbo_webhook_events`))[0].n);
    const before = await count();
    const post = (sig?: string) =>
      fetch(`${w.settle.url}/webhooks/quickbooks`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(sig ? { 'intuit-signature': sig } : {}) },
        body,
      });
    expect((await post(createHmac('sha256', 'wrong-token').update(body).digest('base64'))).status).toBe(401);
    expect((await post()).status).toBe(401);
    expect(await count()).toBe(before);
    const good = createHmac('sha256', w.emu.credentials.webhookVerifierToken).update(body).digest('base64');
    const started = Date.now();
    expect((await post(good)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await count()).toBe(before + 1);
  });

  it('a dropped QuickBooks webhook is healed by the CDC poll (and a second poll changes nothing)', async () => {
    const s = await invoiceInQuickBooks(w, 30); // 50.00
    await control(w.emu, '/webhooks/faults', { mode: 'drop', count: 5 });
    const paid = await paidNow(s.link);
    await control(w.emu, '/webhooks/flush', {});
    await new Promise((r) => setTimeout(r, 300));
    expect((await invoiceOf(s.invoice.id)).status).toBe(InvoiceStatus.SENT);
    await control(w.emu, '/webhooks/faults', undefined, 'DELETE');

    const inbound = quickBooksOf(w.settle.container).inbound;
    expect(await inbound.pollCdc(s.org.id)).toBe(1);
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.PAID, amountPaid: 5000 });
    expect((await qbPayments(s.org.id, s.invoice.id)).map((p) => p.externalId)).toEqual([paid.paymentId]);
    expect(await inbound.pollCdc(s.org.id)).toBe(0);
  });

  it('QuickBooks money that arrives after a void is recorded once on the VOID invoice and raised as PAID_ON_VOID; its refund is recorded by hand', async () => {
    const s = await invoiceInQuickBooks(w, 60); // 100.00
    await control(w.emu, '/webhooks/faults', { mode: 'drop', count: 5 });
    const paid = await paidNow(s.link);
    await control(w.emu, '/webhooks/flush', {});
    await control(w.emu, '/webhooks/faults', undefined, 'DELETE');
    const voided = await w.settle.gql(`mutation($id:ID!){voidInvoice(id:$id){status}}`, { id: s.invoice.id }, s.token);
    expect(voided.data.voidInvoice.status).toBe('VOID');

    const inbound = quickBooksOf(w.settle.container).inbound;
    // This poll or the scheduled one (or the flushed webhook) books it; a second poll finds nothing new.
    await inbound.pollCdc(s.org.id);
    expect(await inbound.pollCdc(s.org.id)).toBe(0);
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.VOID, amountPaid: 10000 });
    expect((await qbPayments(s.org.id, s.invoice.id)).map((p) => [p.externalId, p.amount])).toEqual([
      [paid.paymentId, 10000],
    ]);
    const list = await w.settle.gql(
      `{ paymentExceptions(status: [OPEN]) {nodes{ id kind amount source providerPaymentId invoice { id } }} }`,
      {},
      s.token,
    );
    expect(list.data.paymentExceptions.nodes).toEqual([
      {
        id: expect.any(String),
        kind: 'PAID_ON_VOID',
        amount: 10000,
        source: 'QUICKBOOKS',
        providerPaymentId: paid.paymentId,
        invoice: { id: s.invoice.id },
      },
    ]);

    const REFUND = `mutation($id:ID!,$note:String){refundPaymentException(id:$id,note:$note){status}}`;
    const id = list.data.paymentExceptions.nodes[0].id;
    expect((await w.settle.gql(REFUND, { id }, s.token)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'note',
    });
    expect(
      (await w.settle.gql(REFUND, { id, note: 'Refunded in QuickBooks, refund receipt 88' }, s.token)).data
        .refundPaymentException.status,
    ).toBe('REFUNDED');
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.VOID, amountPaid: 0 });
    const all = await w.settle.container.db.manager.findBy(Payment, { orgId: s.org.id, invoiceId: s.invoice.id });
    expect(all.map((p) => [p.source, p.amount]).sort()).toEqual([
      ['MANUAL', -10000],
      ['QUICKBOOKS', 10000],
    ]);
    // Refunded in QuickBooks already: Settle does not book a second RefundReceipt there.
    await settled(w, s.org.id);
    const refund = all.find((p) => p.amount < 0)!;
    expect((await qbEntities(w.emu, 'RefundReceipt')).filter((r) => r.PrivateNote?.includes(refund.id))).toEqual([]);
  });
});
