import type { EntityManager } from 'typeorm';
import { columnArrays } from '../../platform/database/sql.js';
import type { ContractDraftLine } from '../contracts/contract-charges.js';
import type { RunOutcome } from './billing-draft.js';

/**
 * Claims one billing date for these clients: a run row each under the unique (client, date), or a
 * FAILED one whose retry is due. A second worker waits on the first one's rows, then finds them taken;
 * a clock that moved back finds the dates already run. Returns client id → run id of those claimed.
 * The rows are taken in client id order: two workers that read the clients in different orders (by name,
 * one renamed between their reads) would otherwise each hold a row the other waits for.
 */
export async function claimRuns(
  tx: EntityManager,
  orgId: string,
  clientIds: string[],
  date: string,
  now: Date,
): Promise<Map<string, string>> {
  const rows = (await tx.query(
    `INSERT INTO billing_runs (org_id, client_id, bill_date, status)
     SELECT $1, c, $3, 'EMPTY' FROM unnest($2::uuid[]) AS c ORDER BY c
     ON CONFLICT (client_id, bill_date) DO UPDATE SET attempts = billing_runs.attempts + 1, updated_at = now()
       WHERE billing_runs.status = 'FAILED' AND billing_runs.next_attempt_at <= $4
     RETURNING id, client_id`,
    [orgId, clientIds, date, now],
  )) as Array<{ id: string; client_id: string }>;
  return new Map(rows.map((r) => [r.client_id, r.id]));
}

/**
 * The contract periods each invoice charges (unique per line and period: never charged twice), and
 * the quantity changes its proration lines settle, each with the invoice lines that carry it
 * (`lineIds[i]` is `recurring[i]`'s row): a line removed from the draft releases what it charged.
 */
export async function recordContractCharges(
  tx: EntityManager,
  orgId: string,
  invoices: Array<{ invoiceId: string; recurring: ContractDraftLine[]; lineIds: string[] }>,
): Promise<void> {
  const charges = invoices.flatMap(({ invoiceId, recurring, lineIds }) =>
    recurring.flatMap((l, i) => (l.charge ? [{ ...l.charge, invoiceId, invoiceLineId: lineIds[i]! }] : [])),
  );
  if (charges.length)
    await tx.query(
      `INSERT INTO contract_charges (org_id, contract_line_id, period_start, period_end, quantity, amount, invoice_id, invoice_line_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::date[], $4::date[], $5::int[], $6::bigint[], $7::uuid[], $8::uuid[])`,
      [
        orgId,
        ...columnArrays(charges, [
          'contractLineId',
          'periodStart',
          'periodEnd',
          'quantity',
          'amount',
          'invoiceId',
          'invoiceLineId',
        ]),
      ],
    );
  const changes = invoices.flatMap(({ invoiceId, recurring, lineIds }) => {
    const linesOf = new Map<string, string[]>();
    recurring.forEach((l, i) => {
      if (l.quantityChangeId)
        linesOf.set(l.quantityChangeId, [...(linesOf.get(l.quantityChangeId) ?? []), lineIds[i]!]);
    });
    return [...linesOf].map(([id, lines]) => ({ id, invoiceId, lines: `{${lines.join(',')}}` }));
  });
  if (changes.length)
    await tx.query(
      `UPDATE contract_quantity_changes q SET invoice_id = v.invoice_id, invoice_line_ids = v.line_ids::uuid[]
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS v(id, invoice_id, line_ids)
        WHERE q.id = v.id AND q.invoice_id IS NULL`,
      columnArrays(changes, ['id', 'invoiceId', 'lines']),
    );
}

const runRow = (r: RunOutcome & { runId: string }) => ({
  runId: r.runId,
  status: r.status,
  invoiceId: r.invoiceId ?? null,
  total: r.total ?? null,
  message: r.message ?? null,
});

/**
 * Each claimed run's outcome. A FAILED one (a missing price, say: nothing of it was written) is retried
 * later, less often each time: 5 minutes after the first attempt, doubling, at most 12 hours.
 */
export async function recordOutcomes(
  tx: EntityManager,
  runs: Array<RunOutcome & { runId: string }>,
  now: Date,
): Promise<void> {
  await tx.query(
    `UPDATE billing_runs r SET status = v.status, invoice_id = v.invoice_id, total = v.total, message = v.message,
            updated_at = now(),
            next_attempt_at = CASE WHEN v.status = 'FAILED'
              THEN $6::timestamptz + least(interval '5 minutes' * power(2, r.attempts - 1), interval '12 hours') END
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::bigint[], $5::text[]) AS v(id, status, invoice_id, total, message)
      WHERE r.id = v.id`,
    [...columnArrays(runs.map(runRow), ['runId', 'status', 'invoiceId', 'total', 'message']), now],
  );
}

/**
 * A failed attempt of one client's billing date: a FAILED run (or the one already failed, its attempts
 * counted), retried after 5 minutes, twice as long each time up to 12 hours. A date that ran meanwhile
 * is left as it is. Returns the id of the run written, if any.
 */
export async function recordRunFailure(
  tx: EntityManager,
  f: { orgId: string; clientId: string; date: string; message: string; now: Date },
): Promise<string[]> {
  const rows = (await tx.query(
    `INSERT INTO billing_runs (org_id, client_id, bill_date, status, message, next_attempt_at)
     VALUES ($1, $2, $3, 'FAILED', $4, $5::timestamptz + interval '5 minutes')
     ON CONFLICT (client_id, bill_date) DO UPDATE
       SET attempts = billing_runs.attempts + 1, message = $4, updated_at = now(),
           next_attempt_at = $5::timestamptz + least(interval '5 minutes' * power(2, billing_runs.attempts), interval '12 hours')
       WHERE billing_runs.status = 'FAILED'
     RETURNING id`,
    [f.orgId, f.clientId, f.date, f.message, f.now],
  )) as Array<{ id: string }>;
  return rows.map((r) => r.id);
}
