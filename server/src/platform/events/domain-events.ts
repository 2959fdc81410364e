import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { logger } from '../logger.js';

/**
 * Every domain event by name, with its payload. Empty here: each module declares its own events in its
 * `<module>.events.ts` by merging into this interface, so platform never imports a module:
 *
 *     declare module '../../platform/events/domain-events.js' {
 *       interface DomainEvents { 'catalog.item-changed': { orgId: string; serviceId: string } }
 *     }
 *
 * Names are `<module>.<what-happened>` in kebab-case, past tense.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}

export type DomainEventName = keyof DomainEvents;

/** Names with payloads: DomainEvents in the app; tests may use a map of their own. */
type EventMap = object;

/**
 * Runs inside the transaction that emitted the event, with that transaction's EntityManager: what it
 * writes commits or rolls back with the change, and a handler that throws rolls the change back. A
 * reaction that is slow or calls another system enqueues a job here (platform/jobs/job-queue.ts
 * `enqueue(tx, ...)`), so it exists exactly when the change committed and survives a crash after commit.
 */
export type InTransactionHandler<K extends keyof E, E extends EventMap = DomainEvents> = (
  event: E[K],
  tx: EntityManager,
) => Promise<void>;

/**
 * Runs once the emitting transaction committed, in this process only, and is lost if the process dies:
 * for in-memory state alone (open websockets, caches). Its errors are logged, never thrown.
 */
export type AfterCommitHandler<K extends keyof E, E extends EventMap = DomainEvents> = (
  event: E[K],
) => void | Promise<void>;

type AnyInTransaction = (event: unknown, tx: EntityManager) => Promise<void>;
type AnyAfterCommit = (event: unknown) => void | Promise<void>;

/**
 * The one way for a module to react to another's change. Like Vendure's EventBus and Medusa's event bus,
 * a service emits a typed event and modules subscribe by name; unlike them (they deliver after commit,
 * and an in-process delivery is lost if the process dies then), handlers run inside the transaction, and
 * what must survive a crash is a job enqueued in it. Handlers run in registration order (the module
 * list's order). An emit inside a savepoint that rolls back never reaches after-commit handlers.
 */
export class DomainEventBus<E extends EventMap = DomainEvents> {
  private readonly inTransaction = new Map<keyof E, AnyInTransaction[]>();
  private readonly afterCommitHandlers = new Map<keyof E, AnyAfterCommit[]>();
  /**
   * After-commit work waiting for the outermost commit of each open transaction, with the savepoint
   * depth it was emitted at: a savepoint that rolls back takes its own (and deeper) work with it.
   */
  private readonly pending = new WeakMap<QueryRunner, Array<{ depth: number; run: () => Promise<void> }>>();

  /** With a DataSource, after-commit handlers wait for the commit of the emitting transaction. */
  constructor(db?: DataSource) {
    if (db) db.subscribers.push(this.commitWatcher());
  }

  /** Registers an in-transaction handler; returns a function that removes it. */
  on<K extends keyof E>(name: K, handler: InTransactionHandler<K, E>): () => void {
    return add(this.inTransaction, name, handler as AnyInTransaction);
  }

  /** Registers a handler that runs after the emitting transaction commits (process-local; see AfterCommitHandler). */
  afterCommit<K extends keyof E>(name: K, handler: AfterCommitHandler<K, E>): () => void {
    return add(this.afterCommitHandlers, name, handler as AnyAfterCommit);
  }

  /**
   * Emits inside `tx`: in-transaction handlers run now (the first to throw aborts the emit, and the caller's
   * transaction rolls back); after-commit handlers run when `tx` commits, or at once when `tx` is not
   * in a transaction (its statements already committed).
   */
  async emit<K extends keyof E>(tx: EntityManager, name: K, event: E[K]): Promise<void> {
    if (Array.isArray(event) && !event.length) return;
    for (const handler of this.inTransaction.get(name) ?? []) await handler(event, tx);
    const later = this.afterCommitHandlers.get(name);
    if (!later?.length) return;
    const run = () => this.runAfterCommit(name, later, event);
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) return run();
    const queue = this.pending.get(runner) ?? [];
    if (!queue.length) this.pending.set(runner, queue);
    queue.push({ depth: depthOf(runner), run });
  }

  private async runAfterCommit(name: keyof E, handlers: AnyAfterCommit[], event: unknown): Promise<void> {
    for (const handler of handlers) {
      try {
        await handler(event);
      } catch (err) {
        logger.warn({ event: String(name), err: (err as Error).message }, 'an after-commit event handler failed');
      }
    }
  }

  /** TypeORM tells subscribers about every commit and rollback; savepoints leave the transaction active. */
  private commitWatcher(): EntitySubscriberInterface {
    return {
      afterTransactionCommit: async ({ queryRunner }: TransactionCommitEvent) => {
        const queue = this.pending.get(queryRunner);
        if (queryRunner.isTransactionActive) {
          // A savepoint released: what it emitted now stands or falls with the block around it.
          const depth = depthOf(queryRunner);
          for (const w of queue ?? []) w.depth = Math.min(w.depth, depth);
          return;
        }
        if (!queue) return;
        this.pending.delete(queryRunner);
        for (const { run } of queue) await run();
      },
      afterTransactionRollback: ({ queryRunner }: TransactionRollbackEvent) => {
        if (!queryRunner.isTransactionActive) return void this.pending.delete(queryRunner);
        // Rolled back to a savepoint: what was emitted inside it never happened.
        const depth = depthOf(queryRunner);
        const queue = this.pending.get(queryRunner);
        if (queue)
          this.pending.set(
            queryRunner,
            queue.filter((w) => w.depth <= depth),
          );
      },
    };
  }
}

/** Open transaction blocks of a query runner: 1 for the transaction, one more per savepoint (TypeORM counts them). */
const depthOf = (runner: QueryRunner) => (runner as unknown as { transactionDepth: number }).transactionDepth;

function add<N, H>(map: Map<N, H[]>, name: N, handler: H): () => void {
  const list = map.get(name) ?? [];
  map.set(name, [...list, handler]);
  return () =>
    map.set(
      name,
      (map.get(name) ?? []).filter((h) => h !== handler),
    );
}
