import type { DataSource, EntityManager, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';

/**
 * Runs an INSERT/UPDATE/DELETE … RETURNING and gives back its rows. (TypeORM's postgres driver answers
 * such statements with `[rows, affectedCount]` but a SELECT with plain rows.)
 */
export async function returning<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const res: unknown = await db.query(sql, params);
  if (Array.isArray(res) && res.length === 2 && Array.isArray(res[0]) && typeof res[1] === 'number')
    return res[0] as T[];
  return res as T[];
}

/** Rows touched by an UPDATE/DELETE without RETURNING. */
export async function affected(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<number> {
  const res: unknown = await db.query(sql, params);
  return Array.isArray(res) && typeof res[1] === 'number' ? res[1] : 0;
}

/** PostgreSQL's limit is 65,535 parameters per statement; chunks stay well under it. */
const MAX_PARAMS = 30_000;

/**
 * One multi-row `INSERT … VALUES (…), (…)` per chunk instead of a statement per row: batch writers
 * (settlement, audit, the webhook inbox) pay one round trip for many rows. `casts` gives a column's
 * SQL type where the parameter needs one (`jsonb`); `tail` is appended as is (ON CONFLICT, RETURNING).
 */
export async function insertRows<T = never>(
  db: DataSource | EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  opts: { casts?: Record<string, string>; tail?: string } = {},
): Promise<T[]> {
  const out: T[] = [];
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map(
      (row) =>
        `(${columns
          .map((col, i) => {
            params.push(row[i]);
            const cast = opts.casts?.[col];
            return cast ? `$${params.length}::${cast}` : `$${params.length}`;
          })
          .join(', ')})`,
    );
    const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}${opts.tail ? ` ${opts.tail}` : ''}`;
    out.push(
      ...(opts.tail?.includes('RETURNING') ? await returning<T>(db, sql, params) : (await db.query(sql, params), [])),
    );
  }
  return out;
}

/** Rows as one array per field, the parameters of `unnest($1::uuid[], $2::text[], …)`: many rows in one statement. */
export function columnArrays<T, K extends keyof T>(rows: readonly T[], fields: readonly K[]): Array<Array<T[K]>> {
  return fields.map((f) => rows.map((r) => r[f]));
}

/**
 * A `%…%` pattern that matches `text` literally: `%`, `_` and `\` in user input are escaped with
 * PostgreSQL's default LIKE escape character (backslash), so a search for "50%" finds "50%" only.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One org's rows (`alias` is the entity's alias in the query), narrowed by each condition whose value is
 * set (a falsy value adds nothing); `:v` in a condition stands for its value: `{ 'p.client_id = :v': f.clientId }`.
 */
export function orgRowsWhere<T extends ObjectLiteral>(
  repo: Repository<T>,
  alias: string,
  orgId: string,
  conditions: Record<string, unknown>,
): SelectQueryBuilder<T> {
  const qb = repo.createQueryBuilder(alias).where(`${alias}.org_id = :orgId`, { orgId });
  Object.entries(conditions).forEach(([condition, value], i) => {
    if (value) qb.andWhere(condition.replaceAll(':v', `:v${i}`), { [`v${i}`]: value });
  });
  return qb;
}

/** `orgRowsWhere` conditions for a date column from `from` to `to`, both inclusive and each optional. */
export function withinDates(column: string, from: string | undefined, to: string | undefined): Record<string, unknown> {
  return { [`${column} >= :v`]: from, [`${column} <= :v`]: to };
}
