// Test support for races between transactions: hold a row, start both sides, let go at a known point.
import type { DataSource } from 'typeorm';
import { eventually } from './harness.js';

/** How many sessions of this database wait on a lock now. */
export async function waitersOnLocks(db: Pick<DataSource, 'query'>): Promise<number> {
  const [{ n }] = (await db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  )) as Array<{ n: number }>;
  return n;
}

/** Waits until at least `n` sessions wait on a lock: the sides of a race have reached the rows held. */
export const untilWaiting = (db: Pick<DataSource, 'query'>, n: number, what: string) =>
  eventually(async () => (await waitersOnLocks(db)) >= n, what);

/**
 * Runs `meanwhile` while a side transaction holds the rows `lock` (a SELECT … FOR UPDATE) locks, then
 * commits it, so the sides `meanwhile` started meet at those rows in a known order. A lock that finds no
 * row fails the test: it would hold nothing, and a race test that holds nothing proves nothing.
 */
export async function holding(
  db: DataSource,
  lock: string,
  params: unknown[],
  meanwhile: () => Promise<void>,
): Promise<void> {
  const held = db.createQueryRunner();
  await held.connect();
  await held.startTransaction();
  try {
    const rows = (await held.query(lock, params)) as unknown[];
    if (!rows.length) throw new Error(`nothing to hold: ${lock}`);
    await meanwhile();
    await held.commitTransaction();
  } finally {
    if (held.isTransactionActive) await held.rollbackTransaction();
    await held.release();
  }
}

/** A promise's outcome as a value, `{ value }` or `{ error: message }`: both sides of a race are awaited, neither throws. */
export const settled = <T>(p: Promise<T>): Promise<{ value?: T; error?: string }> =>
  p.then(
    (value) => ({ value }),
    (err: Error) => ({ error: err.message }),
  );
