import { logger } from '../../platform/logger.js';

/** A row an autopay sweep reads: its org, its id, and the first column of its (key, id) order. */
export interface SweepRow {
  org_id: string;
  id: string;
}

export interface BatchedSweep<R extends SweepRow, O extends string> {
  /** Every outcome at 0, `skipped` among them (also what a row that threw counts as). */
  counts: Record<O | 'skipped', number>;
  batchSize: number;
  /** The key before every row's (the order's first column). */
  start: string;
  /** Up to `limit` rows after (key, id), in (key, id) order. */
  read(afterKey: string, afterId: string, limit: number): Promise<R[]>;
  /** A row's key, to read on after it. */
  key(row: R): string;
  /** One row decided (in its own transaction). */
  decide(row: R): Promise<O>;
  /** The warning of a row that threw: the next sweep tries it again. */
  notDecided(row: R, err: Error): void;
  /** The info line of a sweep that counted anything. */
  summary: string;
}

/**
 * The two autopay sweeps (due charges, stalled debits): rows read in (key, id) order a batch at a time,
 * each decided on its own and its outcome counted. Rows left undecided (a payment in flight, Stripe
 * unreachable) stay first in that order, so a sweep that read one batch only would never reach the rest:
 * it reads on until a short batch.
 */
export async function sweepInBatches<R extends SweepRow, O extends string>(
  s: BatchedSweep<R, O>,
): Promise<Record<O | 'skipped', number>> {
  const counts: Record<string, number> = s.counts;
  let after = { key: s.start, id: '00000000-0000-0000-0000-000000000000' };
  for (;;) {
    const rows = await s.read(after.key, after.id, s.batchSize);
    for (const r of rows) {
      try {
        counts[await s.decide(r)]++;
      } catch (err) {
        s.notDecided(r, err as Error);
        counts.skipped++;
      }
    }
    if (rows.length < s.batchSize) break;
    after = { key: s.key(rows.at(-1)!), id: rows.at(-1)!.id };
  }
  if (Object.values(counts).some((n) => n > 0)) logger.info({ ...counts }, s.summary);
  return s.counts;
}
