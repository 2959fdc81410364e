import type { DataSource } from 'typeorm';
import type { InvoiceUpdatedEvent } from '../../platform/events/invoice-events.js';
import { issuedToClientSql } from './invoice-query.js';

/** A listener gap longer than this many changes is rare; the SPAs re-read on reconnect anyway. */
const MAX_REPLAYED = 10_000;

/**
 * Invoices of every org changed since `since`, as the announcements they would have produced. The
 * invoice event listener publishes these after it reconnects, so subscribers hear what the gap hid.
 */
export function invoiceChangesSince(db: DataSource): (since: Date) => Promise<InvoiceUpdatedEvent[]> {
  return async (since) => {
    const rows = (await db.query(
      `SELECT org_id, id, client_id, status, balance_due, ${issuedToClientSql('invoices')} AS issued FROM invoices WHERE updated_at >= $1 ORDER BY updated_at LIMIT ${MAX_REPLAYED}`,
      [since],
    )) as Array<{
      org_id: string;
      id: string;
      client_id: string;
      status: string;
      balance_due: string | number;
      issued: boolean;
    }>;
    return rows.map((r) => ({
      orgId: r.org_id,
      invoiceId: r.id,
      clientId: r.client_id,
      status: r.status,
      balanceDue: Number(r.balance_due),
      issued: r.issued,
    }));
  };
}
