import type { EntityManager } from 'typeorm';
import {
  announceInvoicesUpdated,
  announceInvoiceUpdated,
  type InvoiceUpdatedEvent,
} from '../../platform/events/invoice-events.js';
import { columnArrays } from '../../platform/database/sql.js';
import { notFound } from '../../platform/errors.js';
import { Invoice } from './invoice.entity.js';
import { issuedToClient } from './invoice-query.js';
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

/**
 * Takes the invoices' row locks as lockInvoices does (FOR UPDATE, in id order) without reading them into
 * entities: for a transaction that must hold them before it writes the rows that hang off them (links,
 * sessions) and reads them later, through settlement, under the same locks.
 */
export async function lockInvoiceRows(tx: EntityManager, keys: Array<{ orgId: string; id: string }>): Promise<void> {
  keys = keys.filter((k) => UUID.test(k.id));
  if (!keys.length) return;
  await tx.query(
    `SELECT 1 FROM invoices WHERE (org_id, id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[])) ORDER BY id FOR UPDATE`,
    [keys.map((k) => k.orgId), keys.map((k) => k.id)],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const invoiceKey = (orgId: string, id: string) => `${orgId}:${id}`;

/** The announcement of an invoice's change: who may hear it (org, client, issued or not) and its new state. */
export function invoiceEvent(invoice: Invoice): InvoiceUpdatedEvent {
  return {
    orgId: invoice.orgId,
    invoiceId: invoice.id,
    clientId: invoice.clientId,
    status: invoice.status,
    balanceDue: invoice.balanceDue,
    issued: issuedToClient(invoice),
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

/** The state columns a batch save may write: property → column and its SQL type for `unnest`. */
const STATE_COLUMNS = {
  amountPaid: ['amount_paid', 'bigint'],
  amountCredited: ['amount_credited', 'bigint'],
  balanceDue: ['balance_due', 'bigint'],
  status: ['status', 'text'],
  paidAt: ['paid_at', 'timestamptz'],
  finalizedAt: ['finalized_at', 'timestamptz'],
  sentAt: ['sent_at', 'timestamptz'],
  updatedAt: ['updated_at', 'timestamptz'],
} as const satisfies Partial<Record<keyof Invoice, readonly [string, string]>>;

/** Saves these fields of invoices already derived with applyDerived in one UPDATE, and announces each in one statement. */
async function saveStates(
  tx: EntityManager,
  invoices: Invoice[],
  fields: Array<keyof typeof STATE_COLUMNS>,
): Promise<void> {
  if (!invoices.length) return;
  const columns = fields.map((f) => STATE_COLUMNS[f][0]);
  const types = fields.map((f, n) => `$${n + 3}::${STATE_COLUMNS[f][1]}[]`);
  await tx.query(
    `UPDATE invoices AS i SET ${columns.map((c) => `${c} = u.${c}`).join(', ')}
       FROM unnest($1::uuid[], $2::uuid[], ${types.join(', ')}) AS u(org_id, id, ${columns.join(', ')})
      WHERE i.org_id = u.org_id AND i.id = u.id`,
    columnArrays(invoices, ['orgId', 'id', ...fields]),
  );
  await announceInvoicesUpdated(tx, invoices.map(invoiceEvent));
}

/** Saves the money state (amounts, status, balance, paid date) of invoices already derived. */
export function saveMoneyStates(tx: EntityManager, invoices: Invoice[]): Promise<void> {
  return saveStates(tx, invoices, ['amountPaid', 'amountCredited', 'balanceDue', 'status', 'paidAt', 'updatedAt']);
}

/** Saves invoices just sent (derived, with finalized and sent dates set). */
export function saveSendStates(tx: EntityManager, invoices: Invoice[]): Promise<void> {
  return saveStates(tx, invoices, ['status', 'balanceDue', 'paidAt', 'finalizedAt', 'sentAt', 'updatedAt']);
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
