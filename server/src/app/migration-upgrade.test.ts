import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it, inject } from 'vitest';
import { createDataSource } from '../platform/database/data-source.js';
import { withDatabase } from '../../test/global-setup.js';
import { emptyDatabaseForSuite } from '../../test/for-file.js';
import { migrationTimestamp } from './module-runtime.js';
import { SETTLE_MODULES, SETTLE_SCHEMA } from './modules.js';

const SRC = path.resolve(import.meta.dirname, '..');
const FIXTURE = path.resolve(SRC, '../test/fixtures/schema-at-9b60234.sql');

/** Columns, indexes and constraints of the public schema, in a stable order. */
async function shapeOf(url: string): Promise<unknown[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql: string) => (await c.query(sql)).rows;
    return [
      await q(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
      ),
      await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
      await q(
        `SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
      ),
    ];
  } finally {
    await c.end();
  }
}

describe('a database made before modules declared their migrations', () => {
  const serverUrl = inject('serverUrl');
  const url = emptyDatabaseForSuite('upgrade', async (empty) => {
    const db = new pg.Client({ connectionString: empty });
    await db.connect();
    try {
      await db.query(fs.readFileSync(FIXTURE, 'utf8'));
    } finally {
      await db.end();
    }
  });

  it('upgrades with the module list: nothing recorded re-runs, only later migrations run, the record is kept', async () => {
    const ds = createDataSource(url, SETTLE_SCHEMA, { poolSize: 2 });
    await ds.initialize();
    try {
      const rows = () =>
        ds.query(`SELECT id, timestamp::bigint::text AS timestamp, name FROM settle_migrations ORDER BY id`) as Promise<
          Array<{ name: string }>
        >;
      const recorded = await rows();
      const declared = SETTLE_SCHEMA.migrations.map((m) => m.name);
      // The ten migrations of 9b60234 keep their names and lead the runner's order.
      expect(recorded).toHaveLength(10);
      expect(declared.slice(0, recorded.length)).toEqual(recorded.map((r) => r.name));
      const ran = await ds.runMigrations({ transaction: 'all' });
      expect(ran.map((m) => m.name)).toEqual(declared.slice(recorded.length));
      const after = await rows();
      expect(after.slice(0, recorded.length)).toEqual(recorded);
      expect(after.map((r) => r.name)).toEqual(declared);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
    }
  });

  it('has the schema a fresh database gets from the module list', async () => {
    expect(await shapeOf(url)).toEqual(await shapeOf(withDatabase(serverUrl, inject('templateDatabase'))));
  });
});

describe('migration numbering', () => {
  it('numbers every migration file once across modules, in the order the runner runs them', () => {
    const files = fs
      .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((f) => /(^|\/)migrations\/\d{4}-[^/]+\.migration\.ts$/.test(f))
      .map((f) => ({
        number: Number(path.basename(f).slice(0, 4)),
        source: fs.readFileSync(path.join(SRC, f), 'utf8'),
      }))
      .sort((a, b) => a.number - b.number);
    expect(files.map((f) => f.number)).toEqual(files.map((_, i) => i + 1));
    const classes = files.map((f) => /export class (\w+)/.exec(f.source)![1]);
    expect(classes).toEqual(SETTLE_SCHEMA.migrations.map((m) => m.name));
    // Each declared by exactly one module.
    expect(
      SETTLE_MODULES.flatMap((m) => m.migrations ?? [])
        .map((m) => m.name)
        .sort(),
    ).toEqual([...classes].sort());
    expect(SETTLE_SCHEMA.migrations.map(migrationTimestamp)).toEqual(
      [...SETTLE_SCHEMA.migrations.map(migrationTimestamp)].sort((a, b) => a - b),
    );
  });
});
