import { describe, expect, it } from 'vitest';
import type { QueryRunner } from 'typeorm';
import { settleForFile } from '../../test/for-file.js';
import { eventually } from '../../test/harness.js';
import { countStatements } from '../../test/sql-count.js';

/**
 * /healthz and /readyz are served to anyone, and each check reads the database. A client flooding them
 * took a pool connection per request (3,000 at once kept a signed-in page of invoices waiting 17 s): now
 * callers asking while a check runs share its answer. A small pool makes the flood easy to hold.
 */
const s = settleForFile({ worker: false, env: { SETTLE_DB_POOL_SIZE: '2' } });

const openConnections = () =>
  new Promise<number>((resolve, reject) => s.http.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));

describe('health and readiness probes', () => {
  it('run one database check at a time however many callers ask at once, and answer them all', async () => {
    // Every pool connection busy elsewhere: each probe waits for one, as under a flood.
    const held: QueryRunner[] = [];
    for (let i = 0; i < 2; i++) {
      const runner = s.container.db.createQueryRunner();
      await runner.connect();
      held.push(runner);
    }
    const { sql } = await countStatements(s.container.db, async () => {
      const answers = Array.from({ length: 40 }, () => [fetch(`${s.url}/healthz`), fetch(`${s.url}/readyz`)]).flat();
      try {
        await eventually(async () => (await openConnections()) >= 80, 'every probe request to arrive');
        await new Promise((r) => setTimeout(r, 300));
      } finally {
        for (const runner of held) await runner.release();
      }
      const statuses = await Promise.all(answers.map(async (a) => (await a).status));
      expect(statuses).toEqual(Array(80).fill(200));
    });
    expect(sql.filter((q) => q === 'SELECT 1').length).toBeLessThanOrEqual(2);
    expect(sql.filter((q) => q.includes('graphile_worker._private_jobs')).length).toBeLessThanOrEqual(2);
    // Once answered, the next caller gets a fresh check (no answer is kept for later).
    const next = await countStatements(s.container.db, () => fetch(`${s.url}/healthz`).then((r) => r.text()));
    expect(next.sql.filter((q) => q === 'SELECT 1')).toHaveLength(1);
  });
});
