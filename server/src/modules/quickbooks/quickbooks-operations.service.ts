import type { DomainEventBus } from '../../platform/events/domain-events.js';
import './quickbooks.events.js';
import type { DataSource } from 'typeorm';
import { notFound } from '../../platform/errors.js';
import { enqueue } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { QuickBooksApiError } from './accounting-provider.js';
import { ReconnectNeededError, type QuickBooksConnectionService } from './quickbooks-connection.service.js';
import { scheduleOperation } from './quickbooks-ledger.js';
import { conflictKind, QuickBooksConflictError } from './quickbooks-conflicts.js';
import type { Outcome, QuickBooksOutbound } from './quickbooks-outbound.js';
import { QuickBooksException, QuickBooksOperation } from './quickbooks.entities.js';
import { APPLY_PAYMENT_TASK } from './quickbooks.jobs.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Deferrals (waiting for another operation) before a person is asked to look. */
  maxDeferrals: number;
  deferDelayMs: number;
}

/** Exponential backoff with ±20 % jitter, so retries from many operations do not arrive together. */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  const raw = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/** Runs queued operations: success → DONE, transient failure → retried later, anything else → an exception. */
export class QuickBooksOperationRunner {
  /** Totals for this process (the benchmark prints them). */
  readonly stats = { requests: 0, retries: 0, failures: 0, done: 0, errorsByStatus: {} as Record<string, number> };

  constructor(
    private readonly db: DataSource,
    private readonly connections: QuickBooksConnectionService,
    private readonly outbound: QuickBooksOutbound,
    readonly policy: RetryPolicy,
    private readonly events: DomainEventBus,
  ) {}

  async process(operationId: string): Promise<void> {
    const op = await this.db.manager.findOneBy(QuickBooksOperation, { id: operationId });
    if (!op || op.status !== 'PENDING') return;
    if (op.nextAttemptAt && op.nextAttemptAt.getTime() > Date.now() + 50) return; // a stale duplicate job
    const conn = await this.connections.connected(op.orgId);
    // Intuit refused the refresh token: the books still need it, once QuickBooks is reconnected (which runs it).
    if (!conn && (await this.connections.waitsForReconnect(op.orgId))) return;
    if (!conn) return this.finish(op, 'SKIPPED', { lastError: 'QuickBooks is not connected' });
    const qb = this.connections.provider(conn);
    let outcome: Outcome;
    try {
      outcome = await this.outbound.run({ op, conn, qb });
    } catch (e) {
      this.stats.requests += qb.requestCount;
      if (e instanceof ReconnectNeededError) return; // refused mid-run: it waits like the others
      return this.failed(op, e, qb.requestCount);
    }
    this.stats.requests += qb.requestCount;
    if ('done' in outcome) {
      this.stats.done++;
      return this.finish(op, 'DONE', { qbId: outcome.done, requests: op.requests + qb.requestCount });
    }
    if ('skip' in outcome)
      return this.finish(op, 'SKIPPED', { lastError: outcome.skip, requests: op.requests + qb.requestCount });
    const deferrals = Number(op.payload.deferrals ?? 0) + 1;
    if (deferrals > this.policy.maxDeferrals)
      return this.failed(op, new Error(`Gave up waiting: ${outcome.defer}`), qb.requestCount, false);
    await this.reschedule(
      op,
      { payload: { ...op.payload, deferrals }, lastError: outcome.defer, requests: op.requests + qb.requestCount },
      this.policy.deferDelayMs,
    );
  }

  private async failed(op: QuickBooksOperation, e: unknown, requests: number, retryable = true): Promise<void> {
    const err = e;
    const stripeType = (e as { type?: string })?.type;
    const transient =
      retryable &&
      !(err instanceof QuickBooksConflictError) &&
      (err instanceof QuickBooksApiError
        ? err.kind === 'RETRYABLE' || err.kind === 'AUTH'
        : stripeType === 'StripeConnectionError' ||
          stripeType === 'StripeAPIError' ||
          stripeType === 'StripeRateLimitError');
    const attempts = op.attempts + 1;
    const statusKey = err instanceof QuickBooksApiError ? String(err.status ?? 'network') : 'other';
    this.stats.errorsByStatus[statusKey] = (this.stats.errorsByStatus[statusKey] ?? 0) + 1;
    const message = err instanceof Error ? err.message : String(err);
    if (transient && attempts < this.policy.maxAttempts) {
      this.stats.retries++;
      logger.info(
        { orgId: op.orgId, operationId: op.id, kind: op.kind, attempts, err: message },
        'quickbooks operation will be retried',
      );
      return this.reschedule(
        op,
        { attempts, lastError: message, requests: op.requests + requests },
        backoffMs(this.policy, attempts),
      );
    }
    this.stats.failures++;
    logger.warn(
      { orgId: op.orgId, operationId: op.id, kind: op.kind, attempts, err: message },
      'quickbooks operation failed; needs a person',
    );
    await this.db.transaction(async (tx) => {
      const failed = { status: 'FAILED' as const, attempts, lastError: message, requests: op.requests + requests };
      const completedAt = new Date();
      await tx.update(QuickBooksOperation, { id: op.id }, { ...failed, completedAt });
      await this.events.emit(tx, 'quickbooks.operation-failed', {
        orgId: op.orgId,
        operation: Object.assign(new QuickBooksOperation(), op, failed, { completedAt }),
      });
      // An edit in QuickBooks already raised from its notification: this exception, with the operation
      // to retry, takes its place.
      if (err instanceof QuickBooksConflictError)
        await tx.query(
          `UPDATE qbo_exceptions SET resolved_at = now(), resolved_by = 'Settle (superseded by the update it stopped)'
            WHERE org_id = $1 AND resolved_at IS NULL AND detail->>'kind' = 'CONFLICT' AND detail->>'qbType' = $2 AND detail->>'qbId' = $3`,
          [op.orgId, err.qbType, err.qbId],
        );
      await tx.insert(QuickBooksException, {
        orgId: op.orgId,
        operationId: op.id,
        kind: err instanceof QuickBooksConflictError ? conflictKind(err.qbType) : op.kind,
        message,
        detail:
          err instanceof QuickBooksConflictError
            ? conflictDetail(op, err)
            : {
                entityId: op.entityId,
                version: op.version,
                kind: err instanceof QuickBooksApiError ? err.kind : 'INTERNAL',
                status: err instanceof QuickBooksApiError ? err.status : null,
                code: err instanceof QuickBooksApiError ? err.code : null,
              },
      } as never);
    });
  }

  private async reschedule(
    op: QuickBooksOperation,
    patch: Partial<QuickBooksOperation>,
    delayMs: number,
  ): Promise<void> {
    const runAt = new Date(Date.now() + delayMs);
    await this.db.transaction(async (tx) => {
      await tx.update(QuickBooksOperation, { id: op.id }, { ...patch, nextAttemptAt: runAt } as never);
      await scheduleOperation(tx, op.orgId, op.id, runAt);
    });
  }

  private async finish(
    op: QuickBooksOperation,
    status: 'DONE' | 'SKIPPED',
    patch: Partial<QuickBooksOperation>,
  ): Promise<void> {
    await this.db.getRepository(QuickBooksOperation).update({ id: op.id }, {
      ...patch,
      status,
      attempts: op.attempts + 1,
      completedAt: new Date(),
      nextAttemptAt: null,
    } as never);
  }

  /** A person asked to try a failed operation again (resolving its exception). */
  async retryException(orgId: string, exceptionId: string, who: string): Promise<QuickBooksException> {
    return this.db.transaction(async (tx) => {
      const ex = await tx.findOneBy(QuickBooksException, { orgId, id: exceptionId });
      if (!ex) throw notFound('QuickBooks exception');
      if (ex.operationId) {
        const op = await tx.findOneByOrFail(QuickBooksOperation, { id: ex.operationId, orgId });
        const rejected = ex.detail.kind === 'FATAL' || ex.detail.kind === 'STALE';
        const payload = {
          ...op.payload,
          // An edit made in QuickBooks: retrying is the person's choice to keep Settle's version over it.
          ...(ex.detail.kind === 'CONFLICT' ? { force: true } : {}),
          deferrals: 0,
          generation: Number(op.payload.generation ?? 0) + (rejected ? 1 : 0),
        };
        await tx.update(QuickBooksOperation, { id: op.id }, {
          status: 'PENDING',
          attempts: 0,
          nextAttemptAt: null,
          payload,
        } as never);
        await scheduleOperation(tx, orgId, ex.operationId);
      }
      // A QuickBooks payment Settle could not record: read again, and resolved once it is recorded.
      if (!ex.operationId && ex.canRetry) {
        const qbPaymentId = String(ex.detail.qbPaymentId);
        await enqueue(tx, APPLY_PAYMENT_TASK, { orgId, qbPaymentId }, { maxAttempts: 10 });
        return ex;
      }
      await tx.update(QuickBooksException, { id: ex.id }, { resolvedAt: new Date(), resolvedBy: `${who} (retried)` });
      return tx.findOneByOrFail(QuickBooksException, { id: ex.id });
    });
  }

  async resolveException(orgId: string, exceptionId: string, who: string): Promise<QuickBooksException> {
    const repo = this.db.getRepository(QuickBooksException);
    const ex = await repo.findOneBy({ orgId, id: exceptionId });
    if (!ex) throw notFound('QuickBooks exception');
    if (!ex.resolvedAt) await repo.update({ id: ex.id }, { resolvedAt: new Date(), resolvedBy: who });
    return repo.findOneByOrFail({ id: ex.id });
  }
}

/** What an exception of an edit made in QuickBooks keeps: the entity and every field that differs. */
function conflictDetail(op: QuickBooksOperation, err: QuickBooksConflictError): Record<string, unknown> {
  return {
    entityId: op.entityId,
    version: op.version,
    kind: 'CONFLICT',
    qbType: err.qbType,
    qbId: err.qbId,
    differences: err.diff,
  };
}
