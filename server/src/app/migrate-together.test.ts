import 'reflect-metadata';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openDatabase } from '../platform/database/data-source.js';
import { withDatabase } from '../../test/global-setup.js';
import { SETTLE_SCHEMA } from './modules.js';

/** Several processes started at once on an empty database: one migrates, the others wait and find it done. */
describe('processes that start together', () => {
  const serverUrl = inject('serverUrl');
  const name = `settle_t_${process.pid}_${Date.now()}_together`;
  const url = withDatabase(serverUrl, name);
  const admin = new pg.Client({ connectionString: serverUrl });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

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
