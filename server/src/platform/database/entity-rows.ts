import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Entities read as plain rows: the columns selected under their property names, so PostgreSQL's answer
 * is already the entity's shape (pg-types gives numbers for bigint, strings for dates and numerics,
 * Dates for timestamps) and the values are copied into an instance: no per-column hydration. No Settle
 * entity has relations or transformers other than bigint-as-number, which pg-types already applies.
 */
export function selectEntityColumns<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  /** Only these properties (a statement that reads a few columns need not carry wide rows). */
  only?: (property: string) => boolean,
): SelectQueryBuilder<T> {
  const alias = qb.alias;
  const meta = metadataOf(qb);
  qb.select([]);
  for (const c of meta.columns)
    if (!only || only(c.propertyName)) qb.addSelect(`${alias}.${c.databaseName}`, c.propertyName);
  return qb;
}

/**
 * A row read with selectEntityColumns as an entity instance (getters on the class keep working). Built
 * with the class's constructor, which defines every field up front, so the values fill a fixed shape.
 */
export function asEntity<T>(meta: EntityMetadata, row: Record<string, unknown>): T {
  const entity = (meta.target instanceof Function ? new (meta.target as new () => object)() : {}) as Record<
    string,
    unknown
  >;
  for (const key in row) entity[key] = row[key];
  return entity as T;
}

/**
 * SQL that builds one row of `meta`'s table (aliased `alias`) as a JSON object keyed by property names,
 * so a list can carry its children in the same statement (`json_agg` of these). Numerics travel as text,
 * as pg-types gives them outside JSON; timestamps come back as text and `reviveJson` makes them Dates.
 */
export function entityJsonSql(meta: EntityMetadata, alias: string): string {
  return once(jsonSqlCache, meta, alias, () => {
    const pairs = meta.columns.map((c) => {
      const column = `${alias}."${c.databaseName}"`;
      return `'${c.propertyName}', ${c.type === 'numeric' ? `${column}::text` : column}`;
    });
    return `json_build_object(${pairs.join(', ')})`;
  });
}

/** Turns what entityJsonSql built back into the entity. */
export function reviveJson<T>(meta: EntityMetadata): (obj: Record<string, unknown>) => T {
  const timestamps = once(timestampCache, meta, '', () =>
    meta.columns
      .filter((c) => c.type === 'timestamptz' || c.type === 'timestamp' || c.type === Date)
      .map((c) => c.propertyName),
  );
  return (obj) => {
    for (const p of timestamps) if (obj[p] != null) obj[p] = new Date(obj[p] as string);
    return asEntity<T>(meta, obj);
  };
}

// Built once per entity (and alias), not on every request that reads a page.
const jsonSqlCache = new WeakMap<EntityMetadata, Map<string, string>>();
const timestampCache = new WeakMap<EntityMetadata, Map<string, string[]>>();
function once<V>(cache: WeakMap<EntityMetadata, Map<string, V>>, meta: EntityMetadata, key: string, make: () => V): V {
  let byKey = cache.get(meta);
  if (!byKey) cache.set(meta, (byKey = new Map()));
  let value = byKey.get(key);
  if (value === undefined) byKey.set(key, (value = make()));
  return value;
}

export function metadataOf<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): EntityMetadata {
  const meta = qb.expressionMap.mainAlias?.metadata;
  if (!meta) throw new Error('this query needs to be built from an entity');
  return meta;
}
