import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { payByCheck } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Payment } from '../payments/payment.entity.js';
import { webhooksOf } from '../webhook-endpoints/webhook-endpoints.integration.js';
import {
  call,
  invoiceInQuickBooks,
  payNow,
  qbIdOf,
  quickBooksOf,
  settled,
  startQbWorld,
} from './quickbooks.test-support.js';

// Voiding a Payment is how QuickBooks records a bounced check: the money was never received.
const w = forFile(() => startQbWorld({ SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' }));

const invoiceOf = (id: string) => w.settle.container.db.manager.findOneByOrFail(Invoice, { id });

/** An integrator's endpoint (disabled: the events are recorded, nothing is delivered). */
async function integratorOf(orgId: string) {
  const hooks = webhooksOf(w.settle.container).endpoints;
  const { endpoint } = await hooks.create(orgId, SYSTEM_ACTOR, {
    url: 'http://127.0.0.1:9/settle',
    events: ['PAYMENT_VOIDED'],
  });
  await hooks.setEnabled(orgId, SYSTEM_ACTOR, endpoint.id, false);
}
const hooksOf = async (paymentId: string) =>
  (
    (await w.settle.container.db.query(`SELECT type FROM webhook_events WHERE object_id = $1 ORDER BY seq`, [
      paymentId,
    ])) as Array<{ type: string }>
  ).map((h) => h.type);
const voidOps = (orgId: string) =>
  w.settle.container.db.query(
    `SELECT count(*)::int AS n FROM qbo_operations WHERE org_id = $1 AND kind = 'VOID_PAYMENT'`,
    [orgId],
  );

async function voidInQuickBooks(s: { qbo: any }, qbPaymentId: string) {
  const p = await call<any>((cb) => s.qbo.getPayment(qbPaymentId, cb));
  await call((cb) => s.qbo.voidPayment({ Id: p.Id, SyncToken: p.SyncToken }, cb));
}

/**
 * An invoice in QuickBooks paid by check in Settle, that payment in QuickBooks too, with an integrator
 * listening for voids: its QuickBooks Payment's id.
 */
async function checkInQuickBooks() {
  const s = await invoiceInQuickBooks(w, 60);
  await integratorOf(s.org.id);
  const paid = await payByCheck(w.settle.container, s.org.id, s.invoice.id, 10000);
  await settled(w, s.org.id);
  return { s, paid, qbPaymentId: (await qbIdOf(w, s.org.id, 'PAYMENT', paid.payment.id))! };
}

describe('a QuickBooks payment voided there', () => {
  it("Settle's check payment voided in QuickBooks is reversed from its notification: the invoice reopens, once", async () => {
    const { s, paid, qbPaymentId } = await checkInQuickBooks();
    const c = w.settle.container;
    await voidInQuickBooks(s, qbPaymentId);
    await eventually(async () => (await invoiceOf(s.invoice.id)).balanceDue === 10000, 'the invoice to reopen');
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.SENT, amountPaid: 0 });
    // The CDC poll reads the same void: nothing more moves, and nobody is asked where the money went.
    await quickBooksOf(c).inbound.pollCdc(s.org.id);
    await settled(w, s.org.id);
    const rows = await c.db.manager.findBy(Payment, { orgId: s.org.id, invoiceId: s.invoice.id });
    expect(rows.map((p) => p.amount).sort()).toEqual([-10000, 10000]);
    expect(await c.db.query(`SELECT kind FROM qbo_exceptions WHERE org_id = $1`, [s.org.id])).toEqual([]);
    // An integrator mirroring payments hears of it as of a void in Settle, once; QuickBooks is not asked to
    // void what it voided.
    expect(await hooksOf(paid.payment.id)).toEqual(['payment.recorded', 'payment.voided']);
    expect(await voidOps(s.org.id)).toEqual([{ n: 0 }]);
  });

  it("Settle's check payment deleted in QuickBooks is announced as payment.voided, once", async () => {
    const { s, paid, qbPaymentId } = await checkInQuickBooks();
    const c = w.settle.container;
    await call((cb) => s.qbo.deletePayment(qbPaymentId, cb));
    await eventually(async () => (await invoiceOf(s.invoice.id)).balanceDue === 10000, 'the invoice to reopen');
    await quickBooksOf(c).inbound.pollCdc(s.org.id);
    await settled(w, s.org.id);
    expect(await hooksOf(paid.payment.id)).toEqual(['payment.recorded', 'payment.voided']);
    expect(await voidOps(s.org.id)).toEqual([{ n: 0 }]);
  });

  it('a Pay Now payment voided in QuickBooks reopens the invoice in Settle', async () => {
    const s = await invoiceInQuickBooks(w, 60);
    const paid = await payNow(s.link);
    await eventually(async () => (await invoiceOf(s.invoice.id)).status === InvoiceStatus.PAID, 'the payment');
    await voidInQuickBooks(s, paid.body!.paymentId!);
    await eventually(async () => (await invoiceOf(s.invoice.id)).balanceDue === 10000, 'the invoice to reopen');
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.SENT, amountPaid: 0 });
  });
});
