import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { ok } from '../../../test/api.js';
import { invoiceInQuickBooks, settled, startQbWorld } from '../quickbooks/quickbooks.test-support.js';

// A payment voided (in Settle by staff, or in QuickBooks by a bookkeeper) is a PAYMENT row and an
// ADJUSTMENT naming it in Settle, and a Payment at 0 marked Voided in QuickBooks: the books agree. The run
// compared the payment's first amount with the voided Payment, and the adjustment with a refund receipt.
const w = forFile(() => startQbWorld());

const PAY = `mutation($i:RecordPaymentInput!){recordPayment(input:$i){payment{id}}}`;
const VOID = `mutation($i:VoidPaymentInput!){voidPayment(input:$i){invoice{status}}}`;
const RUN = `mutation($p: PeriodInput!) { runReconciliation(period: $p) { discrepancies { type invoiceId detail } } }`;

describe('reconciliation of a voided payment', () => {
  it('a check voided in Settle, and so in QuickBooks, is no discrepancy; one voided in Settle only is', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    const day = s.invoice.issueDate;
    const i = { invoiceId: s.invoice.id, amount: 10000, method: 'CHECK' };
    const paymentId = ok(await w.settle.gql(PAY, { i }, s.token)).recordPayment.payment.id as string;
    await settled(w, s.org.id);
    ok(await w.settle.gql(VOID, { i: { paymentId, reason: 'Recorded on the wrong invoice' } }, s.token));
    await settled(w, s.org.id);
    const run = ok(await w.settle.gql(RUN, { p: { from: day, to: day } }, s.token)).runReconciliation;
    expect(run.discrepancies.filter((d: { invoiceId: string }) => d.invoiceId === s.invoice.id)).toEqual([]);

    // A void that never reached QuickBooks (queued while disconnected, say): the Payment there still counts.
    const second = ok(await w.settle.gql(PAY, { i }, s.token)).recordPayment.payment.id as string;
    await settled(w, s.org.id);
    await w.settle.container.db.query(`UPDATE qbo_connections SET status = 'DISCONNECTED' WHERE org_id = $1`, [
      s.org.id,
    ]);
    ok(await w.settle.gql(VOID, { i: { paymentId: second, reason: 'Typed twice' } }, s.token));
    await w.settle.container.db.query(`UPDATE qbo_connections SET status = 'CONNECTED' WHERE org_id = $1`, [s.org.id]);
    const again = ok(await w.settle.gql(RUN, { p: { from: day, to: day } }, s.token)).runReconciliation;
    const types = again.discrepancies
      .filter((d: { invoiceId: string }) => d.invoiceId === s.invoice.id)
      .map((d: { type: string }) => d.type);
    expect(types).toContain('PAYMENT_AMOUNT_MISMATCH');
  });
});
