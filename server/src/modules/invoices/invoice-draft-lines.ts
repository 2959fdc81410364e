import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput } from '../../platform/errors.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { Service } from '../catalog/service.entity.js';
import { TimeEntryService } from '../time-entries/time-entry.service.js';
import { InvoiceLine } from './invoice-line.entity.js';
import type { Invoice } from './invoice.entity.js';
import { invoiceTotals, lineProblem } from './invoice-math.js';
import { assertTotals, buildLines, type DraftLine } from './invoice-writer.js';

// Editing a draft's lines: the checks a line list must pass and the write that makes the stored rows
// match it. Drafts are created and updated from here alone, so the rules live beside that write.

export interface DraftLineInput extends DraftLine {
  /** An existing line's id keeps that line (and the time entries billed on it). */
  id?: string | null;
}

/**
 * Makes the draft's lines the ones given: a line with an id keeps that row (and the time billed on it),
 * one without is added, and a row not named is removed (its time goes back to the pool, and whatever
 * else it billed is released through `invoice.draft-lines-removed`). The totals are then read from the
 * rows stored, the one source of truth, so no shape of input can make them disagree with the lines.
 */
export async function replaceDraftLines(
  tx: EntityManager,
  events: DomainEventBus,
  orgId: string,
  actor: Actor,
  invoice: Invoice,
  lines: DraftLineInput[],
): Promise<void> {
  const existing = await tx.find(InvoiceLine, { where: { orgId, invoiceId: invoice.id } });
  const ids = lines.map((l) => l.id?.toLowerCase() ?? null);
  const keep = new Set(ids.filter((id): id is string => !!id));
  const stranger = ids.findIndex((id) => id && !existing.some((e) => e.id === id));
  if (stranger >= 0) throw badInput(`lines.${stranger}.id`, `Line ${ids[stranger]} is not on this invoice`);
  const removed = existing.filter((e) => !keep.has(e.id));
  if (removed.length) {
    const removedIds = removed.map((e) => e.id);
    // Time billed on a removed line goes back to the pool for the next generation.
    await TimeEntryService.releaseLines(tx, orgId, removedIds);
    // What else the lines billed (a contract's periods) is released by its owner, before the rows go.
    await events.emit(tx, 'invoice.draft-lines-removed', { orgId, actor, invoice, lines: removed });
    await tx.delete(InvoiceLine, { id: In(removedIds) });
  }
  const rows = buildLines(invoice.orgId, invoice.id, lines);
  for (const [i, row] of rows.entries()) {
    const lineId = ids[i];
    if (lineId) await tx.update(InvoiceLine, { id: lineId, invoiceId: invoice.id }, row);
    else await tx.insert(InvoiceLine, row as InvoiceLine);
  }
  const stored = await tx.find(InvoiceLine, {
    where: { orgId, invoiceId: invoice.id },
    select: { amount: true, taxAmount: true },
  });
  const totals = invoiceTotals(stored);
  assertTotals(totals);
  Object.assign(invoice, totals);
}

/** A line may name only a service of this org: another org's id, or an id of no service (a FK error otherwise), is bad input. */
export async function assertOwnServices(tx: EntityManager, orgId: string, lines: DraftLine[]): Promise<void> {
  const ids = [...new Set(lines.map((l) => l.serviceId).filter((id): id is string => !!id))];
  if (!ids.length) return;
  const found = new Set((await tx.findBy(Service, { orgId, id: In(ids) })).map((sv) => sv.id));
  const bad = lines.findIndex((l) => l.serviceId && !found.has(l.serviceId));
  if (bad >= 0) throw badInput(`lines.${bad}.serviceId`, 'No such service in this organization');
}

/** A line id named twice would update one row twice (ids compare as PostgreSQL compares uuids, whatever their case). */
export function assertDistinctLineIds(lines: DraftLineInput[]): void {
  const seen = new Set<string>();
  for (const [i, line] of lines.entries()) {
    const id = line.id?.toLowerCase();
    if (!id) continue;
    if (seen.has(id)) throw badInput(`lines.${i}.id`, `Line ${id} is listed twice; list each line once`);
    seen.add(id);
  }
}

export function assertLine(line: DraftLine, index: number): void {
  const problem = lineProblem(line);
  if (problem) throw badInput(`lines.${index}.${problem.field}`, problem.message);
  if (!line.description.trim()) throw badInput(`lines.${index}.description`, 'Describe the line');
}
