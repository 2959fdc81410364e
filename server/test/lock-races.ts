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

type Outcome<T> = { value?: T; error?: string };

/** A promise's outcome as a value, `{ value }` or `{ error: message }`: both sides of a race are awaited, neither throws. */
export const settled = <T>(p: Promise<T>): Promise<Outcome<T>> =>
  p.then(
    (value) => ({ value }),
    (err: Error) => ({ error: err.message }),
  );

/**
 * Two sides meeting at held rows, in a known order: holds what `lock` locks, starts `first` and waits
 * until it waits, starts `second` and waits until it waits too, lets go, and answers both outcomes.
 */
export async function race<A, B>(
  db: DataSource,
  lock: { sql: string; params: unknown[] },
  first: () => Promise<A>,
  second: () => Promise<B>,
): Promise<[Outcome<A>, Outcome<B>]> {
  let a: Promise<Outcome<A>> | undefined;
  let b: Promise<Outcome<B>> | undefined;
  await holding(db, lock.sql, lock.params, async () => {
    a = settled(first());
    await untilWaiting(db, 1, 'the first side to wait on the held rows');
    b = settled(second());
    await untilWaiting(db, 2, 'the second side to wait too');
  });
  return [await a!, await b!];
}
