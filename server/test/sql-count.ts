import type { DataSource } from 'typeorm';

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
  try {
    await fn();
  } finally {
    logger.logQuery = original;
  }
  return { n: sql.length, sql };
}
