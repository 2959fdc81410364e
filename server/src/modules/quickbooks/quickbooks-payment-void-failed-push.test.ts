import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { ok } from '../../../test/api.js';
import {
  call,
  control,
  invoiceInQuickBooks,
  qbExceptionsVia,
  qbIdOf,
  raisedQbExceptions,
  settled,
  startQbWorld,
} from './quickbooks.test-support.js';

// A check recorded by hand whose push to QuickBooks was refused (it waits in the QuickBooks exceptions
// list), then voided in Settle as recorded by mistake: the void finds nothing in QuickBooks to void. A
// person who then retries the failed push must not leave a live Payment in the books for money Settle
// says was never received.
const w = forFile(() => startQbWorld({ QBO_MAX_ATTEMPTS: '2' }));

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const VOID = `mutation($i:VoidPaymentInput!){voidPayment(input:$i){invoice{status balanceDue}}}`;
const RETRY = `mutation($id: ID!) { retryQuickBooksException(id: $id) { resolvedAt } }`;

describe('a payment voided in Settle while its push to QuickBooks had failed', () => {
  it('retrying the failed push afterwards leaves the QuickBooks Payment voided, the invoice owed there again', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    // QuickBooks fails the payment's push on every attempt: it waits for a person in the exceptions list.
    await control(w.emu, '/faults', { status: 500, count: 2, method: 'POST', pathPattern: '/payment$' });
    const paid = ok(
      await w.settle.gql(PAY, { i: { invoiceId: s.invoice.id, amount: 10000, method: 'CHECK' } }, s.token),
    );
    const paymentId = paid.recordPayment.payment.id as string;
    const [failed] = await raisedQbExceptions(w, s.token, 'the refused push of the payment', 'id kind');
    expect(failed).toMatchObject({ kind: 'PUSH_PAYMENT' });

    ok(await w.settle.gql(VOID, { i: { paymentId, reason: 'Recorded on the wrong invoice' } }, s.token));
    await settled(w, s.org.id);
    ok(await w.settle.gql(RETRY, { id: failed.id }, s.token));
    await settled(w, s.org.id);

    const qbPaymentId = (await qbIdOf(w, s.org.id, 'PAYMENT', paymentId))!;
    expect(qbPaymentId).toBeTruthy();
    const inQb = await call<any>((cb) => s.qbo.getPayment(qbPaymentId, cb));
    expect(Number(inQb.TotalAmt)).toBe(0);
    const qbInvoice = await call<any>((cb) => s.qbo.getInvoice(s.qbId, cb));
    expect(Number(qbInvoice.Balance)).toBe(100);
    const ops = await w.settle.container.db.query(
      `SELECT kind, status FROM qbo_operations WHERE org_id = $1 AND kind LIKE '%PAYMENT' ORDER BY created_at`,
      [s.org.id],
    );
    expect(ops).toEqual([
      { kind: 'PUSH_PAYMENT', status: 'DONE' },
      { kind: 'VOID_PAYMENT', status: 'DONE' },
    ]);
    expect(await qbExceptionsVia(w, s.token)).toEqual([]);
  });
});
