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
import { announceInvoicesUpdated } from '../../platform/events/invoice-events.js';
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
  return (await nextInvoiceNumbers(tx, orgId, 1))[0]!;
}

/** The next `count` numbers of the org's sequence, in order, in one statement. */
async function nextInvoiceNumbers(tx: EntityManager, orgId: string, count: number): Promise<string[]> {
  const rows = await returning<{ prefix: string; n: number }>(
    tx,
    `UPDATE organizations SET next_invoice_number = next_invoice_number + $2 WHERE id = $1
     RETURNING invoice_prefix AS prefix, next_invoice_number - $2 AS n`,
    [orgId, count],
  );
  const { prefix, n } = rows[0]!;
  return Array.from({ length: count }, (_, i) => `${prefix}${String(n + i).padStart(5, '0')}`);
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

/** What one new draft is made of (its org is given beside it). */
export interface NewDraft {
  client: Client;
  issueDate: string;
  dueDate: string;
  periodStart: string | null;
  periodEnd: string | null;
  memo: (dueDate: string, number: string) => string;
  notes?: string;
  lines: DraftLine[];
}

/** Inserts a DRAFT invoice and its lines with totals computed from them. */
export async function createDraftInvoice(
  tx: EntityManager,
  audit: AuditService,
  actor: Actor,
  input: NewDraft & { org: Organization },
): Promise<{ invoice: Invoice; lineIds: string[] }> {
  return (await createDraftInvoices(tx, audit, actor, input.org, [input]))[0]!;
}

/**
 * Inserts DRAFT invoices of one org with their lines, numbered in the order given, in a fixed number of
 * statements however many there are (the billing run drafts a batch of clients at once).
 */
export async function createDraftInvoices(
  tx: EntityManager,
  audit: AuditService,
  actor: Actor,
  org: Organization,
  drafts: NewDraft[],
): Promise<Array<{ invoice: Invoice; lineIds: string[] }>> {
  if (!drafts.length) return [];
  const totals = drafts.map((d) => {
    assertDueDateInRange(d.dueDate);
    const t = invoiceTotals(d.lines.map((l) => lineAmounts(l)));
    assertTotals(t);
    return t;
  });
  const numbers = await nextInvoiceNumbers(tx, org.id, drafts.length);
  const invoices = drafts.map((d, n) =>
    tx.create(Invoice, {
      orgId: org.id,
      clientId: d.client.id,
      number: numbers[n]!,
      currency: d.client.currency,
      status: InvoiceStatus.DRAFT,
      issueDate: d.issueDate,
      dueDate: d.dueDate,
      periodStart: d.periodStart,
      periodEnd: d.periodEnd,
      memo: d.memo(d.dueDate, numbers[n]!),
      notes: d.notes ?? '',
      ...totals[n]!,
      amountPaid: 0,
      amountKeptAsCredit: 0,
      amountCredited: 0,
      balanceDue: totals[n]!.total,
      disputed: false,
    }),
  );
  const inserted = await tx.insert(Invoice, invoices);
  inserted.generatedMaps.forEach((generated, n) => Object.assign(invoices[n]!, generated));
  const lines = await tx.insert(
    InvoiceLine,
    drafts.flatMap((d, n) => buildLines(org.id, invoices[n]!.id, d.lines)) as InvoiceLine[],
  );
  const lineIds = lines.identifiers.map((i) => i.id as string);
  // Announced like any change, so staff lists watching the org show new invoices without a reload.
  await announceInvoicesUpdated(tx, invoices.map(invoiceEvent));
  await audit.recordMany(
    tx,
    invoices.map((invoice, n) => ({
      orgId: org.id,
      actor,
      entity: { type: 'Invoice', id: invoice.id },
      action: 'invoice.created',
      before: null,
      after: { ...invoice, lines: drafts[n]!.lines.length },
    })),
  );
  let offset = 0;
  return invoices.map((invoice, n) => {
    const ids = lineIds.slice(offset, offset + drafts[n]!.lines.length);
    offset += ids.length;
    return { invoice, lineIds: ids };
  });
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
