import type { SelectQueryBuilder } from 'typeorm';
import { badInput } from '../../platform/errors.js';
import { containsPattern } from '../../platform/database/sql.js';
import type { Invoice } from './invoice.entity.js';
import { InvoiceDisplayStatus } from './invoice-status.js';

/** Who may see which invoices: admins see their org's; a portal user only its client's finalized ones. */
export interface InvoiceScope {
  orgId: string;
  clientId?: string;
  finalizedOnly?: boolean;
}

export interface InvoiceFilter {
  status?: InvoiceDisplayStatus[];
  clientId?: string;
  issuedFrom?: string;
  issuedTo?: string;
  dueFrom?: string;
  dueTo?: string;
  search?: string;
}

export function applyScope(qb: SelectQueryBuilder<Invoice>, scope: InvoiceScope): void {
  qb.where('i.org_id = :orgId', { orgId: scope.orgId });
  if (scope.clientId) qb.andWhere('i.client_id = :scopeClient', { scopeClient: scope.clientId });
  if (scope.finalizedOnly) qb.andWhere(`i.status <> 'DRAFT'`);
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
  if (f.issuedFrom) qb.andWhere('i.issue_date >= :issuedFrom', { issuedFrom: f.issuedFrom });
  if (f.issuedTo) qb.andWhere('i.issue_date <= :issuedTo', { issuedTo: f.issuedTo });
  if (f.dueFrom) qb.andWhere('i.due_date >= :dueFrom', { dueFrom: f.dueFrom });
  if (f.dueTo) qb.andWhere('i.due_date <= :dueTo', { dueTo: f.dueTo });
  if (f.search) qb.andWhere('(i.number ILIKE :q OR i.memo ILIKE :q)', { q: containsPattern(f.search) });
}

/** Cursors are opaque to clients: base64url of the sort key (created_at, id). */
export function encodeCursor(inv: Pick<Invoice, 'createdAt' | 'id'>): string {
  return Buffer.from(`${inv.createdAt.toISOString()}|${inv.id}`).toString('base64url');
}

const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Only the exact shape encodeCursor produces is accepted: anything else (random base64, a forged id that
 * is not a uuid, a date PostgreSQL cannot read) is BAD_USER_INPUT on `after`, never a database error.
 */
export function decodeCursor(cursor: string, field = 'after'): { createdAt: string; id: string } {
  const m = /^[A-Za-z0-9_-]*$/.test(cursor) ? CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!m || Number.isNaN(Date.parse(m[1]!))) throw badInput(field, 'Not a cursor this API returned');
  return { createdAt: m[1]!, id: m[2]! };
}
