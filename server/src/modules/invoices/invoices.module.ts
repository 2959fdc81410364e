import type { SettleModule } from '../../app/settle-module.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceConnectionResolver, InvoiceResolver } from './invoice.resolver.js';

/** Invoices and their lines: drafting, finalizing, voiding, generation from time. */
export const invoicesModule: SettleModule = {
  name: 'invoices',
  entities: [Invoice, InvoiceLine],
  resolvers: [InvoiceResolver, InvoiceConnectionResolver],
};
