import type { DataSource } from 'typeorm';
import { entityJsonSql, reviveJson } from '../../platform/database/entity-rows.js';
import type { KeysetPage } from '../../platform/database/keyset-page.js';
import { Client } from '../clients/client.entity.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';

/** What a page of invoices can carry besides the invoices, read in the same statement. */
export interface InvoicePageIncludes {
  lines?: boolean;
  client?: boolean;
}

/** A page of invoices with, when asked, each invoice's lines (in order) and client. */
export interface InvoicePage extends KeysetPage<Invoice> {
  lines?: InvoiceLine[][];
  clients?: Array<Client | null>;
}

/** The `also` columns of keysetPage for `include`: JSON built by PostgreSQL, one statement for the page. */
export function invoicePageColumns(db: DataSource, include: InvoicePageIncludes): Record<string, string> {
  const columns: Record<string, string> = {};
  if (include.lines)
    columns.lines_json = `(SELECT coalesce(json_agg(${entityJsonSql(db.getMetadata(InvoiceLine), 'l')} ORDER BY l.position), '[]')
      FROM invoice_lines l WHERE l.invoice_id = i.id AND l.org_id = i.org_id)`;
  if (include.client)
    columns.client_json = `(SELECT ${entityJsonSql(db.getMetadata(Client), 'c')}
      FROM clients c WHERE c.id = i.client_id AND c.org_id = i.org_id)`;
  return columns;
}

/** The page with the children its `also` columns carried, as entities. */
export function withChildren(db: DataSource, page: KeysetPage<Invoice>, include: InvoicePageIncludes): InvoicePage {
  const line = reviveJson<InvoiceLine>(db.getMetadata(InvoiceLine));
  const client = reviveJson<Client>(db.getMetadata(Client));
  return {
    ...page,
    lines: include.lines ? page.also.map((a) => (a.lines_json as Array<Record<string, unknown>>).map(line)) : undefined,
    // A client row always exists (foreign key); the JSON is null only for a row deleted under the read.
    clients: include.client
      ? page.also.map((a) => (a.client_json ? client(a.client_json as Record<string, unknown>) : null))
      : undefined,
  };
}
