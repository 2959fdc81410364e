import type { DataSource } from 'typeorm';
import { badInput, conflict, notFound } from '../../platform/errors.js';
import { Client } from '../clients/client.entity.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { InvoiceStatus } from '../invoices/invoice-status.js';
import type { QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { OpKind, enqueueNewVersion, enqueueOperation, findLink, hasPending } from './quickbooks-ledger.js';

/**
 * Staff asking for an invoice (or a client) to go to QuickBooks (pushed, or pushed and emailed by QuickBooks): under
 * the invoice row lock, the operations are queued for the worker; nothing is sent from the request.
 */
export class QuickBooksInvoicePushService {
  constructor(
    private readonly db: DataSource,
    private readonly connections: QuickBooksConnectionService,
  ) {}

  sendInvoice(orgId: string, id: string): Promise<Invoice> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status === InvoiceStatus.VOID) throw badInput('id', `Invoice ${invoice.number} is void`);
      if (!(await this.connections.connected(orgId, tx))) throw conflict('QuickBooks is not connected');
      await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, id);
      return invoice;
    });
  }

  /**
   * "Sync to QuickBooks" on a client: its customer is created (or found by email or name) when it has
   * none, else brought up to date with the client's name, email and address (an edit made in QuickBooks
   * stops it and is raised, as for every update).
   */
  syncClient(orgId: string, clientId: string): Promise<Client> {
    return this.db.transaction(async (tx) => {
      const client = await tx.findOne(Client, { where: { orgId, id: clientId }, lock: { mode: 'pessimistic_write' } });
      if (!client) throw notFound('Client');
      if (!(await this.connections.connected(orgId, tx))) throw conflict('QuickBooks is not connected');
      await enqueueNewVersion(tx, orgId, OpKind.UPDATE_CUSTOMER, clientId);
      return client;
    });
  }

  emailInvoice(orgId: string, id: string): Promise<Invoice> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status === InvoiceStatus.VOID) throw badInput('id', `Invoice ${invoice.number} is void`);
      if (invoice.status === InvoiceStatus.DRAFT)
        throw badInput('id', `Invoice ${invoice.number} is a draft; send it before QuickBooks emails it to the client`);
      if (!(await this.connections.connected(orgId, tx))) throw conflict('QuickBooks is not connected');
      // The email queued already (not sent yet) is the one asked for: a double click or a retry mails nothing more.
      if (await hasPending(tx, orgId, OpKind.EMAIL_INVOICE, id)) return invoice;
      if (!(await findLink(tx, orgId, 'INVOICE', id))) await enqueueOperation(tx, orgId, OpKind.PUSH_INVOICE, id);
      await enqueueNewVersion(tx, orgId, OpKind.EMAIL_INVOICE, id);
      return invoice;
    });
  }
}
