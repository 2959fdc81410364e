import type { EntityMetadata, ObjectLiteral, QueryRunner, SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors.js';
import { asEntity, metadataOf, selectEntityColumns } from './entity-rows.js';
import { preparedRows } from './pg-pool.js';

/** Where a page starts and how long it is, as the caller asked (Relay: `first`/`after` or `last`/`before`). */
export interface PageRequest {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** How a list is ordered: one column (created_at, a name, a date), maybe a second, then the id, all the same direction. */
export interface KeysetOrder<T> {
  /** The entity property and its column, e.g. `['createdAt', 'created_at']`. */
  key: readonly [keyof T & string, string];
  /** Orders rows of equal `key` before the id does, e.g. created_at within a date: the cursor then carries both values. */
  then?: readonly [keyof T & string, string];
  direction: 'ASC' | 'DESC';
}

/** The usual order of a log or ledger: newest first. */
export const newestFirst = <T extends { createdAt: Date }>(): KeysetOrder<T> => ({
  key: ['createdAt' as keyof T & string, 'created_at'],
  direction: 'DESC',
});

export interface KeysetPage<T> {
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** How many rows match, counted only when asked (one extra statement). */
  totalCount: () => Promise<number>;
  /** The extra columns asked for with each node (`also`), in the same order. */
  also: Array<Record<string, unknown>>;
}

type CursorValue = string | number | null;
const ID_SHAPE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{1,19})$/i;

/** A cursor: `[value, id]`, or `[value, then, id]` for an order with a second column. */
export function encodeKeysetCursor(value: unknown, id: string | number, ...then: unknown[]): string {
  const text = (v: unknown): CursorValue => (v instanceof Date ? v.toISOString() : (v as CursorValue));
  // Bigint ids arrive as numbers (pg-types): the cursor always carries the id as text.
  return Buffer.from(JSON.stringify([text(value), ...then.map(text), String(id)])).toString('base64url');
}

/**
 * Only the shape encodeKeysetCursor writes for an order of `keys` columns is accepted (a cursor of another
 * order of the same list included): anything else is BAD_USER_INPUT on that argument.
 */
export function decodeKeysetCursor(cursor: string, field: string, keys = 1): { values: CursorValue[]; id: string } {
  let parsed: unknown = null;
  if (/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) {
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      parsed = null;
    }
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length === keys + 1 &&
    parsed.slice(0, keys).every((v) => ['string', 'number'].includes(typeof v) !== (v === null)) &&
    typeof parsed[keys] === 'string' &&
    ID_SHAPE.test(parsed[keys]);
  if (!ok) throw badInput(field, 'Not a cursor this API returned');
  const values = parsed as CursorValue[];
  return { values: values.slice(0, keys), id: values[keys] as string };
}

/** Checks the page arguments: one direction at a time, sizes 1..max; the default is `first: fallback`. */
export function pageWindow(page: PageRequest, max: number, fallback: number): { size: number; backward: boolean } {
  if (page.first != null && page.last != null) throw badInput('last', 'Give first or last, not both');
  if (page.after != null && page.last != null) throw badInput('after', 'Page backward with last and before');
  if (page.before != null && page.first != null) throw badInput('before', 'Page forward with first and after');
  const backward = page.last != null || page.before != null;
  const size = (backward ? page.last : page.first) ?? fallback;
  const field = backward ? 'last' : 'first';
  if (!Number.isInteger(size) || size < 1 || size > max) throw badInput(field, `${field} must be between 1 and ${max}`);
  return { size, backward };
}

/**
 * One page of `qb` (already narrowed to the caller's rows) by keyset: rows after (or before) the cursor row
 * in `order`, one extra row read to know whether more follow. The cursor's sort value is re-read from the
 * cursor row when it still exists (PostgreSQL keeps microseconds, a JS Date only milliseconds), so a page
 * boundary never skips or repeats a row, and rows inserted meanwhile never shift later pages.
 */
/** What a keyset page reads, before it runs: the rows (one extra, to know whether more follow) and, past a cursor, the other side. */
export interface KeysetPlan<T extends ObjectLiteral> {
  size: number;
  backward: boolean;
  /** The rows in read order (backward: reversed), at most size + 1. */
  read: SelectQueryBuilder<T>;
  /** One row exactly when rows exist on the other side of the cursor; null without a cursor. */
  otherSide: SelectQueryBuilder<T> | null;
}

/**
 * How one page of `qb` (already narrowed to the caller's rows) is read by keyset: rows after (or before)
 * the cursor row in `order`. The cursor's sort value is re-read from the cursor row when it still exists
 * (PostgreSQL keeps microseconds, a JS Date only milliseconds), so a page boundary never skips or repeats
 * a row, and rows inserted meanwhile never shift later pages.
 */
export function keysetPlan<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageRequest,
  /** `orgId`: a cursor row of another org is never read (tables without org_id are narrowed by the caller). */
  limits: { orgId: string; max: number; fallback: number },
): KeysetPlan<T> {
  const { size, backward } = pageWindow(page, limits.max, limits.fallback);
  const alias = qb.alias;
  const keys = keysOf(order);
  const table = tableOf(qb);
  const cursorArg = backward ? page.before : page.after;
  const readDirection = backward ? flip(order.direction) : order.direction;
  // Rows past the cursor in `dir`; `inclusive` counts the cursor row itself (it is on the side already seen).
  // One row comparison over every order column and the id, so an index on them serves it as one range.
  const boundary = (c: { values: CursorValue[]; id: string }, dir: 'ASC' | 'DESC', tag: string, inclusive = false) => {
    const cursorRow = `SELECT k.%s FROM ${table.name} k WHERE k.id = :${tag}Id${table.tenant ? ` AND k.org_id = :${tag}Org` : ''}`;
    const values = Object.fromEntries(c.values.map((v, i) => [`${tag}Value${i}`, v]));
    return qb
      .clone()
      .andWhere(
        `(${keys.map(([, column]) => `${alias}.${column}`).join(', ')}, ${alias}.id) ${dir === 'DESC' ? '<' : '>'}${inclusive ? '=' : ''} (${keys.map(([, column], i) => `coalesce((${cursorRow.replace('%s', column)}), :${tag}Value${i})`).join(', ')}, :${tag}Id)`,
        { [`${tag}Id`]: c.id, [`${tag}Org`]: limits.orgId, ...values },
      );
  };
  const cursorField = backward ? 'before' : 'after';
  const cursor = cursorArg ? decodeKeysetCursor(cursorArg, cursorField, keys.length) : null;
  if (cursor && !keys.every(([property], i) => fitsColumn(metadataOf(qb), property, cursor.values[i]!)))
    throw badInput(cursorField, 'Not a cursor this API returned');
  const read = cursor ? boundary(cursor, readDirection, 'cursor') : qb.clone();
  read.orderBy(`${alias}.${keys[0]![1]}`, readDirection);
  for (const [, column] of keys.slice(1)) read.addOrderBy(`${alias}.${column}`, readDirection);
  read.addOrderBy(`${alias}.id`, readDirection).limit(size + 1);
  const otherSide = cursor ? boundary(cursor, flip(readDirection), 'other', true).select('1', 'one').limit(1) : null;
  return { size, backward, read, otherSide };
}

/** One page of `qb` by keyset (see keysetPlan), read in one prepared statement, and `also` columns with each row. */
export async function keysetPage<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  order: KeysetOrder<T>,
  page: PageRequest,
  limits: { orgId: string; max: number; fallback: number },
  /** More columns read with each row in the same statement (name → SQL), e.g. its children as JSON. */
  also: Record<string, string> = {},
): Promise<KeysetPage<T>> {
  const plan = keysetPlan(qb, order, page, limits);
  const counted = qb.clone();
  const rows = await readRows(plan.read, also);
  const more = rows.length > plan.size;
  const kept = rows.slice(0, plan.size);
  if (plan.backward) kept.reverse();
  const nodes = kept.map((r) => r.node);
  // The other side of the cursor: rows exist there exactly when the cursor row is not the list's end.
  const otherSide = plan.otherSide ? (await plan.otherSide.getRawMany()).length > 0 : false;
  const [[property], ...then] = keysOf(order);
  return {
    nodes,
    cursors: nodes.map((n) => encodeKeysetCursor(n[property], n.id, ...then.map(([p]) => n[p]))),
    hasNextPage: plan.backward ? otherSide : more,
    hasPreviousPage: plan.backward ? more : otherSide,
    totalCount: () => counted.getCount(),
    also: kept.map((r) => r.also),
  };
}

/** The rows as entities, in one prepared statement, each with the `also` columns beside it. */
async function readRows<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, also: Record<string, string>) {
  const meta = metadataOf(qb);
  selectEntityColumns(qb);
  const extra = Object.keys(also);
  for (const name of extra) qb.addSelect(also[name]!, name);
  const [text, values] = qb.getQueryAndParameters();
  // Inside a transaction the query must run on its connection; elsewhere the pool's prepared statement serves.
  const tx = (qb as unknown as { queryRunner?: QueryRunner }).queryRunner;
  const raw: Array<Record<string, unknown>> = tx
    ? await tx.query(text, values)
    : await preparedRows(qb.connection, text, values);
  return raw.map((row) => {
    const columns: Record<string, unknown> = {};
    for (const name of extra) {
      columns[name] = row[name];
      delete row[name];
    }
    return { node: asEntity<T>(meta, row), also: columns };
  });
}

/**
 * Whether a cursor's sort value is one this list's order column could have written: a timestamp as the
 * ISO text encodeKeysetCursor writes, a date as YYYY-MM-DD, a number as a number. A value PostgreSQL
 * cannot compare (a crafted cursor) is the caller's input error, named, never a database error.
 */
function fitsColumn(meta: EntityMetadata, property: string, value: CursorValue): boolean {
  if (value === null) return true;
  const column = meta.findColumnWithPropertyName(property);
  const type = String(typeof column?.type === 'function' ? column.type.name : column?.type);
  if (type === 'timestamptz' || type === 'timestamp' || type === 'Date' || type.startsWith('timestamp '))
    return typeof value === 'string' && ISO_INSTANT.test(value) && isoOf(value) === value;
  if (type === 'date')
    return (
      typeof value === 'string' && ISO_DATE.test(value) && isoOf(`${value}T00:00:00.000Z`)?.startsWith(value) === true
    );
  if (['int', 'integer', 'bigint', 'smallint', 'Number'].includes(type))
    return typeof value === 'number' ? Number.isSafeInteger(value) : /^-?\d{1,19}$/.test(value);
  return true;
}
/** The ISO text of an instant, or null when it names none (month 13). */
const isoOf = (text: string) => (Number.isNaN(Date.parse(text)) ? null : new Date(text).toISOString());
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The order's columns before the id: `key`, then `then` when given. */
const keysOf = <T>(order: KeysetOrder<T>) => (order.then ? [order.key, order.then] : [order.key]);

const flip = (d: 'ASC' | 'DESC'): 'ASC' | 'DESC' => (d === 'ASC' ? 'DESC' : 'ASC');

function tableOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): { name: string; tenant: boolean } {
  const meta = metadataOf(qb);
  const name = meta.schema ? `"${meta.schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
  return { name, tenant: !!meta.findColumnWithDatabaseName('org_id') };
}
