import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createTestDatabase } from '../../../test/harness.js';
import { createDataSource } from './data-source.js';
import { lookupPoolOf, preparedRows } from './pg-pool.js';

let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  [url, drop] = [t.url, t.drop];
});

afterAll(async () => {
  await drop?.();
});

const open = async () => {
  const db = createDataSource(url, { entities: [], migrations: [] }, { poolSize: 3 });
  await db.initialize();
  return db;
};

/** Sessions of `db`'s database by application name, seen from a session of its own pool. */
const sessions = async (db: DataSource, name: string) =>
  Number(
    (
      await db.query(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
        [name],
      )
    )[0].n,
  );

describe('the lookup pool', () => {
  it('plans without bitmap scans, as large as the data source pool; the data source pool keeps the defaults', async () => {
    const db = await open();
    try {
      const [lookups] = await preparedRows(db, 'SHOW enable_bitmapscan', [], { lookups: true });
      const [plain] = await preparedRows(db, 'SHOW enable_bitmapscan', []);
      expect(lookups!.enable_bitmapscan).toBe('off');
      expect(plain!.enable_bitmapscan).toBe('on');
      expect((lookupPoolOf(db) as unknown as { options: { max: number } }).options.max).toBe(3);
      expect(await sessions(db, 'settle lookups')).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it('closes with its data source: no session of it is left behind', async () => {
    const db = await open();
    await lookupPoolOf(db).query('SELECT 1');
    await db.destroy();
    const other = await open();
    try {
      let left = -1;
      for (let i = 0; i < 40 && left !== 0; i++) {
        left = await sessions(other, 'settle lookups');
        if (left) await new Promise((r) => setTimeout(r, 50));
      }
      expect(left).toBe(0);
    } finally {
      await other.destroy();
    }
  });
});
