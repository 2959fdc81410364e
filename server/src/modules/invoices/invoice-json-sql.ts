import type { DataSource } from 'typeorm';
import type { SelectedField } from '../../graphql/sql-answers.js';
import { jsonArray, jsonColumns, jsonObject } from '../../platform/database/sql-json.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';

/** The plain columns each type answers from PostgreSQL (every other field runs through its resolvers). */
const INVOICE_COLUMNS = [
  'id',
  'clientId',
  'number',
  'currency',
  'status',
  'issueDate',
  'dueDate',
  'periodStart',
  'periodEnd',
  'memo',
  'subtotal',
  'taxTotal',
  'total',
  'amountPaid',
  'amountKeptAsCredit',
  'amountCredited',
  'finalizedAt',
  'sentAt',
  'paidAt',
  'voidedAt',
  'uncollectibleAt',
  'disputed',
  'createdAt',
  'updatedAt',
];
const CLIENT_COLUMNS = ['id', 'name', 'billingEmail', 'currency', 'archivedAt', 'createdAt'];
const LINE_COLUMNS = [
  'id',
  'position',
  'kind',
  'description',
  'serviceId',
  'quantity',
  'unitPrice',
  'discount',
  'taxRateBps',
  'amount',
  'taxAmount',
];
const OPEN = `('SENT', 'PARTIALLY_PAID')`;

/** SQL for one selected field of an invoice row, given the row's alias and today's date; null when it has none. */
export type InvoiceJsonSql = (f: SelectedField, k: string, today: () => string) => string | null;

/**
 * Invoice fields as PostgreSQL writes them in an answer (graphql/sql-answers.ts), from a row read with
 * selectEntityColumns (columns named by property): plain columns, the derived balanceDue, displayStatus and
 * isOverdue (as invoice-status.ts derives them, for the same `today`), the client and the lines. Anything
 * else is null, and the query runs through the resolvers.
 */
export function invoiceJsonSql(db: DataSource): InvoiceJsonSql {
  const columns = {
    invoice: jsonColumns(db.getMetadata(Invoice), INVOICE_COLUMNS, 'property'),
    client: jsonColumns(db.getMetadata(Client), CLIENT_COLUMNS, 'column'),
    line: jsonColumns(db.getMetadata(InvoiceLine), LINE_COLUMNS, 'column'),
  };
  return (f, k, today) => {
    switch (f.name) {
      case 'balanceDue':
        return `CASE WHEN ${k}.status = 'VOID' THEN 0 ELSE ${k}."balanceDue" END`;
      case 'isOverdue':
      case 'displayStatus': {
        const overdue = `(${k}.status IN ${OPEN} AND ${k}."balanceDue" > 0 AND ${k}."dueDate" < ${today()})`;
        return f.name === 'isOverdue' ? overdue : `CASE WHEN ${overdue} THEN 'OVERDUE' ELSE ${k}.status END`;
      }
      case 'client': {
        const fields = jsonObject(f.selection, 'Client', (g) => columns.client.get(g.name)?.sql('c'));
        return fields && `(SELECT ${fields} FROM clients c WHERE c.id = ${k}."clientId" AND c.org_id = ${k}."orgId")`;
      }
      case 'lines': {
        const fields = jsonObject(f.selection, 'InvoiceLine', (g) => columns.line.get(g.name)?.sql('l'));
        return jsonArray(
          fields,
          'l.position',
          `invoice_lines l WHERE l.invoice_id = ${k}.id AND l.org_id = ${k}."orgId"`,
        );
      }
      default:
        return columns.invoice.get(f.name)?.sql(k) ?? null;
    }
  };
}
