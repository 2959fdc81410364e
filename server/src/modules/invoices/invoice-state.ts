import type { EntityManager } from 'typeorm';
import { announceInvoiceUpdated } from '../../platform/events/invoice-events.js';
import { notFound } from '../../platform/errors.js';
import { Invoice } from './invoice.entity.js';
import { balanceDue, deriveInvoiceStatus, InvoiceStatus } from './invoice-status.js';

/** Loads an invoice of this org with a row lock; every state change to an invoice starts here. */
export async function lockInvoice(tx: EntityManager, orgId: string, id: string): Promise<Invoice> {
  const invoice = await tx.findOne(Invoice, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  if (!invoice) throw notFound('Invoice');
  return invoice;
}

/** Re-derives status and balance from the amounts, saves, and announces the change (delivered on commit). */
export async function saveDerived(tx: EntityManager, invoice: Invoice): Promise<Invoice> {
  const status = deriveInvoiceStatus(invoice);
  if (status === InvoiceStatus.PAID && invoice.status !== InvoiceStatus.PAID) invoice.paidAt = new Date();
  if (status !== InvoiceStatus.PAID) invoice.paidAt = null;
  invoice.status = status;
  invoice.balanceDue = balanceDue(invoice);
  invoice.updatedAt = new Date();
  await tx.save(invoice);
  await announceInvoiceUpdated(tx, { orgId: invoice.orgId, invoiceId: invoice.id, clientId: invoice.clientId, status: invoice.status, balanceDue: invoice.balanceDue });
  return invoice;
}
