import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/harness.js';
import { forFile } from '../../../test/for-file.js';
import { wsClient } from '../../../test/ws-client.js';
import { SYSTEM_ACTOR } from '../../platform/actor.js';
import { quietOrg, signedHeaders, startStripeWorld, stripeModule } from '../../modules/stripe/stripe-test-kit.js';
import { paidEvent, sentInvoices } from '../fault-kit.js';
import { killHard, startChildSettle } from './child-settle.js';

// Issue #13: Settle as several processes on one database. Two `api` children (A and B, no job worker)
// and two workers (this test's own Settle, role `all`, and a `worker` child): a webhook acknowledged by A
// reaches a subscriber connected to B; events applied by two workers are each applied once; with three
// workers each scheduled (cron) tick is queued once and run once; kill -9 of an
// API process mid-burst loses no acknowledged event; SIGTERM drains an API process and tells its
// websocket clients to go elsewhere.
const w = forFile(
  () =>
    // Schedules on: one of the three workers whose cron ticks the test counts (the children have theirs on).
    startStripeWorld({
      retryScheduleMs: [3_600_000],
      worker: true,
      schedules: true,
      env: { STRIPE_SWEEP_INTERVAL_MS: '3600000' },
    }),
  'Stripe and Settle',
);
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) await killHard(c);
});

const child = async (role: 'api' | 'worker') => {
  const c = await startChildSettle(w.settle.container.databaseUrl, {
    SETTLE_ROLE: role,
    STRIPE_API_URL: w.emu.url,
    STRIPE_SWEEP_INTERVAL_MS: '3600000',
  });
  children.push(c.proc);
  return c;
};
const count = async (sql: string, params: unknown[] = []) =>
  ((await w.settle.container.db.query(sql, params)) as Array<{ n: number }>)[0]!.n;

/** An org whose Stripe webhooks are signed with a known secret, and `n` sent invoices of it. */
async function world(name: string, n: number) {
  const o = await quietOrg(w, name);
  const secret = `whsec_mp_${o.org.id.replace(/-/g, '')}`;
  const conn = await stripeModule(w).connections.setWebhookSecret(o.org.id, SYSTEM_ACTOR, secret);
  const invoices = await sentInvoices(w, o, n, name.slice(0, 3).toUpperCase());
  /** POSTs invoice `i`'s paid event to `url`; the HTTP status, or 0 when the connection failed. */
  const deliver = async (url: string, i: number, tag: string) => {
    const body = JSON.stringify(await paidEvent(o, `${tag}_${i}`, invoices[i]!.id));
    try {
      const res = await fetch(`${url}/webhooks/stripe/${conn.webhookToken}`, {
        method: 'POST',
        headers: signedHeaders(body, secret),
        body,
      });
      return res.status;
    } catch {
      return 0;
    }
  };
  return { o, invoices, deliver };
}

describe('several processes on one database', () => {
  it('a webhook acknowledged by process A reaches a subscriber on process B', async () => {
    const [a, b] = [await child('api'), await child('api')];
    const { o, invoices, deliver } = await world('Across', 1);
    const client = wsClient(b.url, o.token);
    const seen: string[] = [];
    const stop = client.subscribe<{ invoiceUpdated: { invoice: { status: string } } }>(
      {
        query: `subscription($i:ID){invoiceUpdated(invoiceId:$i){invoice{status}}}`,
        variables: { i: invoices[0]!.id },
      },
      {
        next: (v) => void (v.data && seen.push(v.data.invoiceUpdated.invoice.status)),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    try {
      await new Promise((r) => setTimeout(r, 500)); // the subscription is listening
      expect(await deliver(a.url, 0, 'across')).toBe(200);
      await eventually(async () => seen.includes('PAID'), 'B pushes the PAID invoice', 20_000);
    } finally {
      stop();
      await client.dispose();
    }
  });

  it('two workers running, a burst of events is applied once each', async () => {
    const [api] = [await child('api'), await child('worker')];
    const N = 200;
    const { o, deliver } = await world('Twice', N);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) expect(await deliver(api.url, next++, 'twice')).toBe(200);
      }),
    );
    await eventually(
      async () =>
        (await count(`SELECT count(*)::int AS n FROM invoices WHERE org_id = $1 AND status = 'PAID'`, [o.org.id])) ===
        N,
      'every invoice PAID',
      60_000,
    );
    expect(await count(`SELECT count(*)::int AS n FROM payments WHERE org_id = $1`, [o.org.id])).toBe(N);
    // Each job worker beats with the id of its process (which took part varies with timing: printed, not held).
    const processes = await count(
      `SELECT count(DISTINCT h.process_id)::int AS n FROM stripe_event_inbox e
         JOIN settle_worker_heartbeats h ON h.worker_id = e.claimed_by WHERE e.org_id = $1`,
      [o.org.id],
    );
    console.log(`events applied by job workers of ${processes} processes`);
    expect(processes).toBeGreaterThanOrEqual(1);
  });

  it('three workers running, each scheduled tick is queued once and run once', async () => {
    // Every job row graphile-worker queues, and every one it finishes (a finished job is deleted), is written
    // down by triggers on its own table: which task, which cron tick, how many times it was taken, by whom.
    await w.settle.container.db.query(`
      CREATE TABLE IF NOT EXISTS test_cron_jobs (event text, task text, tick text, attempts int, locked_by text);
      CREATE OR REPLACE FUNCTION test_cron_job() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE j graphile_worker._private_jobs := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      BEGIN
        IF j.payload->'_cron' IS NOT NULL THEN
          INSERT INTO test_cron_jobs
            SELECT lower(TG_OP), t.identifier, j.payload->'_cron'->>'ts', j.attempts, j.locked_by
              FROM graphile_worker._private_tasks t WHERE t.id = j.task_id;
        END IF;
        RETURN NULL;
      END $$;
      DROP TRIGGER IF EXISTS test_cron_job ON graphile_worker._private_jobs;
      CREATE TRIGGER test_cron_job AFTER INSERT OR DELETE ON graphile_worker._private_jobs
        FOR EACH ROW EXECUTE FUNCTION test_cron_job();`);
    await child('worker');
    await child('worker');
    const allUp = Date.now();
    const nextTick = new Date(Math.ceil((allUp + 1) / 60_000) * 60_000).toISOString();
    type Row = { event: string; task: string; tick: string; attempts: number; locked_by: string | null };
    const rows = async () =>
      ((await w.settle.container.db.query(`SELECT * FROM test_cron_jobs`)) as Row[]).filter(
        (r) => new Date(r.tick).getTime() >= new Date(nextTick).getTime(),
      );
    // The every-minute schedules of the Stripe module (sweep tick, inbox recovery), at the first tick after
    // all three workers run.
    const everyMinute = ['stripe.sweep-tick', 'stripe.inbox-recover'];
    await eventually(
      async () => {
        const r = await rows();
        return everyMinute.every((t) => r.some((x) => x.task === t && x.event === 'delete'));
      },
      `the tick at ${nextTick} to run`,
      100_000,
    );
    await new Promise((r) => setTimeout(r, 3_000)); // room for a second worker's copy, were there one
    const tick = (await rows()).filter(
      (r) => new Date(r.tick).getTime() === new Date(nextTick).getTime() && everyMinute.includes(r.task),
    );
    const processes = await count(
      `SELECT count(DISTINCT h.process_id)::int AS n FROM settle_worker_heartbeats h
        WHERE h.worker_id = ANY($1::text[])`,
      [tick.map((r) => r.locked_by)],
    );
    console.log(`tick ${nextTick}: ${tick.length / 2} scheduled jobs, run by workers of ${processes} process(es)`);
    for (const task of everyMinute) {
      const mine = tick.filter((r) => r.task === task);
      expect(
        mine.filter((r) => r.event === 'insert'),
        `${task} queued`,
      ).toHaveLength(1);
      expect(
        mine.filter((r) => r.event === 'delete').map((r) => r.attempts),
        `${task} finished, taken once`,
      ).toEqual([1]);
    }
  });

  it('kill -9 of an API process mid-burst loses no acknowledged event', async () => {
    const victim = await child('api');
    const N = 300;
    const { o, deliver } = await world('Killed', N);
    const acked: number[] = [];
    let next = 0;
    const burst = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) {
          const i = next++;
          if ((await deliver(victim.url, i, 'killed')) === 200) acked.push(i);
        }
      }),
    );
    await eventually(async () => acked.length >= 60, 'part of the burst acknowledged', 30_000);
    await killHard(victim.proc);
    await burst;
    console.log(`killed after ${acked.length} of ${N} events were acknowledged`);
    expect(acked.length).toBeLessThan(N);
    const stored = new Set(
      (
        (await w.settle.container.db.query(`SELECT event_id FROM stripe_event_inbox WHERE org_id = $1`, [
          o.org.id,
        ])) as Array<{
          event_id: string;
        }>
      ).map((r) => r.event_id),
    );
    expect(acked.filter((i) => !stored.has(`evt_killed_${i}`))).toEqual([]);
  });

  it('SIGTERM drains an API process: requests in flight are answered, websockets told to go elsewhere', async () => {
    const b = await child('api');
    const N = 100;
    const { o, deliver } = await world('Drained', N);
    const client = wsClient(b.url, o.token);
    const closed = new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)));
    const stop = client.subscribe(
      { query: `subscription{invoiceUpdated{invoiceId}}` },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    await new Promise((r) => setTimeout(r, 300));
    const statuses: number[] = [];
    let next = 0;
    const burst = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < N) statuses.push(await deliver(b.url, next++, 'drained'));
      }),
    );
    await eventually(async () => statuses.length >= 20, 'requests flowing', 20_000);
    const exited = new Promise<number | null>((resolve) => b.proc.once('exit', (code) => resolve(code)));
    b.proc.kill('SIGTERM');
    await burst;
    stop();
    expect(await exited).toBe(0);
    // Each request was answered 200, or refused before it was read (a connection to a closed port): none half-done.
    expect(statuses.filter((s) => s !== 200 && s !== 0)).toEqual([]);
    expect(await closed).toBe(1001);
    const acked = statuses.filter((s) => s === 200).length;
    expect(
      await count(`SELECT count(*)::int AS n FROM stripe_event_inbox WHERE org_id = $1`, [o.org.id]),
    ).toBeGreaterThanOrEqual(acked);
  });
});
