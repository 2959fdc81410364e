import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { containsPattern } from '../../platform/database/sql.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceDisplayStatus } from './invoice-status.js';

/** Who may see which invoices: admins see their org's; a portal user only its client's issued ones. */
export interface InvoiceScope {
  orgId: string;
  clientId?: string;
  /** Only invoices issued to the client (`issuedToClient`): what a portal user may see. */
  issuedOnly?: boolean;
}

/**
 * Whether an invoice was issued to its client, and so whether the client (its portal users) may see it:
 * it was sent at least once. Every way an invoice reaches a client (Send, a billing run, a contract's
 * invoice, an AUTO_CHARGE at issue, a push to QuickBooks or Stripe at send) goes through
 * `InvoiceService.sendManyIn`, which sets `sent_at`; nothing clears it. `finalized_at` is not this:
 * voiding a draft that was never sent finalizes it (so its number stays accounted for) without the
 * client ever receiving it. The one definition, in TypeScript and (`issuedToClientSql`) in SQL.
 */
export const issuedToClient = (invoice: { sentAt?: Date | null }): boolean => Boolean(invoice.sentAt);

/** `issuedToClient` as a condition on the invoices table aliased `alias`. */
export const issuedToClientSql = (alias: string) => `${alias}.sent_at IS NOT NULL`;

/** Whether this invoice of this org was issued to its client (for a row that names an invoice: a payment). */
export async function invoiceIssuedToClient(db: DataSource, orgId: string, invoiceId: string): Promise<boolean> {
  const rows = (await db.query(
    `SELECT 1 FROM invoices i WHERE i.org_id = $1 AND i.id = $2 AND ${issuedToClientSql('i')}`,
    [orgId, invoiceId],
  )) as unknown[];
  return rows.length > 0;
}

interface DateRange {
  from?: string;
  to?: string;
}

export interface InvoiceFilter {
  status?: InvoiceDisplayStatus[];
  clientId?: string;
  issued?: DateRange;
  due?: DateRange;
  search?: string;
}

export function applyScope(qb: SelectQueryBuilder<Invoice>, scope: InvoiceScope): void {
  qb.where('i.org_id = :orgId', { orgId: scope.orgId });
  if (scope.clientId) qb.andWhere('i.client_id = :scopeClient', { scopeClient: scope.clientId });
  if (scope.issuedOnly) qb.andWhere(issuedToClientSql('i'));
}

/** OVERDUE is not stored: it is open (SENT/PARTIALLY_PAID) with a balance and a due date before today. */
export function applyFilter(qb: SelectQueryBuilder<Invoice>, f: InvoiceFilter, today: string): void {
  if (f.status?.length) {
    const overdue = `(i.status IN ('SENT','PARTIALLY_PAID') AND i.balance_due > 0 AND i.due_date < :today)`;
    const stored = f.status.filter((s) => s !== InvoiceDisplayStatus.OVERDUE);
    const clauses: string[] = [];
    if (stored.length) clauses.push(`(i.status IN (:...stored) AND NOT ${overdue})`);
    if (f.status.includes(InvoiceDisplayStatus.OVERDUE)) clauses.push(overdue);
    qb.andWhere(`(${clauses.join(' OR ')})`, { stored, today });
  }
  if (f.clientId) qb.andWhere('i.client_id = :clientId', { clientId: f.clientId });
  if (f.issued?.from) qb.andWhere('i.issue_date >= :issuedFrom', { issuedFrom: f.issued.from });
  if (f.issued?.to) qb.andWhere('i.issue_date <= :issuedTo', { issuedTo: f.issued.to });
  if (f.due?.from) qb.andWhere('i.due_date >= :dueFrom', { dueFrom: f.due.from });
  if (f.due?.to) qb.andWhere('i.due_date <= :dueTo', { dueTo: f.due.to });
  if (f.search) qb.andWhere('(i.number ILIKE :q OR i.memo ILIKE :q)', { q: containsPattern(f.search) });
}
