import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { returning } from '../../platform/database/sql.js';
import type { AuditService } from '../audit/audit.service.js';
import '../invoices/invoice.events.js';

/** What an invoice stops billing (or crediting): some of its lines (removed from a draft), or all of it (voided to bill again). */
export interface ReleasedWork {
  orgId: string;
  actor: Actor;
  invoice: { id: string; number: string };
  /** The lines that no longer bill; null: every line of the invoice. */
  lineIds: string[] | null;
  /** Why, as the audit trail says it. */
  cause: 'line removed from draft' | 'invoice voided' | 'released from the void invoice';
}

/**
 * In the invoice's transaction: the contract periods the released lines charged are no longer charged
 * (their `contract_charges` rows go, so the next invoice charges them; the unique key would otherwise
 * keep them from ever being billed again), and a quantity change whose proration lines are all gone is
 * no longer settled (the next invoice carries it). Each contract touched gets an audit row naming the
 * invoice and what was released, so the trail keeps what the deleted rows said.
 */
export async function releaseContractWork(tx: EntityManager, audit: AuditService, w: ReleasedWork): Promise<void> {
  if (w.lineIds && !w.lineIds.length) return;
  const charges = await returning<{
    contract_id: string;
    contract_line_id: string;
    period_start: string;
    period_end: string;
    quantity: number;
    amount: string;
  }>(
    tx,
    `DELETE FROM contract_charges c USING contract_lines cl
      WHERE c.org_id = $1 AND c.invoice_id = $2 AND cl.id = c.contract_line_id
        AND ($3::uuid[] IS NULL OR c.invoice_line_id = ANY($3::uuid[]))
      RETURNING cl.contract_id, c.contract_line_id, to_char(c.period_start, 'YYYY-MM-DD') AS period_start,
                to_char(c.period_end, 'YYYY-MM-DD') AS period_end, c.quantity, c.amount::bigint::text AS amount`,
    [w.orgId, w.invoice.id, w.lineIds],
  );
  // A proration is one or two lines (credit and charge): it is billed again once none of them is left.
  const changes = await returning<{
    contract_id: string;
    id: string;
    contract_line_id: string;
    effective_date: string;
    released: boolean;
  }>(
    tx,
    `UPDATE contract_quantity_changes q
        SET invoice_line_ids = v.rest, invoice_id = CASE WHEN cardinality(v.rest) = 0 THEN NULL ELSE q.invoice_id END
       FROM (SELECT id, CASE WHEN $3::uuid[] IS NULL THEN '{}'::uuid[]
                        ELSE ARRAY(SELECT x FROM unnest(invoice_line_ids) AS x WHERE x <> ALL($3::uuid[])) END AS rest
               FROM contract_quantity_changes
              WHERE org_id = $1 AND invoice_id = $2 AND ($3::uuid[] IS NULL OR invoice_line_ids && $3::uuid[])) v,
            contract_lines cl
      WHERE q.id = v.id AND cl.id = q.contract_line_id
      RETURNING cl.contract_id, q.id, q.contract_line_id, to_char(q.effective_date, 'YYYY-MM-DD') AS effective_date,
                q.invoice_id IS NULL AS released`,
    [w.orgId, w.invoice.id, w.lineIds],
  );
  // An end credit is given back to its contract with its line, so the next invoice credits it again; the part
  // the line could not hold, kept as client credit when it was given (the client still has it), stays given.
  // A credit recorded before credits named their lines (and not matched to one) stays given: what of it
  // was kept as client credit cannot be told.
  const endCredits = await returning<{
    contract_id: string;
    contract_line_id: string;
    period_start: string;
    amount: string;
    kept: string;
  }>(
    tx,
    `WITH released AS (
       SELECT e.id, e.amount, CASE WHEN e.amount > 0 THEN greatest(0, e.amount - l.unit_price) ELSE 0 END AS kept
         FROM contract_end_credits e JOIN invoice_lines l ON l.id = e.invoice_line_id
        WHERE e.org_id = $1 AND e.invoice_id = $2 AND ($3::uuid[] IS NULL OR e.invoice_line_id = ANY($3::uuid[]))
     ), gone AS (
       DELETE FROM contract_end_credits e USING released r WHERE e.id = r.id AND r.kept = 0 RETURNING e.id
     ), kept AS (
       UPDATE contract_end_credits e SET amount = r.kept, invoice_line_id = NULL
         FROM released r WHERE e.id = r.id AND r.kept > 0 RETURNING e.id
     )
     SELECT cl.contract_id, e.contract_line_id, to_char(e.period_start, 'YYYY-MM-DD') AS period_start,
            r.amount::bigint::text AS amount, r.kept::bigint::text AS kept
       FROM released r JOIN contract_end_credits e ON e.id = r.id JOIN contract_lines cl ON cl.id = e.contract_line_id`,
    [w.orgId, w.invoice.id, w.lineIds],
  );
  const unsettled = changes.filter((c) => c.released);
  const contracts = new Set([
    ...charges.map((c) => c.contract_id),
    ...unsettled.map((c) => c.contract_id),
    ...endCredits.map((c) => c.contract_id),
  ]);
  if (!contracts.size) return;
  await audit.recordMany(
    tx,
    [...contracts].map((contractId) => ({
      orgId: w.orgId,
      actor: w.actor,
      entity: { type: 'Contract', id: contractId },
      action: 'contract.charges_released',
      before: null,
      after: {
        invoiceId: w.invoice.id,
        invoiceNumber: w.invoice.number,
        cause: w.cause,
        periods: charges
          .filter((c) => c.contract_id === contractId)
          .map((c) => ({
            lineId: c.contract_line_id,
            periodStart: c.period_start,
            periodEnd: c.period_end,
            quantity: c.quantity,
            amount: Number(c.amount),
          })),
        quantityChanges: unsettled
          .filter((c) => c.contract_id === contractId)
          .map((c) => ({ id: c.id, lineId: c.contract_line_id, effectiveDate: c.effective_date })),
        endCredits: endCredits
          .filter((c) => c.contract_id === contractId)
          .map((c) => ({
            lineId: c.contract_line_id,
            periodStart: c.period_start,
            amount: Number(c.amount),
            keptAsClientCredit: Number(c.kept),
          })),
      },
    })),
  );
}

/** The contracts module follows invoices: a line removed from a draft, or an invoice voided to bill again. */
export function followInvoices(events: DomainEventBus, audit: AuditService): void {
  events.on('invoice.draft-lines-removed', ({ orgId, actor, invoice, lines }, tx) =>
    releaseContractWork(tx, audit, {
      orgId,
      actor,
      invoice,
      lineIds: lines.map((l) => l.id),
      cause: 'line removed from draft',
    }),
  );
  events.on('invoice.voided', ({ orgId, actor, invoice, releaseBilledWork }, tx) =>
    releaseBilledWork
      ? releaseContractWork(tx, audit, { orgId, actor, invoice, lineIds: null, cause: 'invoice voided' })
      : Promise.resolve(),
  );
  events.on('invoice.voided-work-released', ({ orgId, actor, invoice }, tx) =>
    releaseContractWork(tx, audit, { orgId, actor, invoice, lineIds: null, cause: 'released from the void invoice' }),
  );
}
