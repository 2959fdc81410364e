import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource, type EntityManager } from 'typeorm';
import { createTestDatabase } from '../../../test/harness.js';
import { DomainEventBus } from './domain-events.js';

/** An event map of the test's own: the bus is typed by whatever map it is given (DomainEvents in the app). */
interface TestEvents {
  'thing.created': { id: string };
  'things.counted': Array<{ id: string }>;
}

let db: DataSource;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabase();
  drop = t.drop;
  db = new DataSource({ type: 'postgres', url: t.url, entities: [] });
  await db.initialize();
  await db.query(`CREATE TABLE things (id text PRIMARY KEY)`);
  await db.query(`CREATE TABLE reactions (id text PRIMARY KEY)`);
});

afterAll(async () => {
  await db?.destroy();
  await drop?.();
});

const count = async (table: string, id: string) =>
  Number((await db.query(`SELECT count(*) AS n FROM ${table} WHERE id = $1`, [id]))[0].n);
const jobsFor = async (id: string) =>
  Number(
    (
      await db.query(
        `SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'test.react' AND key = $1`,
        [id],
      )
    )[0].n,
  );
const enqueueReaction = (tx: EntityManager, id: string) =>
  tx.query(`SELECT graphile_worker.add_job('test.react', '{}'::json, job_key => $1)`, [id]);

/** Creates a thing and emits its event in one transaction; `after` runs last, still inside it. */
function createThing(
  bus: DomainEventBus<TestEvents>,
  id: string,
  after: (tx: EntityManager) => Promise<unknown> = async () => undefined,
) {
  return db.transaction(async (tx) => {
    await tx.query(`INSERT INTO things (id) VALUES ($1)`, [id]);
    await bus.emit(tx, 'thing.created', { id });
    await after(tx);
  });
}

describe('domain events', () => {
  it('are typed by name: unknown names and wrong payloads do not compile', () => {
    const bus = new DomainEventBus<TestEvents>();
    bus.on('thing.created', async (event) => void event.id.toUpperCase());
    // @ts-expect-error: no such event
    bus.on('thing.removed', async () => undefined);
    const emitWrong = (tx: EntityManager) => {
      // @ts-expect-error: the payload of thing.created has an id
      void bus.emit(tx, 'thing.created', { name: 'x' });
    };
    expect(emitWrong).toBeTypeOf('function');
  });

  it('run in-transaction handlers with the transaction: their writes commit with the change', async () => {
    const bus = new DomainEventBus<TestEvents>(db);
    const seen: string[] = [];
    bus.on('thing.created', async ({ id }, tx) => {
      // The handler sees the uncommitted change: it is in the same transaction.
      seen.push(`${id}:${(await tx.query(`SELECT count(*) AS n FROM things WHERE id = $1`, [id]))[0].n}`);
      await tx.query(`INSERT INTO reactions (id) VALUES ($1)`, [id]);
    });
    await createThing(bus, 'a1');
    expect(seen).toEqual(['a1:1']);
    expect(await count('reactions', 'a1')).toBe(1);
  });

  it('roll the change back when an in-transaction handler fails, with what earlier handlers wrote', async () => {
    const bus = new DomainEventBus<TestEvents>(db);
    bus.on(
      'thing.created',
      async ({ id }, tx) => void (await tx.query(`INSERT INTO reactions (id) VALUES ($1)`, [id])),
    );
    bus.on('thing.created', async () => {
      throw new Error('handler failed');
    });
    await expect(createThing(bus, 'b1')).rejects.toThrow('handler failed');
    expect(await count('things', 'b1')).toBe(0);
    expect(await count('reactions', 'b1')).toBe(0);
  });

  it('commit a job-enqueued reaction atomically with the change: the job exists exactly when the change committed', async () => {
    const bus = new DomainEventBus<TestEvents>(db);
    bus.on('thing.created', async ({ id }, tx) => void (await enqueueReaction(tx, id)));

    await createThing(bus, 'c1');
    expect(await count('things', 'c1')).toBe(1);
    expect(await jobsFor('c1')).toBe(1);

    // The transaction fails after the handler queued the job: neither the change nor the job remains.
    await expect(createThing(bus, 'c2', (tx) => tx.query(`SELECT 1/0`))).rejects.toThrow();
    expect(await count('things', 'c2')).toBe(0);
    expect(await jobsFor('c2')).toBe(0);
  });

  it('run after-commit handlers only once the transaction committed, and never after a rollback', async () => {
    const bus = new DomainEventBus<TestEvents>(db);
    const heard: Array<{ id: string; committed: number }> = [];
    bus.afterCommit('thing.created', async ({ id }) => void heard.push({ id, committed: await count('things', id) }));

    await createThing(bus, 'd1', async () => expect(heard).toEqual([]));
    expect(heard).toEqual([{ id: 'd1', committed: 1 }]);

    await expect(createThing(bus, 'd2', (tx) => tx.query(`SELECT 1/0`))).rejects.toThrow();
    expect(heard.map((h) => h.id)).toEqual(['d1']);

    // Outside a transaction the statements already committed: the handler runs at once.
    await db.query(`INSERT INTO things (id) VALUES ('d3')`);
    await bus.emit(db.manager, 'thing.created', { id: 'd3' });
    expect(heard.map((h) => h.id)).toEqual(['d1', 'd3']);
  });

  it('forget what a savepoint emitted when it rolls back, and keep what a released savepoint emitted', async () => {
    const bus = new DomainEventBus<TestEvents>(db);
    const heard: string[] = [];
    bus.afterCommit('thing.created', ({ id }) => void heard.push(id));
    const thingIn = async (tx: EntityManager, id: string) => {
      await tx.query(`INSERT INTO things (id) VALUES ($1)`, [id]);
      await bus.emit(tx, 'thing.created', { id });
    };
    await db.transaction(async (tx) => {
      await tx.transaction((inner) => thingIn(inner, 's1'));
      await tx
        .transaction(async (inner) => {
          await thingIn(inner, 's2');
          await inner.transaction((innermost) => thingIn(innermost, 's3'));
          throw new Error('this savepoint rolls back, with the one inside it');
        })
        .catch(() => undefined);
      await thingIn(tx, 's4');
      expect(heard).toEqual([]);
    });
    expect([await count('things', 's2'), await count('things', 's3')]).toEqual([0, 0]);
    expect(heard).toEqual(['s1', 's4']);
  });

  it('log after-commit failures instead of failing the committed change', async () => {
    const bus = new DomainEventBus<TestEvents>(db);
    const heard: string[] = [];
    bus.afterCommit('thing.created', () => {
      throw new Error('socket gone');
    });
    bus.afterCommit('thing.created', ({ id }) => void heard.push(id));
    await createThing(bus, 'e1');
    expect(await count('things', 'e1')).toBe(1);
    expect(heard).toEqual(['e1']);
  });

  it('skip empty batches, run handlers in registration order and stop calling removed ones', async () => {
    const bus = new DomainEventBus<TestEvents>();
    const calls: string[] = [];
    bus.on('things.counted', async (batch) => void calls.push(`first:${batch.length}`));
    const off = bus.on('things.counted', async (batch) => void calls.push(`second:${batch.length}`));
    await bus.emit(db.manager, 'things.counted', []);
    await bus.emit(db.manager, 'things.counted', [{ id: 'f1' }, { id: 'f2' }]);
    off();
    await bus.emit(db.manager, 'things.counted', [{ id: 'f3' }]);
    expect(calls).toEqual(['first:2', 'second:2', 'first:1']);
  });
});
