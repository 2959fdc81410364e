import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource, EntityMetadata } from 'typeorm';
import { createTestDatabase } from '../../test/harness.js';
import { createDataSource } from '../platform/database/data-source.js';
import { SETTLE_MODULES, SETTLE_SCHEMA } from './modules.js';

/**
 * The entities describe the schema the migrations build. TypeORM, asked what it would change to make a
 * freshly migrated database fit the entities, answers with the known drift (defaults and unique
 * constraints only the migrations declare) and nothing else; and what TypeORM knows of every column
 * (how it reads, writes and generates it) is pinned too. Column decorators can then be refactored
 * freely: the pinned files must stay as they are, so no migration is ever needed for such a change.
 * Each module's tables are pinned in its own folder (`<name>.entity-schema.txt`; the core module's in
 * app/), so adding a module writes its own file and touches no other.
 */
describe('entities match the migrated schema', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  /** TypeORM's changes, each with the table it is about. */
  let drift: Array<{ table: string; sql: string }>;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url, SETTLE_SCHEMA, { poolSize: 2 });
    await ds.initialize();
    drift = await driftByTable(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const modules = SETTLE_MODULES.filter((m) => m.entities?.length);

  it('every change TypeORM would make is about a table of a module', () => {
    const owned = new Set(modules.flatMap((m) => m.entities!.map((e) => ds.getMetadata(e).tableName)));
    expect(drift.filter((d) => !owned.has(d.table)).map((d) => d.sql)).toEqual([]);
  });

  it.each(modules.map((m) => [m.name, m] as const))(
    '%s: only the known drift, every column as before',
    async (name, m) => {
      const metas = m.entities!.map((e) => ds.getMetadata(e));
      const tables = new Set(metas.map((meta) => meta.tableName));
      const sql = drift
        .filter((d) => tables.has(d.table))
        .map((d) => d.sql)
        .sort();
      const columns = metas.flatMap(columnsOf).sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
      const folder = name === 'core' ? import.meta.dirname : path.join(import.meta.dirname, '../modules', name);
      await expect(
        `# What TypeORM knows of each column\n${JSON.stringify(columns, null, 1)}\n# What TypeORM would change (known drift)\n${sql.join('\n')}\n`,
      ).toMatchFileSnapshot(path.join(folder, `${name}.entity-schema.txt`));
    },
  );
});

/** TypeORM's schema diff, one statement a line, with the table each is about (indexes and sequences by their table). */
async function driftByTable(ds: DataSource): Promise<Array<{ table: string; sql: string }>> {
  const owners = new Map<string, string>(
    (
      (await ds.query(
        `SELECT c.relname AS name, t.relname AS tbl FROM pg_index i
           JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
         UNION ALL
         SELECT s.relname, t.relname FROM pg_depend d
           JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_class t ON t.oid = d.refobjid`,
      )) as Array<{ name: string; tbl: string }>
    ).map((r) => [r.name, r.tbl]),
  );
  const diff = await ds.driver.createSchemaBuilder().log();
  return diff.upQueries.map((q) => {
    const sql = `${q.query};`;
    const table = /^ALTER TABLE "([^"]+)"/.exec(sql)?.[1];
    const other = /^DROP (?:INDEX|SEQUENCE) (?:"public"\.)?"([^"]+)"/.exec(sql)?.[1];
    return { table: table ?? owners.get(other ?? '') ?? '(unknown)', sql };
  });
}

function columnsOf(m: EntityMetadata) {
  return m.columns.map((c) => ({
    table: m.tableName,
    column: c.databaseName,
    property: c.propertyName,
    type: typeof c.type === 'string' ? c.type : c.type.name,
    ...(c.length ? { length: c.length } : {}),
    ...(c.precision != null ? { precision: c.precision, scale: c.scale } : {}),
    ...(c.isArray ? { array: true } : {}),
    nullable: c.isNullable,
    ...(c.isPrimary ? { primary: true } : {}),
    ...(c.isGenerated ? { generated: c.generationStrategy } : {}),
    ...(c.isCreateDate ? { createDate: true } : {}),
    ...(c.isUpdateDate ? { updateDate: true } : {}),
    ...(c.default !== undefined ? { default: String(c.default) } : {}),
    ...(c.transformer ? { transformer: describeTransformer(c.transformer) } : {}),
  }));
}

/** A transformer by what it does to sample values (its source text may change with a refactor). */
function describeTransformer(t: unknown): string {
  const one = Array.isArray(t) ? t[0] : (t as { to: (v: unknown) => unknown; from: (v: unknown) => unknown });
  return JSON.stringify({ to: [one.to(12), one.to(null)], from: [one.from('12'), one.from(7), one.from(null)] });
}
