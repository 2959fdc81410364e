import { describe, expect, it } from 'vitest';
import { startSettle, type RunningSettle } from '../../app/bootstrap.js';
import { eventually, freePort } from '../../../test/harness.js';
import { settleForFile } from '../../../test/for-file.js';

// The modules' cron schedules fire on the wall clock. Tests start Settle with them off (a tick in the middle
// of a test would charge, sweep or bill its data behind its back); production (main.ts) starts them. This
// file checks both: what each module schedules, that the tests' worker hands graphile-worker none, and that
// a worker started as main.ts starts it hands them all over and they fire.

/** Every module's schedules (identifier → task), as the default configuration declares them. */
const SCHEDULES: Record<string, string> = {
  'auth-sweep-expired': 'auth.sweep-expired',
  'autopay-run-due': 'autopay.run-due',
  'billing-run-due': 'billing.run-due',
  'idempotency-sweep': 'idempotency.sweep',
  'invoices-overdue-sweep': 'invoices.overdue-sweep',
  'quickbooks-cdc': 'quickbooks.cdc-poll',
  'reconciliation-nightly': 'reconciliation.nightly',
  'reminders-sweep': 'reminders.sweep',
  'stripe-inbox-recover': 'stripe.inbox-recover',
  'stripe-sweep-tick': 'stripe.sweep-tick',
};

const s = settleForFile();

const knownCrontabs = async (): Promise<Array<{ identifier: string; last_execution: Date | null }>> =>
  s.container.db.query(
    `SELECT identifier, last_execution FROM graphile_worker._private_known_crontabs ORDER BY identifier`,
  );

describe('cron schedules', () => {
  it("each module declares its schedules, each for a task of the worker's", () => {
    const cron = s.modules.tasks.cron;
    expect(Object.fromEntries(cron.map((c) => [c.identifier, c.task]))).toEqual(SCHEDULES);
    for (const c of cron) expect(s.modules.tasks.tasks, c.task).toHaveProperty([c.task]);
  });

  it("the tests' worker runs jobs but hands graphile-worker no schedule: no wall-clock tick in a test", async () => {
    expect(s.worker).not.toBeNull();
    expect(s.worker!.scheduled).toEqual([]);
    // graphile-worker records each schedule it is given when its cron starts; it was given none.
    expect(await knownCrontabs()).toEqual([]);
  });

  it('a worker started as main.ts starts it hands graphile-worker every schedule, and they fire', async () => {
    const port = await freePort();
    let worker: RunningSettle | null = null;
    try {
      // No `schedules` option: the production default.
      worker = await startSettle(
        { ...s.container.config, port, publicUrl: `http://127.0.0.1:${port}`, runWorker: true },
        s.container.databaseUrl,
        { workerPollMs: 50 },
      );
      expect(worker.worker!.scheduled.map((i) => i.identifier).sort()).toEqual(Object.keys(SCHEDULES).sort());
      await eventually(
        async () => (await knownCrontabs()).length === Object.keys(SCHEDULES).length,
        'graphile-worker to know every schedule',
      );
      // The Stripe sweep tick is every minute: it fires at the next minute of the wall clock.
      await eventually(
        async () => (await knownCrontabs()).find((k) => k.identifier === 'stripe-sweep-tick')?.last_execution,
        'the every-minute schedule to fire',
        75_000,
      );
    } finally {
      await worker?.stop();
    }
  }, 90_000);
});
