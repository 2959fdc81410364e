import type { EntityMetadata } from 'typeorm';

/**
 * Builders of JSON in SQL for answers PostgreSQL writes by itself (graphql/sql-answers.ts). They write
 * compact JSON with `row_to_json`, byte for byte what JSON.stringify writes of the same value
 * (json_build_object and json_agg add spaces, and json_build_object resolves its arguments' types on
 * every call), so an answer can go out as PostgreSQL wrote it.
 */

/** How one property reads as the API answers it, given the alias of the row it is read from. */
export type JsonColumns = Map<string, { sql: (alias: string) => string }>;

/**
 * A JSON object of type `typename` with the selected keys in their order (`__typename` answered here), or
 * null when one of them has no SQL (the query then runs as usual). Keys are GraphQL response keys, which
 * sql-answers.ts has checked are plain names.
 */
export function jsonObject<F extends { key: string; name: string }>(
  selection: F[],
  typename: string,
  sqlOf: (f: F) => string | null | undefined,
): string | null {
  if (!selection.length) return null;
  const columns: string[] = [];
  for (const f of selection) {
    const sql = f.name === '__typename' ? `'${typename}'` : sqlOf(f);
    if (!sql) return null;
    columns.push(`${sql} AS "${f.key}"`);
  }
  return `(SELECT row_to_json(o) FROM (SELECT ${columns.join(', ')}) o)`;
}

/**
 * A JSON array of `item` (a jsonObject) for each row `from` gives, in the order of `order`, compact like
 * jsonObject; null when the item is (its selection has a field without SQL). array_to_json writes the
 * items' JSON as it is, with no space after the commas; glueing their text with string_agg instead and
 * casting it back to json made PostgreSQL parse every array again (about a tenth of a page's time).
 */
export function jsonArray(item: string | null, order: string, from: string): string | null {
  return (
    item &&
    `coalesce((SELECT array_to_json(array_agg(r.item ORDER BY r.n)) FROM (SELECT ${item} AS item, ${order} AS n FROM ${from}) r), '[]'::json)`
  );
}

/** A timestamp as JavaScript's toISOString writes it (what the DateTimeISO scalar answers). */
export const isoText = (sql: string) => `to_char(${sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * How each listed property reads as the API answers it: timestamps as ISO text, decimals without trailing
 * zeros (the Decimal scalar), the rest as PostgreSQL's JSON writes them. `readBy` says how the row names
 * them: by property (a row read with selectEntityColumns) or by column (the table itself).
 */
export function jsonColumns(meta: EntityMetadata, properties: string[], readBy: 'property' | 'column'): JsonColumns {
  const out: JsonColumns = new Map();
  for (const p of properties) {
    const c = meta.findColumnWithPropertyName(p);
    if (!c) throw new Error(`${meta.name} has no column ${p}`);
    const name = readBy === 'property' ? p : c.databaseName;
    const type = String(typeof c.type === 'function' ? c.type.name : c.type);
    out.set(p, {
      sql: (alias) => {
        const col = `${alias}."${name}"`;
        if (type === 'timestamptz' || type === 'timestamp' || type === 'Date') return isoText(col);
        if (type === 'numeric') return `trim_scale(${col})::text`;
        return col;
      },
    });
  }
  return out;
}
