import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../platform/database/data-source.js';
import { emptyDatabaseForSuite } from '../../test/for-file.js';
import { SETTLE_SCHEMA } from './modules.js';

/** Several processes started at once on an empty database: one migrates, the others wait and find it done. */
describe('processes that start together', () => {
  const url = emptyDatabaseForSuite('together');

  it('apply each migration once, and every one of them starts', async () => {
    const opened = await Promise.allSettled([1, 2, 3].map(() => openDatabase(url, SETTLE_SCHEMA, { poolSize: 2 })));
    try {
      expect(opened.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const ds = (opened[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof openDatabase>>>).value;
      const rows = (await ds.query(`SELECT name, count(*)::int AS n FROM settle_migrations GROUP BY name`)) as Array<{
        name: string;
        n: number;
      }>;
      expect(rows.map((r) => r.n).every((n) => n === 1)).toBe(true);
      expect(rows.map((r) => r.name).sort()).toEqual(SETTLE_SCHEMA.migrations.map((m) => m.name).sort());
    } finally {
      for (const o of opened) if (o.status === 'fulfilled') await o.value.destroy();
    }
  });
});
