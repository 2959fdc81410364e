import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingFixture, manualLine } from '../../../test/fixtures.js';
import { createOrgWithOwner, startTestSettle, type TestSettle } from '../../../test/harness.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { PaymentMethod, PaymentSource } from '../payments/payment.entity.js';
import { billingWorld } from '../billing/billing-test-kit.js';
import { reverseRefundIn } from '../payments/settlement-reversal.js';
import { InvoiceOverdueSweep } from '../invoices/invoice-overdue-sweep.js';
import { QuickBooksOperation } from '../quickbooks/quickbooks.entities.js';
import { webhooksOf } from './webhook-endpoints.integration.js';
import { WebhookEventType } from './webhook-event-types.js';

/** Which webhook events Settle's changes record, in their transaction (the worker is off: nothing is sent). */
let s: TestSettle;
let orgId: string;

beforeAll(async () => {
  // The endpoints below are never called (the worker is off): a loopback URL, allowed as the operator
  // would, saves a DNS lookup.
  s = await startTestSettle({ worker: false, env: { SETTLE_WEBHOOK_PRIVATE_NETWORKS: '127.0.0.0/8' } });
  orgId = (await createOrgWithOwner(s)).org.id;
});

afterAll(async () => {
  await s?.close();
});

const subscribeAll = (org: string) =>
  webhooksOf(s.container).endpoints.create(org, SYSTEM_ACTOR, {
    url: 'http://127.0.0.1:9/settle',
    events: Object.values(WebhookEventType),
  });

/** One manual line of 100.00. */
const WORK = manualLine();

/** A sent invoice of 100.00 with the given due date, for a new client of the org. */
async function sentInvoice(org: string, clientName: string, dueDate: string) {
  const f = await billingFixture(s.container, org, { clientName });
  const draft = await s.container.invoices.createDraft(org, SYSTEM_ACTOR, {
    clientId: f.client.id,
    dueDate,
    lines: [WORK],
  });
  await s.container.invoices.send(org, SYSTEM_ACTOR, draft.id);
  return draft;
}

const eventsOf = async (objectId: string) =>
  (
    (await s.container.db.query(`SELECT type, object FROM webhook_events WHERE object_id = $1 ORDER BY seq`, [
      objectId,
    ])) as Array<{ type: string; object: Record<string, unknown> }>
  ).map((e) => e.type);

describe('webhook event sources', () => {
  it('records nothing for an org without endpoints', async () => {
    const f = await billingFixture(s.container, orgId, { clientName: 'Before Co' });
    expect(await eventsOf(f.client.id)).toEqual([]);
  });

  it('records the invoice lifecycle, payments and clients as their changes commit', async () => {
    const { endpoint } = await subscribeAll(orgId);
    const f = await billingFixture(s.container, orgId, { clientName: 'Lifecycle Co' });
    const draft = await s.container.invoices.createDraft(orgId, SYSTEM_ACTOR, {
      clientId: f.client.id,
      lines: [WORK],
    });
    await s.container.invoices.send(orgId, SYSTEM_ACTOR, draft.id);
    const pay = (amount: number) =>
      s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
        invoiceId: draft.id,
        amount,
        source: PaymentSource.MANUAL,
        method: PaymentMethod.CHECK,
      });
    const first = await pay(4_000);
    await pay(6_000);
    expect(await eventsOf(draft.id)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.sent',
      'invoice.partially_paid',
      'invoice.paid',
    ]);
    expect(await eventsOf(first.payment.id)).toEqual(['payment.recorded']);
    expect(await eventsOf(f.client.id)).toEqual(['client.created']);

    const [paid] = (await s.container.db.query(
      `SELECT object FROM webhook_events WHERE object_id = $1 AND type = 'invoice.paid'`,
      [draft.id],
    )) as Array<{ object: Record<string, unknown> }>;
    expect(paid!.object).toMatchObject({ id: draft.id, status: 'PAID', total: 10_000, balanceDue: 0 });
    expect(paid!.object).not.toHaveProperty('publicToken');
    expect(paid!.object).not.toHaveProperty('orgId');

    // One delivery per event to the subscribed endpoint, queued with it.
    const [{ n }] = (await s.container.db.query(
      `SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1 AND object_id = $2`,
      [endpoint.id, draft.id],
    )) as Array<{ n: number }>;
    expect(n).toBe(5);
  });

  it('announces an invoice overdue once per due date, and not one paid or not yet due', async () => {
    const late = await sentInvoice(orgId, 'Late Co', '2030-03-01');
    const onTime = await sentInvoice(orgId, 'Punctual Co', '2030-03-10');
    const paid = await sentInvoice(orgId, 'Paid Co', '2030-03-01');
    await s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
      invoiceId: paid.id,
      amount: 10_000,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CHECK,
    });
    const sweep = new InvoiceOverdueSweep(s.container.db, s.container.events);
    // Other tests' invoices fall due earlier: this day announces them, and none of these three.
    await sweep.announce(new Date('2030-03-01T12:00:00Z'));
    expect(await eventsOf(late.id)).not.toContain('invoice.overdue');
    // 2030-03-02 is the first day an invoice due on 2030-03-01 is overdue; batches of 1 exercise the loop.
    expect(await sweep.announce(new Date('2030-03-02T12:00:00Z'), 1)).toBe(1);
    expect(await sweep.announce(new Date('2030-03-02T12:00:00Z'), 1)).toBe(0);
    expect(await eventsOf(late.id)).toEqual([
      'invoice.created',
      'invoice.finalized',
      'invoice.sent',
      'invoice.overdue',
    ]);
    expect(await eventsOf(onTime.id)).not.toContain('invoice.overdue');
    expect(await eventsOf(paid.id)).not.toContain('invoice.overdue');
    const [overdue] = (await s.container.db.query(
      `SELECT object FROM webhook_events WHERE object_id = $1 AND type = 'invoice.overdue'`,
      [late.id],
    )) as Array<{ object: Record<string, unknown> }>;
    expect(overdue!.object).toMatchObject({ id: late.id, dueDate: '2030-03-01', balanceDue: 10_000 });
  });

  it('announces a dispute once when it opens, not when it closes', async () => {
    const invoice = await sentInvoice(orgId, 'Disputing Co', '2099-01-01');
    const { payment } = await s.container.settlement.settle(orgId, SYSTEM_ACTOR, {
      invoiceId: invoice.id,
      amount: 10_000,
      source: PaymentSource.MANUAL,
      method: PaymentMethod.CHECK,
    });
    const dispute = (status: string) => ({ id: 'dp_1', status, reason: 'fraudulent', amount: 10_000 });
    await s.container.settlement.setDisputed(orgId, SYSTEM_ACTOR, payment, true, dispute('needs_response'));
    await s.container.settlement.setDisputed(orgId, SYSTEM_ACTOR, payment, true, dispute('under_review'));
    await s.container.settlement.setDisputed(orgId, SYSTEM_ACTOR, payment, false, dispute('won'));
    expect(await eventsOf(payment.id)).toEqual(['payment.recorded', 'payment.disputed']);
  });

  it('announces a refund the provider failed later, once, with the refund as the object', async () => {
    const invoice = await sentInvoice(orgId, 'Refund Fails Co', '2099-01-01');
    const c = s.container;
    const money = { invoiceId: invoice.id, source: PaymentSource.MANUAL, method: PaymentMethod.CHECK };
    await c.settlement.settle(orgId, SYSTEM_ACTOR, { ...money, amount: 10_000 });
    const { payment: refund } = await c.settlement.settle(orgId, SYSTEM_ACTOR, {
      ...money,
      amount: -3_000,
      externalId: 're_fails',
    });
    const deps = { audit: c.audit, events: c.events, exceptions: c.paymentExceptions };
    const input = { invoiceId: invoice.id, source: PaymentSource.MANUAL, refundRef: 're_fails', paymentId: null };
    for (let i = 0; i < 2; i++)
      await c.db.transaction((tx) => reverseRefundIn(tx, deps, orgId, SYSTEM_ACTOR, { ...input, reference: 'failed' }));
    expect(await eventsOf(refund.id)).toEqual(['payment.refunded', 'payment.refund_failed']);
  });

  it('announces a QuickBooks operation that failed for good, as the API shows it', async () => {
    const operation = Object.assign(new QuickBooksOperation(), {
      id: '00000000-0000-4000-8000-0000000000f1',
      orgId,
      kind: 'INVOICE_UPSERT',
      entityId: 'inv',
      version: 1,
      status: 'FAILED',
      payload: { secret: 'kept back' },
      attempts: 5,
      requests: 5,
      lastError: 'QuickBooks said no',
      qbId: null,
      createdAt: new Date(),
      completedAt: new Date(),
    });
    await s.container.db.transaction((tx) =>
      s.container.events.emit(tx, 'quickbooks.operation-failed', { orgId, operation }),
    );
    const [row] = (await s.container.db.query(`SELECT type, object FROM webhook_events WHERE object_id = $1`, [
      operation.id,
    ])) as Array<{ type: string; object: Record<string, unknown> }>;
    expect(row!.type).toBe('quickbooks.sync_failed');
    expect(row!.object).toMatchObject({ status: 'FAILED', lastError: 'QuickBooks said no', attempts: 5 });
    expect(row!.object).not.toHaveProperty('payload');
  });

  it("announces each client's billing run as it is recorded", async () => {
    const w = await billingWorld(s, { since: '2026-01-01', settings: { invoiceGraceHours: 0 } });
    await subscribeAll(w.org.id);
    await w.runAt('2026-01-01T12:00:00Z');
    const rows = (await s.container.db.query(
      `SELECT type, object FROM webhook_events WHERE org_id = $1 AND type LIKE 'billing_run.%'`,
      [w.org.id],
    )) as Array<{ type: string; object: Record<string, unknown> }>;
    expect(rows.map((r) => [r.type, r.object.status, r.object.billDate])).toEqual([
      ['billing_run.completed', 'DRAFTED', '2026-01-01'],
    ]);
  });
});
