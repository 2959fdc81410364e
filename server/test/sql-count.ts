import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../src/platform/database/pg-pool.js';

/** Counts the SQL statements a data source runs while `fn` runs (test support, not a test file). */
export async function countStatements(
  db: DataSource,
  fn: () => Promise<unknown>,
): Promise<{ n: number; sql: string[] }> {
  const logger = db.logger as { logQuery: (q: string, p?: unknown[], r?: unknown) => unknown };
  const original = logger.logQuery;
  const sql: string[] = [];
  logger.logQuery = function (query, params, runner) {
    sql.push(query);
    return original.call(this, query, params, runner);
  };
  // Hot paths run prepared statements on the pool itself (pg-pool.ts), past TypeORM's logger.
  const pool = pgPoolOf(db);
  const poolQuery = pool.query;
  pool.query = function (q, params) {
    sql.push(typeof q === 'string' ? q : q.text);
    return poolQuery.call(this, q, params);
  };
  try {
    await fn();
  } finally {
    logger.logQuery = original;
    pool.query = poolQuery;
  }
  return { n: sql.length, sql };
}
