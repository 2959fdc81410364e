import { describe, expect, it } from 'vitest';
import { settleForFile } from '../../../test/for-file.js';
import { createOrgWithOwner } from '../../../test/harness.js';
import { InboxWriter } from './stripe-inbox.js';
import { pgPoolOf } from '../../platform/database/pg-pool.js';

const s = settleForFile({ worker: false });

const created = Math.floor(Date.now() / 1000);
const evt = (id: string) => ({ id, type: 'checkout.session.completed', created });
const stored = async (orgId: string) =>
  (await s.container.db.query(
    `SELECT event_id, via, payload->>'id' AS payload_id FROM stripe_event_inbox WHERE org_id = $1 ORDER BY event_id`,
    [orgId],
  )) as Array<{ event_id: string; via: string; payload_id: string }>;

describe('InboxWriter', () => {
  // 30 concurrent writes of 20 distinct ids (10 sent twice): each id is new exactly once, stored once.
  it('reports each event as new exactly once under concurrent group-committed writes', async () => {
    const { org } = await createOrgWithOwner(s);
    const pool = pgPoolOf(s.container.db);
    const batchSizes: number[] = [];
    const counting: ConstructorParameters<typeof InboxWriter>[0] = {
      query: (q, params) => {
        batchSizes.push(typeof q === 'object' ? (q.values?.length ?? 0) / 8 : 0);
        return pool.query(q, params);
      },
    };
    const writer = new InboxWriter(counting);
    const ids = Array.from({ length: 20 }, (_, n) => `evt_gc_${String(n).padStart(2, '0')}`);
    const sent = [...ids, ...ids.slice(0, 10)];
    const results = await Promise.all(sent.map((id) => writer.write(org.id, evt(id), JSON.stringify({ id }))));
    expect(results.filter((r) => r === true)).toHaveLength(20);
    expect(results.filter((r) => r === false)).toHaveLength(10);
    // Group commit: the first goes alone (one write in flight), the 29 that queued meanwhile share one INSERT.
    expect(batchSizes).toEqual([1, 29]);
    // Each of the 20 ids got exactly one `true`.
    const freshIds = sent.filter((_, n) => results[n]);
    expect([...freshIds].sort()).toEqual(ids);
    const rows = await stored(org.id);
    expect(rows.map((r) => r.event_id)).toEqual(ids);
    expect(rows.every((r) => r.via === 'WEBHOOK' && r.payload_id === r.event_id)).toBe(true);
    // Writing them again later: all duplicates.
    expect(
      await Promise.all(ids.slice(0, 3).map((id) => writer.write(org.id, evt(id), JSON.stringify({ id })))),
    ).toEqual([false, false, false]);
    // One at a time (a batch of one learns it from the row count): new once, then a duplicate.
    expect(await writer.write(org.id, evt('evt_gc_alone'), '{"id":"evt_gc_alone"}')).toBe(true);
    expect(await writer.write(org.id, evt('evt_gc_alone'), '{"id":"evt_gc_alone"}')).toBe(false);
    expect(batchSizes.slice(-2)).toEqual([1, 1]);
  });

  // A payload PostgreSQL refuses (a raw NUL byte, which no text value may hold) fails only its own write;
  // the others in the same batch are stored.
  it('rejects only the write whose payload PostgreSQL refuses', async () => {
    const { org } = await createOrgWithOwner(s);
    const writer = new InboxWriter(pgPoolOf(s.container.db));
    const good = Array.from({ length: 12 }, (_, n) => `evt_ok_${String(n).padStart(2, '0')}`);
    const goodWrites = good.map((id) => writer.write(org.id, evt(id), JSON.stringify({ id })));
    // Queued behind the first writes, so it shares a multi-row INSERT with the rest.
    const badWrite = writer.write(org.id, evt('evt_x'), `{"id":"evt_x","s":"\0"}`);
    const writes = [...goodWrites.slice(0, 6), badWrite, ...goodWrites.slice(6)];
    const settledAll = await Promise.allSettled(writes);
    const bad = settledAll[6]!;
    expect(bad.status).toBe('rejected');
    expect(String((bad as PromiseRejectedResult).reason?.message)).toMatch(/0x00|invalid byte sequence/i);
    const rest = settledAll.filter((_, n) => n !== 6);
    expect(rest.map((r) => r.status === 'fulfilled' && r.value)).toEqual(good.map(() => true));
    expect((await stored(org.id)).map((r) => r.event_id)).toEqual(good);
    // The writer keeps working after the failed batch (same batch shape, fresh ids).
    const next = Array.from({ length: 13 }, (_, n) => `evt_next_${String(n).padStart(2, '0')}`);
    expect(await Promise.all(next.map((id) => writer.write(org.id, evt(id), JSON.stringify({ id }))))).toEqual(
      next.map(() => true),
    );
    expect(await stored(org.id)).toHaveLength(25);
  });
});
