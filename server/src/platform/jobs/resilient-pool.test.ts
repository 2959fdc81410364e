import { EventEmitter } from 'node:events';
import { run, type WorkerEvents, type WorkerPool } from 'graphile-worker';
import { afterAll, expect, inject, it } from 'vitest';
import { resilientPool } from './resilient-pool.js';

const crashes: unknown[] = [];
const onCrash = (e: unknown) => crashes.push(e);
afterAll(() => {
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
});

// The fault CI met in a storm of connection kills: a runner shut down while its job listener's LISTEN
// is in flight, and that connection dies. graphile-worker then releases the listener's client twice.
it('survives a job runner shut down while its listener connection dies', async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  const pool = resilientPool(inject('serverUrl'), 4, 'settle-jobs-test');
  const events = new EventEmitter() as WorkerEvents;
  let workerPool: WorkerPool | undefined;
  let shutdown: Promise<void> | undefined;
  events.on('pool:create', (e) => void (workerPool = e.workerPool));
  events.on('pool:listen:success', ({ client }) => {
    if (shutdown) return;
    shutdown = workerPool!.gracefulShutdown();
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  });
  const runner = await run({
    pgPool: pool,
    concurrency: 1,
    noHandleSignals: true,
    events,
    taskList: { noop: async () => undefined },
  });
  await runner.promise.catch(() => undefined);
  await shutdown;
  await new Promise((r) => setTimeout(r, 300));
  await pool.end();
  expect(shutdown).toBeDefined();
  expect(crashes).toEqual([]);
});
