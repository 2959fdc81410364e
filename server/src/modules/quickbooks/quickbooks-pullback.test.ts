import { describe, expect, it } from 'vitest';
import { forFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { payByCheck } from '../../../test/fixtures.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import { Payment, PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import * as qb from './quickbooks.test-support.js';

// Changes made in QuickBooks to payments Settle pushed there come back to Settle through settlement.
const w = forFile(() => qb.startQbWorld());

const invoiceOf = (id: string) => w.settle.container.db.manager.findOneByOrFail(Invoice, { id });
const EXCEPTION_FIELDS = 'id kind message';

/** An invoice of 100.00 in QuickBooks with `amount` paid in Settle (by check unless said) and pushed there. */
async function paidInSettle(amount = 10000, source: PaymentSource = PaymentSource.MANUAL) {
  const s = await qb.invoiceInQuickBooks(w, 60);
  const c = w.settle.container;
  const paid =
    source === PaymentSource.MANUAL
      ? await payByCheck(c, s.org.id, s.invoice.id, amount)
      : await c.settlement.settle(s.org.id, SYSTEM_ACTOR, {
          invoiceId: s.invoice.id,
          amount,
          source,
          method: PaymentMethod.CARD,
          externalId: `pi_${s.org.id.slice(0, 8)}`,
          allowOverpayment: true,
        });
  await qb.settled(w, s.org.id);
  const qbPaymentId = (await qb.qbIdOf(w, s.org.id, 'PAYMENT', paid.payment.id))!;
  expect(qbPaymentId).toBeTruthy();
  return { ...s, payment: paid.payment, qbPaymentId };
}

describe('QuickBooks payment changes are pulled back', () => {
  it('a pushed payment deleted in QuickBooks reverses the Settle payment: the invoice reopens with its balance, audited', async () => {
    const s = await paidInSettle();
    expect((await invoiceOf(s.invoice.id)).status).toBe(InvoiceStatus.PAID);
    // A QuickBooks user deletes the payment (node-quickbooks, v3 operation=delete).
    await qb.call((cb) => s.qbo.deletePayment(s.qbPaymentId, cb));
    await eventually(async () => (await invoiceOf(s.invoice.id)).balanceDue === 10000, 'the invoice to reopen');
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.SENT, amountPaid: 0, paidAt: null });
    const rows = await w.settle.container.db.manager.findBy(Payment, { orgId: s.org.id, invoiceId: s.invoice.id });
    expect(rows.map((p) => [p.kind, p.amount, p.source, p.adjustsPaymentId]).sort()).toEqual([
      ['ADJUSTMENT', -10000, 'QUICKBOOKS', s.payment.id],
      ['PAYMENT', 10000, 'MANUAL', null],
    ]);
    const audit = await w.settle.container.db.manager.findBy(AuditEvent, {
      orgId: s.org.id,
      action: 'invoice.payment_reversed',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ status: InvoiceStatus.SENT, balanceDue: 10000 });
    // The CDC poll sees the same deletion: nothing more happens.
    await qb.quickBooksOf(w.settle.container).inbound.pollCdc(s.org.id);
    expect(await w.settle.container.db.manager.countBy(Payment, { orgId: s.org.id })).toBe(2);
    // The reversal is not sent back to QuickBooks as a refund.
    await qb.settled(w, s.org.id);
    const [ops] = await w.settle.container.db.query(
      `SELECT count(*)::int AS n FROM qbo_operations WHERE org_id = $1 AND kind = 'PUSH_REFUND'`,
      [s.org.id],
    );
    expect(ops.n).toBe(0);
  });

  it('a pushed payment whose amount is edited in QuickBooks adjusts the Settle payment (PAID → PARTIALLY_PAID)', async () => {
    const s = await paidInSettle();
    await qb.editQbPaymentAmount(s.qbo, s.qbPaymentId, s.qbId, 60);
    await eventually(async () => (await invoiceOf(s.invoice.id)).amountPaid === 6000, 'the payment to be adjusted');
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.PARTIALLY_PAID, balanceDue: 4000 });
    const adjustments = await w.settle.container.db.manager.findBy(Payment, {
      orgId: s.org.id,
      adjustsPaymentId: s.payment.id,
    });
    expect(adjustments.map((p) => p.amount)).toEqual([-4000]);
    expect(
      await w.settle.container.db.manager.countBy(AuditEvent, { orgId: s.org.id, action: 'invoice.payment_adjusted' }),
    ).toBe(1);
  });

  it('a Stripe payment deleted in QuickBooks raises an exception and leaves the money as it was', async () => {
    const s = await paidInSettle(10000, PaymentSource.STRIPE);
    await qb.call((cb) => s.qbo.deletePayment(s.qbPaymentId, cb));
    const list = await qb.raisedQbExceptions(w, s.token, 'the exception', EXCEPTION_FIELDS);
    expect(list).toEqual([
      { id: expect.any(String), kind: 'PAYMENT_DELETED_IN_QUICKBOOKS', message: expect.stringContaining('Stripe') },
    ]);
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.PAID, amountPaid: 10000 });
    expect(await w.settle.container.db.manager.countBy(Payment, { orgId: s.org.id })).toBe(1);
    // Reported again (the CDC poll): still one exception, still no money moved.
    await qb.quickBooksOf(w.settle.container).inbound.pollCdc(s.org.id);
    expect(await qb.qbExceptionsVia(w, s.token, EXCEPTION_FIELDS)).toHaveLength(1);
    expect(await w.settle.container.db.manager.countBy(Payment, { orgId: s.org.id })).toBe(1);

    // Settle's record stands: "keep Settle's version" books the payment in QuickBooks again.
    await w.settle.gql(`mutation($id:ID!){keepSettleVersion(id:$id){resolvedAt}}`, { id: list[0].id }, s.token);
    await qb.settled(w, s.org.id);
    const again = (await qb.qbIdOf(w, s.org.id, 'PAYMENT', s.payment.id))!;
    expect(again).not.toBe(s.qbPaymentId);
    expect(await qb.call<any>((cb) => s.qbo.getInvoice(s.qbId, cb))).toMatchObject({ Balance: 0 });
    expect(await invoiceOf(s.invoice.id)).toMatchObject({ status: InvoiceStatus.PAID, amountPaid: 10000 });
  });
});

const CONFLICTS = `{ quickBooksExceptions {nodes{ id kind canKeepSettle canAcceptQuickBooks differences { field settle quickBooks } }} }`;

/** A client whose QuickBooks customer a QuickBooks user renamed, then renamed in Settle too. */
async function customerEditedOnBothSides() {
  const s = await qb.invoiceInQuickBooks(w, 60);
  const customerId = (await qb.qbIdOf(w, s.org.id, 'CLIENT', s.fixture.client.id))!;
  const before = await qb.call<any>((cb) => s.qbo.getCustomer(customerId, cb));
  await qb.call((cb) =>
    s.qbo.updateCustomer(
      { Id: customerId, SyncToken: before.SyncToken, sparse: true, DisplayName: 'Renamed in QuickBooks' },
      cb,
    ),
  );
  // The Update notification alone raises it.
  await eventually(
    async () =>
      (await w.settle.gql(CONFLICTS, {}, s.token)).data.quickBooksExceptions.nodes.some(
        (e: any) => e.kind === 'CUSTOMER_CHANGED_IN_QUICKBOOKS',
      ),
    'the edit in QuickBooks to be noticed',
  );
  await w.settle.container.clients.update(s.org.id, SYSTEM_ACTOR, s.fixture.client.id, { name: 'Renamed in Settle' });
  await qb.settled(w, s.org.id);
  const customer = () => qb.call<any>((cb) => s.qbo.getCustomer(customerId, cb));
  return { ...s, customerId, customer };
}

describe('edits made in QuickBooks to what Settle owns', () => {
  it('a customer edited in QuickBooks is not overwritten by a later client edit in Settle: an exception says what differs', async () => {
    const s = await customerEditedOnBothSides();
    expect((await s.customer()).DisplayName).toBe('Renamed in QuickBooks');
    const list = (await w.settle.gql(CONFLICTS, {}, s.token)).data.quickBooksExceptions.nodes;
    expect(list).toEqual([
      {
        id: expect.any(String),
        kind: 'CUSTOMER_CHANGED_IN_QUICKBOOKS',
        canKeepSettle: true,
        canAcceptQuickBooks: true,
        differences: [{ field: 'DisplayName', settle: 'Renamed in Settle', quickBooks: 'Renamed in QuickBooks' }],
      },
    ]);
    // "Keep Settle's version" pushes over the edit.
    const kept = await w.settle.gql(
      `mutation($id:ID!){keepSettleVersion(id:$id){resolvedAt}}`,
      { id: list[0].id },
      s.token,
    );
    expect(kept.data.keepSettleVersion.resolvedAt).toBeTruthy();
    await qb.settled(w, s.org.id);
    expect((await s.customer()).DisplayName).toBe('Renamed in Settle');
  });

  it("accepting QuickBooks' version renames the client in Settle (audited) and QuickBooks keeps it", async () => {
    const s = await customerEditedOnBothSides();
    const [ex] = (await w.settle.gql(CONFLICTS, {}, s.token)).data.quickBooksExceptions.nodes;
    const r = await w.settle.gql(
      `mutation($id:ID!){acceptQuickBooksVersion(id:$id){resolvedBy}}`,
      { id: ex.id },
      s.token,
    );
    expect(r.data.acceptQuickBooksVersion.resolvedBy).toContain('accepted QuickBooks');
    const client = await w.settle.container.clients.get(s.org.id, s.fixture.client.id);
    expect(client.name).toBe('Renamed in QuickBooks');
    await qb.settled(w, s.org.id);
    expect((await s.customer()).DisplayName).toBe('Renamed in QuickBooks');
    expect((await w.settle.gql(CONFLICTS, {}, s.token)).data.quickBooksExceptions.nodes).toEqual([]);
  });
});
