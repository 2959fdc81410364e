import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { returning } from '../../platform/database/sql.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Client } from '../clients/client.entity.js';
import type { Organization } from '../organizations/organization.entity.js';
import { InvoiceLine, InvoiceLineKind } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { invoiceTotals, lineAmounts, totalsProblem } from './invoice-math.js';
import { badInput } from '../../platform/errors.js';
import { announceInvoiceUpdated } from '../../platform/events/invoice-events.js';
import { invoiceEvent } from './invoice-state.js';
import { InvoiceStatus } from './invoice-status.js';

export interface DraftLine {
  kind: InvoiceLineKind;
  description: string;
  serviceId: string | null;
  quantity: string;
  unitPrice: number;
  discount: number;
  taxRateBps: number;
}

/** Takes the next number from the org's sequence; the row lock serialises numbering within an org. */
export async function nextInvoiceNumber(tx: EntityManager, orgId: string): Promise<string> {
  const rows = await returning<{ prefix: string; n: number }>(
    tx,
    `UPDATE organizations SET next_invoice_number = next_invoice_number + 1 WHERE id = $1
     RETURNING invoice_prefix AS prefix, next_invoice_number - 1 AS n`,
    [orgId],
  );
  const { prefix, n } = rows[0]!;
  return `${prefix}${String(n).padStart(5, '0')}`;
}

/**
 * Builds line rows with their computed amounts, positions 1..n. Only the line's own columns are copied:
 * API input carries `id: null` for new lines (and generation carries `entryIds`), which must not reach
 * the INSERT.
 */
export function buildLines(orgId: string, invoiceId: string, lines: DraftLine[]): Array<Partial<InvoiceLine>> {
  return lines.map((l, i) => ({
    orgId,
    invoiceId,
    position: i + 1,
    kind: l.kind,
    description: l.description,
    serviceId: l.serviceId,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discount: l.discount,
    taxRateBps: l.taxRateBps,
    ...lineAmounts(l),
  }));
}

/** Inserts a DRAFT invoice and its lines with totals computed from them. */
export async function createDraftInvoice(
  tx: EntityManager,
  audit: AuditService,
  actor: Actor,
  input: {
    org: Organization;
    client: Client;
    issueDate: string;
    dueDate: string;
    periodStart: string | null;
    periodEnd: string | null;
    memo: (dueDate: string, number: string) => string;
    notes?: string;
    lines: DraftLine[];
  },
): Promise<{ invoice: Invoice; lineIds: string[] }> {
  assertDueDateInRange(input.dueDate);
  const computed = input.lines.map((l) => lineAmounts(l));
  const totals = invoiceTotals(computed);
  assertTotals(totals);
  const number = await nextInvoiceNumber(tx, input.org.id);
  const invoice = await tx.save(Invoice, {
    orgId: input.org.id,
    clientId: input.client.id,
    number,
    currency: input.client.currency,
    status: InvoiceStatus.DRAFT,
    issueDate: input.issueDate,
    dueDate: input.dueDate,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    memo: input.memo(input.dueDate, number),
    notes: input.notes ?? '',
    ...totals,
    amountPaid: 0,
    amountCredited: 0,
    balanceDue: totals.total,
    disputed: false,
  } as Invoice);
  const inserted = await tx.insert(InvoiceLine, buildLines(input.org.id, invoice.id, input.lines) as InvoiceLine[]);
  // Announced like any change, so staff lists watching the org show a new invoice without a reload.
  await announceInvoiceUpdated(tx, invoiceEvent(invoice));
  await audit.record(tx, input.org.id, actor, { type: 'Invoice', id: invoice.id }, 'invoice.created', null, {
    ...invoice,
    lines: input.lines.length,
  });
  return { invoice, lineIds: inserted.identifiers.map((i) => i.id as string) };
}

/** Refuses totals past MAX_AMOUNT before anything is written (callers run inside their transaction). */
export function assertTotals(totals: { subtotal: number; taxTotal: number; total: number }): void {
  const problem = totalsProblem(totals);
  if (problem) throw badInput('lines', problem);
}

/**
 * A due date derived from the issue date (issue + days until due) can pass the last date PostgreSQL and
 * the API accept; JS then writes it as "+010000-…", which even sorts before the issue date.
 */
export function assertDueDateInRange(dueDate: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate))
    throw badInput('issueDate', 'The due date would fall after 9999-12-31; pick an earlier issue date');
}
