import { describe, expect, it, vi } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { eventually } from '../../../test/harness.js';
import { DrainScheduler } from './stripe-inbox.js';

// No worker: a drain job stays waiting until the test plays the worker and takes it.
const s = settleForFile({ worker: false });

interface DrainJob {
  id: string;
  revision: number;
  locked: boolean;
  due: boolean;
}
const drainJobs = async () =>
  (await s.container.db.query(
    `SELECT id, revision, locked_at IS NOT NULL AS locked, run_at <= now() AS due FROM graphile_worker.jobs WHERE task_identifier = 'stripe.drain-events' ORDER BY id`,
  )) as DrainJob[];

describe('DrainScheduler', () => {
  // Adding the job writes and flushes a commit; while the job it added has not started, a kick only reads.
  it('adds a drain job only when the one it added last has started or is not due', async () => {
    const scheduler = new DrainScheduler(s.container.db, 5);
    const query = vi.spyOn(s.container.db.manager, 'query');
    const calls = (sql: string) => query.mock.calls.filter(([q]) => String(q).includes(sql)).length;
    const kickAndSettle = async () => {
      const before = calls('FROM graphile_worker.jobs') + calls('add_job');
      scheduler.kick();
      await eventually(
        async () => calls('FROM graphile_worker.jobs') + calls('add_job') > before,
        'the kick to be flushed',
      );
      // A call is counted when it starts: wait until every statement the kick sent has answered.
      await Promise.allSettled(query.mock.results.map((r) => r.value as unknown));
    };

    await kickAndSettle();
    const [first] = await drainJobs();
    expect(first).toMatchObject({ locked: false, due: true });
    expect(calls('add_job')).toBe(1);

    // Waiting and due: five more kicks read, add nothing.
    for (let n = 0; n < 5; n++) await kickAndSettle();
    expect(calls('add_job')).toBe(1);
    expect(await drainJobs()).toEqual([first]);

    // A worker took it: it may have claimed before the next events, so a kick adds a new one behind it.
    await s.container.db.query(
      `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test' WHERE id = $1`,
      [first!.id],
    );
    await kickAndSettle();
    const [, second] = await drainJobs();
    expect(second).toMatchObject({ locked: false, due: true });
    expect(calls('add_job')).toBe(2);

    // A waiting job pushed back (a failed attempt's backoff) would make new events wait: a kick makes it due again.
    await s.container.db.query(
      `UPDATE graphile_worker._private_jobs SET run_at = now() + interval '1 hour' WHERE id = $1`,
      [second!.id],
    );
    await kickAndSettle();
    expect(calls('add_job')).toBe(3);
    expect((await drainJobs())[1]).toMatchObject({ id: second!.id, due: true });

    // The job ran and is gone: a kick adds one.
    await s.container.db.query(`DELETE FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])`, [
      [first!.id, second!.id],
    ]);
    await kickAndSettle();
    expect(calls('add_job')).toBe(4);
    expect(await drainJobs()).toMatchObject([{ locked: false, due: true }]);
    query.mockRestore();
  });
});
