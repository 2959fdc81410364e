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

/** PostgreSQL's limit is 65,535 parameters per statement; chunks of the VALUES form stay well under it. */
const MAX_PARAMS = 30_000;
/** Rows per statement of the unnest form (its parameters are one array per column, whatever the rows). */
const MAX_UNNEST_ROWS = 5_000;

/**
 * Many rows in one `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)`: one parameter a column,
 * so PostgreSQL binds and plans a statement of a dozen parameters instead of a VALUES list of thousands
 * (for a few hundred audit rows that was most of the statement's time). The array types come from the
 * table's own columns, read once per process. A table with an array-typed column among those written
 * (unnest would flatten it) takes one multi-row `VALUES` per chunk instead. `casts` gives a column's SQL
 * type for the VALUES form (`jsonb`); `tail` is appended as is (ON CONFLICT, RETURNING). Rows come back
 * (RETURNING) and take ids and timestamps in the order given.
 */
export async function insertRows<T = never>(
  db: DataSource | EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  opts: { casts?: Record<string, string>; tail?: string } = {},
): Promise<T[]> {
  if (!rows.length) return [];
  const types = await columnTypes(db, table);
  const arrayTypes = columns.map((c) => types.get(c));
  if (arrayTypes.some((t) => !t || t.endsWith('[]'))) return insertValues(db, table, columns, rows, opts);
  const json = columns.map((_, i) => arrayTypes[i] === 'json' || arrayTypes[i] === 'jsonb');
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrayTypes.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})${opts.tail ? ` ${opts.tail}` : ''}`;
  const out: T[] = [];
  for (let start = 0; start < rows.length; start += MAX_UNNEST_ROWS) {
    const chunk = rows.slice(start, start + MAX_UNNEST_ROWS);
    // A JSON value goes in as its text: the driver would write a JS array as a nested PostgreSQL array.
    const params = columns.map((_, i) => chunk.map((row) => (json[i] ? jsonText(row[i]) : row[i])));
    out.push(...(await run<T>(db, sql, params, opts.tail)));
  }
  return out;
}

async function insertValues<T>(
  db: DataSource | EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  opts: { casts?: Record<string, string>; tail?: string },
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
    out.push(...(await run<T>(db, sql, params, opts.tail)));
  }
  return out;
}

async function run<T>(db: DataSource | EntityManager, sql: string, params: unknown[], tail?: string): Promise<T[]> {
  return tail?.includes('RETURNING') ? returning<T>(db, sql, params) : (await db.query(sql, params), []);
}

const jsonText = (v: unknown) => (v === null || v === undefined || typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Each table's column types, read from the catalog once per process for every table (migrations ran
 * before), and once more for a table made since. Without their modifier: an explicit cast to varchar(20)
 * would cut a longer value short, where the insert's own assignment refuses it. `character` without one
 * means char(1), so char(n) goes as `bpchar`; `bit` has no such form (null: the VALUES form).
 */
let typesByTable: Promise<Map<string, Map<string, string>>> | null = null;

async function columnTypes(db: DataSource | EntityManager, table: string): Promise<Map<string, string>> {
  const loading = (typesByTable ??= readColumnTypes(db, null));
  loading.catch(() => (typesByTable = null));
  const all = await loading;
  let types = all.get(table);
  if (!types) {
    types = (await readColumnTypes(db, table)).get(table) ?? new Map<string, string>();
    all.set(table, types);
  }
  return types;
}

async function readColumnTypes(
  db: DataSource | EntityManager,
  table: string | null,
): Promise<Map<string, Map<string, string>>> {
  const rows = (await db.query(
    `SELECT c.relname AS table, a.attname AS column,
            CASE a.atttypid WHEN 'bpchar'::regtype THEN 'bpchar' WHEN 'bit'::regtype THEN NULL ELSE format_type(a.atttypid, NULL) END AS type
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE ${table === null ? `c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')` : 'c.oid = $1::regclass'}
        AND a.attnum > 0 AND NOT a.attisdropped`,
    table === null ? [] : [table],
  )) as Array<{ table: string; column: string; type: string | null }>;
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!out.has(r.table)) out.set(r.table, new Map());
    if (r.type) out.get(r.table)!.set(r.column, r.type);
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
