import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../test/harness.js';
import { createDataSource } from '../platform/database/data-source.js';
import { SETTLE_SCHEMA } from './modules.js';

/**
 * The entities describe the schema the migrations build. TypeORM, asked what it would change to make a
 * freshly migrated database fit the entities, answers with the known drift below (defaults and unique
 * constraints only the migrations declare) and nothing else; and what TypeORM knows of every column
 * (how it reads, writes and generates it) is pinned too. Column decorators can then be refactored
 * freely: both files must stay as they are, so no migration is ever needed for such a change.
 */
describe('entities match the migrated schema', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url, SETTLE_SCHEMA, { poolSize: 2 });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('TypeORM schema diff is only the known drift', async () => {
    const diff = await ds.driver.createSchemaBuilder().log();
    // Sorted: the order of ENTITIES is not part of the schema.
    const sql = diff.upQueries
      .map((q) => `${q.query};`)
      .sort()
      .join('\n');
    await expect(`${sql}\n`).toMatchFileSnapshot('./entity-schema.drift.txt');
  });

  it('every column reads, writes and generates as before', async () => {
    const columns = ds.entityMetadatas
      .flatMap((m) =>
        m.columns.map((c) => ({
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
        })),
      )
      .sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
    await expect(`${JSON.stringify(columns, null, 1)}\n`).toMatchFileSnapshot('./entity-schema.columns.json');
  });
});

/** A transformer by what it does to sample values (its source text may change with a refactor). */
function describeTransformer(t: unknown): string {
  const one = Array.isArray(t) ? t[0] : (t as { to: (v: unknown) => unknown; from: (v: unknown) => unknown });
  return JSON.stringify({ to: [one.to(12), one.to(null)], from: [one.from('12'), one.from(7), one.from(null)] });
}
