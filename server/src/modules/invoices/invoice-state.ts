import type { EntityManager } from 'typeorm';
import {
  announceInvoicesUpdated,
  announceInvoiceUpdated,
  type InvoiceUpdatedEvent,
} from '../../platform/events/invoice-events.js';
import { notFound } from '../../platform/errors.js';
import { Invoice } from './invoice.entity.js';
import { balanceDue, deriveInvoiceStatus, InvoiceStatus } from './invoice-status.js';

/** Loads an invoice of this org with a row lock; every state change to an invoice starts here. */
export async function lockInvoice(tx: EntityManager, orgId: string, id: string): Promise<Invoice> {
  const invoice = await tx.findOne(Invoice, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

/**
 * Locks many invoices in one statement, each matched on its own org, in id order (so two batches never
 * wait on each other in a cycle). Keyed `orgId:id`; an invoice not found (or of another org) is absent.
 */
export async function lockInvoices(
  tx: EntityManager,
  keys: Array<{ orgId: string; id: string }>,
): Promise<Map<string, Invoice>> {
  // An id that is not a UUID (say, from a provider's metadata) names no invoice; it must not fail the rest.
  keys = keys.filter((k) => UUID.test(k.id));
  if (!keys.length) return new Map();
  const found = await tx
    .getRepository(Invoice)
    .createQueryBuilder('i')
    .where('(i.org_id, i.id) IN (SELECT * FROM unnest(CAST(:orgs AS uuid[]), CAST(:ids AS uuid[])))', {
      orgs: keys.map((k) => k.orgId),
      ids: keys.map((k) => k.id),
    })
    .orderBy('i.id')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(found.map((i) => [invoiceKey(i.orgId, i.id), i]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invoiceKey = (orgId: string, id: string) => `${orgId}:${id}`;

/** The announcement of an invoice's change: who may hear it (org, client, status) and its new balance. */
export function invoiceEvent(invoice: Invoice): InvoiceUpdatedEvent {
  return {
    orgId: invoice.orgId,
    invoiceId: invoice.id,
    clientId: invoice.clientId,
    status: invoice.status,
    balanceDue: invoice.balanceDue,
  };
}

/** Status, balance and paid date follow from the amounts (pure: the caller saves). */
export function applyDerived(invoice: Invoice, now = new Date()): Invoice {
  const status = deriveInvoiceStatus(invoice);
  if (status === InvoiceStatus.PAID && invoice.status !== InvoiceStatus.PAID) invoice.paidAt = now;
  if (status !== InvoiceStatus.PAID) invoice.paidAt = null;
  invoice.status = status;
  invoice.balanceDue = balanceDue(invoice);
  invoice.updatedAt = now;
  return invoice;
}

/** Re-derives status and balance from the amounts, saves, and announces the change (delivered on commit). */
export async function saveDerived(tx: EntityManager, invoice: Invoice): Promise<Invoice> {
  applyDerived(invoice);
  await tx.save(invoice);
  await announceInvoiceUpdated(tx, invoiceEvent(invoice));
  return invoice;
}

/**
 * Saves the money state of invoices already derived with applyDerived (amounts, status, balance, paid
 * date) in one UPDATE, and announces each in one statement.
 */
export async function saveMoneyStates(tx: EntityManager, invoices: Invoice[]): Promise<void> {
  if (!invoices.length) return;
  await tx.query(
    `UPDATE invoices AS i SET amount_paid = u.amount_paid, amount_credited = u.amount_credited, balance_due = u.balance_due,
            status = u.status, paid_at = u.paid_at, updated_at = u.updated_at
       FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::bigint[], $5::bigint[], $6::text[], $7::timestamptz[], $8::timestamptz[])
            AS u(org_id, id, amount_paid, amount_credited, balance_due, status, paid_at, updated_at)
      WHERE i.org_id = u.org_id AND i.id = u.id`,
    [
      invoices.map((i) => i.orgId),
      invoices.map((i) => i.id),
      invoices.map((i) => i.amountPaid),
      invoices.map((i) => i.amountCredited),
      invoices.map((i) => i.balanceDue),
      invoices.map((i) => i.status),
      invoices.map((i) => i.paidAt),
      invoices.map((i) => i.updatedAt),
    ],
  );
  await announceInvoicesUpdated(tx, invoices.map(invoiceEvent));
}

/**
 * Saves invoices just sent (derived with applyDerived, finalized and sent dates set) in one UPDATE,
 * and announces each in one statement.
 */
export async function saveSendStates(tx: EntityManager, invoices: Invoice[]): Promise<void> {
  if (!invoices.length) return;
  await tx.query(
    `UPDATE invoices AS i SET status = u.status, balance_due = u.balance_due, paid_at = u.paid_at,
            finalized_at = u.finalized_at, sent_at = u.sent_at, updated_at = u.updated_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[])
            AS u(org_id, id, status, balance_due, paid_at, finalized_at, sent_at, updated_at)
      WHERE i.org_id = u.org_id AND i.id = u.id`,
    [
      invoices.map((i) => i.orgId),
      invoices.map((i) => i.id),
      invoices.map((i) => i.status),
      invoices.map((i) => i.balanceDue),
      invoices.map((i) => i.paidAt),
      invoices.map((i) => i.finalizedAt),
      invoices.map((i) => i.sentAt),
      invoices.map((i) => i.updatedAt),
    ],
  );
  await announceInvoicesUpdated(tx, invoices.map(invoiceEvent));
}

/** How many lines each invoice has (absent: none), in one statement. */
export async function countLines(tx: EntityManager, invoices: Invoice[]): Promise<Map<string, number>> {
  if (!invoices.length) return new Map();
  const rows = (await tx.query(
    `SELECT invoice_id, count(*)::int AS n FROM invoice_lines WHERE org_id = $1 AND invoice_id = ANY($2::uuid[]) GROUP BY invoice_id`,
    [invoices[0]!.orgId, invoices.map((i) => i.id)],
  )) as Array<{ invoice_id: string; n: number }>;
  return new Map(rows.map((r) => [r.invoice_id, r.n]));
}
