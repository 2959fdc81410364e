import { In, type EntityManager } from 'typeorm';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { BillingRun } from '../billing/billing.entities.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus, reportedBalanceDue } from '../invoices/invoice-status.js';
import { CreditMemo, Payment } from '../payments/payment.entity.js';
import { QuickBooksOperation } from '../quickbooks/quickbooks.entities.js';
import type { NewWebhookEvent } from './webhook-outbox.js';
import { graphqlJson } from './webhook-payload.js';

type Record = (tx: EntityManager, events: NewWebhookEvent[]) => Promise<unknown>;

const invoiceJson = (invoice: Invoice) =>
  graphqlJson(Invoice, invoice, { balanceDue: reportedBalanceDue(invoice.status, invoice.balanceDue) });

const invoiceEvent = (type: string, invoice: Invoice): NewWebhookEvent => ({
  orgId: invoice.orgId,
  type,
  objectId: invoice.id,
  object: () => invoiceJson(invoice),
});

/** Invoice domain events (of one invoice or a batch) and the webhook event each of their invoices becomes. */
const INVOICE_EVENTS = {
  'invoice.created': 'invoice.created',
  // Drafts made by generation or a billing run are created invoices to a subscriber, like one made by hand.
  'invoice.generated': 'invoice.created',
  'invoice.finalized': 'invoice.finalized',
  'invoice.sent': 'invoice.sent',
  'invoice.voided': 'invoice.voided',
  'invoice.overdue': 'invoice.overdue',
} as const;

const PAID_STATES = ['invoice.paid', 'invoice.partially_paid'] as const;

/** Billing-run outcomes that need a person; every other outcome is `billing_run.completed`. */
const FAILED_RUNS: readonly string[] = ['FAILED', 'NEEDS_ATTENTION'];

/** invoice.paid (once per time it becomes paid) or invoice.partially_paid after a balance change. */
function balanceEvent(invoice: Invoice): NewWebhookEvent | null {
  if (invoice.status === InvoiceStatus.PAID)
    return { ...invoiceEvent('invoice.paid', invoice), onceAmong: PAID_STATES };
  if (invoice.status === InvoiceStatus.PARTIALLY_PAID) return invoiceEvent('invoice.partially_paid', invoice);
  return null;
}

/**
 * Which domain event feeds which webhook event. Every handler runs inside the emitting transaction, so
 * the event, its deliveries and their jobs exist exactly when the change committed.
 */
export function recordWebhookEvents(bus: DomainEventBus, record: Record): void {
  for (const [name, type] of Object.entries(INVOICE_EVENTS) as Array<[keyof typeof INVOICE_EVENTS, string]>)
    bus.on(name, async (e, tx) => {
      const invoices = 'invoice' in e ? [e.invoice] : e.invoices;
      await record(
        tx,
        invoices.map((i) => invoiceEvent(type, i)),
      );
    });
  bus.on('payment.dispute-changed', async ({ payment, open }, tx) => {
    if (!open) return;
    const object = () => graphqlJson(Payment, payment);
    await record(tx, [{ orgId: payment.orgId, type: 'payment.disputed', objectId: payment.id, object }]);
  });
  bus.on('payment.refund-reversed', async ({ refund }, tx) => {
    const object = () => graphqlJson(Payment, refund);
    await record(tx, [{ orgId: refund.orgId, type: 'payment.refund_failed', objectId: refund.id, object }]);
  });
  bus.on('payment.voided', async ({ payment }, tx) => {
    const object = () => graphqlJson(Payment, payment);
    await record(tx, [{ orgId: payment.orgId, type: 'payment.voided', objectId: payment.id, object }]);
  });
  bus.on('quickbooks.operation-failed', async ({ orgId, operation }, tx) => {
    const object = () => graphqlJson(QuickBooksOperation, operation);
    await record(tx, [{ orgId, type: 'quickbooks.sync_failed', objectId: operation.id, object }]);
  });
  bus.on('billing.runs-recorded', async ({ orgId, runIds }, tx) => {
    const runs = await tx.getRepository(BillingRun).findBy({ orgId, id: In(runIds) });
    await record(
      tx,
      runs.map((run) => ({
        orgId,
        type: FAILED_RUNS.includes(run.status) ? 'billing_run.failed' : 'billing_run.completed',
        objectId: run.id,
        object: () => graphqlJson(BillingRun, run),
      })),
    );
  });
  bus.on('payment.recorded', async (batch, tx) => {
    await record(
      tx,
      batch.map(({ payment }) => ({
        orgId: payment.orgId,
        type: payment.kind === 'REFUND' || payment.amount < 0 ? 'payment.refunded' : 'payment.recorded',
        objectId: payment.id,
        object: () => graphqlJson(Payment, payment),
      })),
    );
  });
  bus.on('invoice.balance-changed', async (batch, tx) => {
    await record(
      tx,
      batch.map((c) => balanceEvent(c.invoice)).filter((e): e is NewWebhookEvent => e !== null),
    );
  });
  bus.on('credit-memo.issued', async ({ creditMemo }, tx) => {
    const object = () => graphqlJson(CreditMemo, creditMemo);
    await record(tx, [{ orgId: creditMemo.orgId, type: 'credit_memo.issued', objectId: creditMemo.id, object }]);
  });
  for (const type of ['client.created', 'client.updated'] as const)
    bus.on(type, async ({ client }, tx) => {
      await record(tx, [{ orgId: client.orgId, type, objectId: client.id, object: () => graphqlJson(Client, client) }]);
    });
}
