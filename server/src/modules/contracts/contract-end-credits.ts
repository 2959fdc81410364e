import type { EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ContractDraftLine } from './contract-charges.js';
import './contracts.events.js';

/** Another run put the same end credit on an invoice first: this run's invoice is rolled back and retried. */
export class EndCreditTaken extends AppError {
  constructor() {
    super(
      'CONFLICT',
      'The credit for unused contract time was invoiced by another run at the same time; Settle retries',
    );
  }
}

/**
 * In the invoice's transaction: records the end credits it carries (a row each, unique per line, period
 * and sequence: a second run that saw the same credit due fails here and writes nothing), audits them
 * on their contracts, and hands what the invoice could not hold (`remainder`, see
 * endCreditsWithinTotal) to client credit through `contract.end-credit-kept`.
 */
export async function recordEndCredits(
  tx: EntityManager,
  deps: { audit: AuditService; events: DomainEventBus },
  actor: Actor,
  f: {
    orgId: string;
    clientId: string;
    invoice: { id: string; number: string; currency: string };
    lines: readonly ContractDraftLine[];
    /** The invoice's rows of `lines` (`lineIds[i]` is `lines[i]`'s): a credit is given while its line stays. */
    lineIds?: readonly string[];
    remainder: number;
  },
): Promise<void> {
  const credits = f.lines.flatMap((l, i) =>
    l.endCredit ? [{ ...l.endCredit, onInvoice: l.unitPrice, lineId: f.lineIds?.[i] ?? null }] : [],
  );
  if (!credits.length) return;
  const inserted = (await tx.query(
    `INSERT INTO contract_end_credits (org_id, contract_line_id, period_start, seq, end_date, amount, invoice_line_id, invoice_id)
     SELECT $1, *, $8 FROM unnest($2::uuid[], $3::date[], $4::int[], $5::date[], $6::bigint[], $7::uuid[])
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      f.orgId,
      credits.map((c) => c.contractLineId),
      credits.map((c) => c.periodStart),
      credits.map((c) => c.seq),
      credits.map((c) => c.endDate),
      credits.map((c) => c.amount),
      credits.map((c) => c.lineId),
      f.invoice.id,
    ],
  )) as unknown[];
  if (inserted.length !== credits.length) throw new EndCreditTaken();
  for (const c of credits)
    await deps.audit.record(tx, f.orgId, actor, { type: 'Contract', id: c.contractId }, 'contract.end-credited', null, {
      lineId: c.contractLineId,
      periodStart: c.periodStart,
      endDate: c.endDate,
      amount: c.amount,
      invoiceId: f.invoice.id,
      invoiceNumber: f.invoice.number,
      ...(c.amount > 0 && c.onInvoice < c.amount ? { keptAsClientCredit: c.amount - c.onInvoice } : {}),
    });
  if (f.remainder > 0)
    await deps.events.emit(tx, 'contract.end-credit-kept', {
      orgId: f.orgId,
      actor,
      clientId: f.clientId,
      currency: f.invoice.currency,
      invoiceId: f.invoice.id,
      amount: f.remainder,
    });
}
