import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { ok } from '../../../test/api.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { OpKind, enqueueOperation } from './quickbooks-ledger.js';
import {
  bookingSetup,
  call,
  directClient,
  hourInvoice,
  invoiceInQuickBooks,
  qbIdOf,
  quickBooksOf,
  settled,
  startQbWorld,
} from './quickbooks.test-support.js';

// A check recorded by hand by mistake and voided in Settle (voidPayment): the Payment Settle pushed to
// QuickBooks is voided there too, through the operation queue, and QuickBooks' news of that void moves nothing.
const w = forFile(() => startQbWorld());

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const VOID = `mutation($i:VoidPaymentInput!){voidPayment(input:$i){invoice{status balanceDue}}}`;

const moneyRows = (orgId: string, invoiceId: string) =>
  w.settle.container.db.query(
    `SELECT kind, amount, source, external_id FROM payments WHERE org_id = $1 AND invoice_id = $2 ORDER BY created_at`,
    [orgId, invoiceId],
  );
const voidOps = (orgId: string) =>
  w.settle.container.db.query(`SELECT status, qb_id FROM qbo_operations WHERE org_id = $1 AND kind = 'VOID_PAYMENT'`, [
    orgId,
  ]);

describe('a payment voided in Settle, in QuickBooks', () => {
  it('voids the QuickBooks Payment; the notification and the CDC poll of that void change nothing more', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    const c = w.settle.container;
    const paid = ok(
      await w.settle.gql(PAY, { i: { invoiceId: s.invoice.id, amount: 10000, method: 'CHECK' } }, s.token),
    );
    const paymentId = paid.recordPayment.payment.id as string;
    await settled(w, s.org.id);
    const qbPaymentId = (await qbIdOf(w, s.org.id, 'PAYMENT', paymentId))!;
    expect(qbPaymentId).toBeTruthy();

    // What a notification of the push read of it, handled only after Settle's void went through there.
    const readBeforeVoid = await call<any>((cb) => s.qbo.getPayment(qbPaymentId, cb));
    const voided = ok(await w.settle.gql(VOID, { i: { paymentId, reason: 'Recorded on the wrong invoice' } }, s.token));
    expect(voided.voidPayment.invoice).toMatchObject({ status: 'SENT', balanceDue: 10000 });
    await settled(w, s.org.id);
    expect(await voidOps(s.org.id)).toEqual([{ status: 'DONE', qb_id: qbPaymentId }]);
    const inQb = await call<any>((cb) => s.qbo.getPayment(qbPaymentId, cb));
    expect(Number(inQb.TotalAmt)).toBe(0);
    expect(String(inQb.PrivateNote)).toMatch(/^Voided/);
    const qbInvoice = await call<any>((cb) => s.qbo.getInvoice(s.qbId, cb));
    expect(Number(qbInvoice.Balance)).toBe(100);

    // QuickBooks tells Settle of the void (webhook), and the CDC poll reads it again: nothing moves twice.
    const rows = await moneyRows(s.org.id, s.invoice.id);
    expect(rows.map((r: { kind: string; amount: number }) => [r.kind, r.amount])).toEqual([
      ['PAYMENT', 10000],
      ['ADJUSTMENT', -10000],
    ]);
    await eventually(async () => {
      const [row] = await c.db.query(
        `SELECT count(*)::int AS n FROM qbo_webhook_events WHERE processed_at IS NULL AND error IS NULL`,
      );
      return row.n === 0;
    }, 'QuickBooks notifications to be read');
    expect(await quickBooksOf(c).inbound.reapply(s.org.id, qbPaymentId)).toBe(0);
    const qb = quickBooksOf(c);
    const conn = (await qb.connections.connected(s.org.id))!;
    expect(await qb.inbound.applyPayment(conn, qb.connections.provider(conn), readBeforeVoid)).toBe(0);
    await quickBooksOf(c).inbound.pollCdc(s.org.id);
    expect(await moneyRows(s.org.id, s.invoice.id)).toEqual(rows);
    expect(await c.db.manager.findOneByOrFail(Invoice, { id: s.invoice.id })).toMatchObject({
      status: 'SENT',
      amountPaid: 0,
      balanceDue: 10000,
    });
    expect(await c.db.query(`SELECT kind FROM qbo_exceptions WHERE org_id = $1`, [s.org.id])).toEqual([]);
    await settled(w, s.org.id);
    expect(await voidOps(s.org.id)).toHaveLength(1);
  });

  it('voided before its invoice reached QuickBooks: the late push books the payment, then voids it', async () => {
    const b = await bookingSetup(w, 10000);
    const invoice = await hourInvoice(w, b.org.id, 10000, ['EMAIL']);
    const paid = ok(await w.settle.gql(PAY, { i: { invoiceId: invoice.id, amount: 10000, method: 'CHECK' } }, b.token));
    const paymentId = paid.recordPayment.payment.id as string;
    ok(await w.settle.gql(VOID, { i: { paymentId, reason: 'Typo: the check was 10.00' } }, b.token));
    await settled(w, b.org.id);
    expect(await qbIdOf(w, b.org.id, 'PAYMENT', paymentId)).toBeNull();

    await w.settle.container.db.transaction((tx) => enqueueOperation(tx, b.org.id, OpKind.PUSH_INVOICE, invoice.id));
    await settled(w, b.org.id);
    const qbPaymentId = (await qbIdOf(w, b.org.id, 'PAYMENT', paymentId))!;
    expect(qbPaymentId).toBeTruthy();
    const qbo = await directClient(w.emu);
    const inQb = await call<any>((cb) => qbo.getPayment(qbPaymentId, cb));
    expect(Number(inQb.TotalAmt)).toBe(0);
    expect(await voidOps(b.org.id)).toEqual([{ status: 'DONE', qb_id: qbPaymentId }]);
    expect((await moneyRows(b.org.id, invoice.id)).map((r: { amount: number }) => r.amount)).toEqual([10000, -10000]);
  });
});
