import type { DataSource, EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { SYSTEM_ACTOR, type Actor } from '../../platform/actor.js';
import { conflict, notFound } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { PaymentSource } from '../payments/payment.entity.js';
import { quickBooksOf } from '../quickbooks/quickbooks.integration.js';
import { reconcile } from './reconciliation-check-list.js';
import type { Finding, ReconciledSystem } from './reconciliation-findings.js';
import { applyFix } from './reconciliation-fixes.js';
import { queueRecheck } from './reconciliation.jobs.js';
import { stillInQuickBooks, stripeFixJobKeys } from './reconciliation-fixes.js';
import { jobKeysQueued } from '../../platform/jobs/job-queue.js';
import { returning } from '../../platform/database/sql.js';
import { loadQuickBooksSide, loadSettleSide, readsUntil, stripeSide, type Period } from './reconciliation-sources.js';
import { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import type { ReconciliationInput } from './reconciliation-snapshot.js';

const DAY_MS = 86_400_000;
/** Malformed, unknown and other orgs' ids all answer NOT_FOUND. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What one comparison read and found, before it is stored. */
export interface Comparison {
  findings: Finding[];
  input: ReconciliationInput;
  systems: ReconciledSystem[];
  stripeCalls: number;
  quickBooksCalls: number;
}

/** Runs the three-way comparison for an org and a period, stores it, fixes what Settle can and re-checks. */
export class ReconciliationService {
  private readonly db: DataSource;

  constructor(private readonly c: Container) {
    this.db = c.db;
  }

  /** Reads the three systems (paged list calls only) and compares them; stores nothing. */
  async compare(orgId: string, period: Period): Promise<Comparison> {
    const qbModule = quickBooksOf(this.c);
    const connection = await qbModule.connections.connected(orgId);
    const qb = connection ? qbModule.connections.provider(connection) : null;
    const stripe = this.c.paymentProviders.of(PaymentSource.STRIPE);
    // Stripe objects are stamped when made: from the period's first day (a day early, for time zones) to
    // the end of the reads' last day (readsUntil), the bound Settle's and QuickBooks' sides use too.
    const until = readsUntil(period);
    const range = { from: new Date(Date.parse(period.from) - DAY_MS), to: new Date(Date.parse(until) + DAY_MS) };
    const [org] = (await this.db.query(`SELECT default_currency FROM organizations WHERE id = $1`, [orgId])) as Array<{
      default_currency: string;
    }>;
    const started = Date.now();
    const timed = <T>(p: Promise<T>, key: string, into: Record<string, number>) =>
      p.then((v) => ((into[key] = Date.now() - started), v));
    const ms: Record<string, number> = {};
    const [settle, ledger, books] = await Promise.all([
      timed(loadSettleSide(this.db.manager, orgId, period, connection?.realmId ?? null), 'settleMs', ms),
      timed(stripe?.ledger ? stripe.ledger(orgId, range) : Promise.resolve(null), 'stripeMs', ms),
      timed(
        qb ? loadQuickBooksSide(qb, period, org?.default_currency ?? 'USD') : Promise.resolve(null),
        'quickBooksMs',
        ms,
      ),
    ]);
    const input: ReconciliationInput = { settle, stripe: stripeSide(ledger, until), quickbooks: books };
    const systems: ReconciledSystem[] = ['SETTLE'];
    if (input.stripe) systems.push('STRIPE');
    if (input.quickbooks) systems.push('QUICKBOOKS');
    const compared = Date.now();
    const findings = reconcile(input);
    logger.info({ orgId, ...ms, compareMs: Date.now() - compared }, 'reconciliation reads and comparison');
    return {
      findings,
      input,
      systems,
      stripeCalls: ledger?.apiCalls ?? 0,
      quickBooksCalls: qb?.requestCount ?? 0,
    };
  }

  /**
   * A stored run: its figures and one row per discrepancy found. One run of an org at a time: a second
   * one while it reads is refused (CONFLICT). The lock is a PostgreSQL session lock held by the run's own
   * connection, so a process that dies mid-run frees it with its connection. A SCHEDULED run is stored
   * once per (org, period): a retried job gets the stored run back, and `stored` (the admins' email)
   * commits in the same transaction as the run.
   */
  async run(
    orgId: string,
    period: Period,
    trigger: 'MANUAL' | 'SCHEDULED',
    stored?: (tx: EntityManager, run: ReconciliationRun, found: ReconciliationDiscrepancy[]) => Promise<void>,
  ): Promise<ReconciliationRun> {
    const lock = this.db.createQueryRunner();
    await lock.connect();
    const key = `reconciliation-run:${orgId}`;
    try {
      const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [
        key,
      ])) as [{ locked: boolean }];
      if (!locked) throw conflict('A reconciliation of this organization is running; try again when it ends', 'period');
      try {
        const done = trigger === 'SCHEDULED' ? await this.scheduledRun(orgId, period) : null;
        return done ?? (await this.compareAndStore(orgId, period, trigger, stored));
      } finally {
        await lock.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } finally {
      await lock.release();
    }
  }

  /** The scheduled run of the org for the period, if one was stored. */
  private scheduledRun(orgId: string, period: Period): Promise<ReconciliationRun | null> {
    return this.db.getRepository(ReconciliationRun).findOne({
      where: { orgId, periodFrom: period.from, periodTo: period.to, trigger: 'SCHEDULED' },
      order: { createdAt: 'ASC' },
    });
  }

  private async compareAndStore(
    orgId: string,
    period: Period,
    trigger: 'MANUAL' | 'SCHEDULED',
    stored?: (tx: EntityManager, run: ReconciliationRun, found: ReconciliationDiscrepancy[]) => Promise<void>,
  ): Promise<ReconciliationRun> {
    const started = Date.now();
    const cmp = await this.compare(orgId, period);
    const run = await this.db.transaction(async (tx) => {
      const saved = await tx.save(
        tx.create(ReconciliationRun, {
          orgId,
          periodFrom: period.from,
          periodTo: period.to,
          trigger,
          invoiceCount: cmp.input.settle.invoices.length,
          moneyCount: cmp.input.settle.money.length,
          discrepancyCount: cmp.findings.length,
          stripeCalls: cmp.stripeCalls,
          quickBooksCalls: cmp.quickBooksCalls,
          systems: cmp.systems,
          durationMs: Date.now() - started,
        }),
      );
      const rows = cmp.findings.map((f) =>
        tx.create(ReconciliationDiscrepancy, { ...f, orgId, runId: saved.id, status: 'OPEN', fixResult: null }),
      );
      // Written in invoice id order: each row holds its invoice's key (the foreign key) until the run commits,
      // and a batch of payments locks its invoices in id order; in the checks' order the two deadlocked.
      const byInvoice = [...rows].sort((a, b) => byInvoiceId(a.invoiceId, b.invoiceId));
      for (let i = 0; i < byInvoice.length; i += 500)
        await tx.insert(ReconciliationDiscrepancy, byInvoice.slice(i, i + 500));
      if (stored) await stored(tx, saved, rows);
      return saved;
    });
    logger.info({ orgId, runId: run.id, found: run.discrepancyCount }, 'reconciliation run');
    return run;
  }

  /** One page of the org's runs, newest first. */
  runs(orgId: string, page: PageRequest) {
    const qb = this.db.getRepository(ReconciliationRun).createQueryBuilder('r').where('r.org_id = :orgId', { orgId });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 100, fallback: 20 });
  }

  async findRun(orgId: string, id: string): Promise<ReconciliationRun> {
    if (!UUID.test(id)) throw notFound('Reconciliation run');
    const run = await this.db.getRepository(ReconciliationRun).findOneBy({ orgId, id });
    if (!run) throw notFound('Reconciliation run');
    return run;
  }

  latestRun(orgId: string): Promise<ReconciliationRun | null> {
    return this.db.getRepository(ReconciliationRun).findOne({ where: { orgId }, order: { createdAt: 'DESC' } });
  }

  discrepancies(orgId: string, runId: string): Promise<ReconciliationDiscrepancy[]> {
    return this.db
      .getRepository(ReconciliationDiscrepancy)
      .find({ where: { orgId, runId }, order: { createdAt: 'ASC', key: 'ASC' } });
  }

  /**
   * Applies Settle's fix (queued in one transaction with its audit entry) and marks it FIXING; the
   * re-check that follows marks it FIXED once the systems agree. Only an OPEN discrepancy is fixed: a
   * second request (a double click) waits for the first's row lock, then finds it FIXING and gets it as
   * it is, so a fix is never queued twice (a QuickBooks push twice would book it twice).
   *
   * The same discrepancy (its key) is a row in every run that found it, so under a lock on the org and
   * the key: a fix is refused while another run's row of it is FIXING, and is not applied (the row is
   * FIXED, saying so) when another row of it was fixed since this row's run started, or when what a
   * push-again fix would replace is in QuickBooks after all (read by its id): pushing then would book
   * the money twice.
   */
  async fix(orgId: string, actor: Actor, id: string): Promise<ReconciliationDiscrepancy> {
    if (!UUID.test(id)) throw notFound('Discrepancy');
    const qbModule = quickBooksOf(this.c);
    const connection = await qbModule.connections.connected(orgId);
    const qb = connection ? qbModule.connections.provider(connection) : null;
    const fixed = await this.db.transaction(async (tx) => {
      const d = await tx
        .getRepository(ReconciliationDiscrepancy)
        .createQueryBuilder('d')
        .setLock('pessimistic_write')
        .where('d.org_id = :orgId AND d.id = :id', { orgId, id })
        .getOne();
      if (!d) throw notFound('Discrepancy');
      if (d.status !== 'OPEN') return d;
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`reconciliation-fix:${orgId}:${d.key}`]);
      const before = { status: d.status, fixResult: d.fixResult };
      const other = await otherFix(tx, d);
      if (other?.status === 'FIXING')
        throw conflict('This discrepancy is being fixed from another run; its re-check will confirm it', 'id');
      const inQuickBooks = other ? null : await stillInQuickBooks(tx, qb, d);
      if (other || inQuickBooks) {
        d.status = 'FIXED';
        d.fixedAt = new Date();
        d.fixResult = other
          ? 'Already fixed from another run since this run; nothing was done again.'
          : `Found in QuickBooks (id ${inQuickBooks}): the difference is gone, nothing was pushed again.`;
        await tx.save(d);
        const after = { status: d.status, type: d.type, subject: d.subject, result: d.fixResult };
        await this.c.audit.record(tx, orgId, actor, about(d), 'reconciliation.already-fixed', before, after);
        return d;
      }
      d.fixResult = await applyFix(tx, d);
      d.status = 'FIXING';
      await tx.save(d);
      const after = { status: d.status, fix: d.fix, type: d.type, subject: d.subject, result: d.fixResult };
      await this.c.audit.record(tx, orgId, actor, about(d), 'reconciliation.fix', before, after);
      await queueRecheck(tx, orgId, d.runId, 1);
      return d;
    });
    return fixed;
  }

  /**
   * Compares the run's period again: what it no longer finds is FIXED (with the audit entry saying so);
   * the rest stays as it was. On the `last` re-check, a fix that still did not take goes back to OPEN
   * (audited, with why), so an admin sees it and can fix it again, unless what it queued (a QuickBooks
   * operation, a Stripe job) was still queued when the comparison started: a second fix then could push
   * the same thing twice. Returns how many fixes still wait for the systems to agree.
   */
  async recheck(orgId: string, runId: string, last = false): Promise<number> {
    const run = await this.findRun(orgId, runId);
    // Read before comparing: a fix whose work finishes while the comparison reads is not reopened on a stale read.
    const queued = last ? await fixesStillQueued(this.db.manager, orgId, runId) : null;
    const { findings } = await this.compare(orgId, { from: run.periodFrom, to: run.periodTo });
    const still = new Set(findings.map((f) => f.key));
    return this.db.transaction(async (tx) => {
      await lockRecheckedRows(tx, orgId, runId, still);
      const open = await tx.getRepository(ReconciliationDiscrepancy).find({ where: { orgId, runId } });
      let waiting = 0;
      const fixedKeys: string[] = [];
      for (const d of open) {
        if (d.status === 'FIXED') continue;
        if (still.has(d.key)) {
          if (d.status !== 'FIXING') continue;
          if (queued && !queued.has(d.id)) await this.reopen(tx, d);
          else waiting++;
          continue;
        }
        await tx.update(ReconciliationDiscrepancy, { id: d.id }, { status: 'FIXED', fixedAt: new Date() });
        const [was, now] = [{ status: d.status }, { status: 'FIXED', type: d.type, subject: d.subject }];
        await this.c.audit.record(tx, orgId, SYSTEM_ACTOR, about(d), 'reconciliation.confirmed-fixed', was, now);
        fixedKeys.push(d.key);
      }
      // The same discrepancy found by other runs (the nightly run overlaps itself) is fixed too: left
      // OPEN there, Fix would push again what this re-check found in place.
      const others = fixedKeys.length
        ? await returning<{ id: string; type: string; subject: string }>(
            tx,
            `UPDATE reconciliation_discrepancies
                SET status = 'FIXED', fixed_at = now(),
                    fix_result = left(coalesce(fix_result || ' ', '') || 'Confirmed fixed by the re-check of another run.', 1000)
              WHERE org_id = $1 AND run_id <> $2 AND key = ANY($3::text[]) AND status = 'OPEN'
              RETURNING id, status, type, subject`,
            [orgId, runId, fixedKeys],
          )
        : [];
      for (const o of others) {
        const now = { status: 'FIXED', type: o.type, subject: o.subject, byRun: runId };
        const what = { type: 'reconciliation_discrepancy', id: o.id };
        await this.c.audit.record(
          tx,
          orgId,
          SYSTEM_ACTOR,
          what,
          'reconciliation.confirmed-fixed',
          { status: 'OPEN' },
          now,
        );
      }
      return waiting;
    });
  }

  /**
   * A fix the systems never confirmed: OPEN again, its result saying so, so Fix can be pressed again.
   * Only from FIXING (another re-check may have confirmed it meanwhile).
   */
  private async reopen(tx: EntityManager, d: ReconciliationDiscrepancy): Promise<void> {
    const result = `${d.fixResult ?? 'The fix was applied.'} It did not take: the systems still differ after re-checking. Look at QuickBooks sync on the integrations page, then fix it again.`;
    const changed = await tx.update(
      ReconciliationDiscrepancy,
      { id: d.id, status: 'FIXING' },
      { status: 'OPEN', fixResult: result.slice(0, 1000) },
    );
    if (!changed.affected) return;
    const [was, now] = [{ status: d.status }, { status: 'OPEN', type: d.type, subject: d.subject, result }];
    await this.c.audit.record(tx, d.orgId, SYSTEM_ACTOR, about(d), 'reconciliation.fix-not-confirmed', was, now);
  }
}

/**
 * The run's FIXING discrepancies whose fix is still queued: a QuickBooks operation for its subject not
 * run to its end, or the Stripe job it queued (reconciliation-fixes.ts names their keys).
 */
async function fixesStillQueued(db: EntityManager, orgId: string, runId: string): Promise<Set<string>> {
  const fixing = (await db.query(
    `SELECT d.id, d.subject_id,
            EXISTS (SELECT 1 FROM qbo_operations o
                     WHERE o.org_id = d.org_id AND o.entity_id = d.subject_id AND o.status = 'PENDING') AS in_quickbooks
       FROM reconciliation_discrepancies d WHERE d.org_id = $1 AND d.run_id = $2 AND d.status = 'FIXING'`,
    [orgId, runId],
  )) as Array<{ id: string; subject_id: string; in_quickbooks: boolean }>;
  const jobs = await jobKeysQueued(
    db,
    fixing.flatMap((d) => stripeFixJobKeys(d.subject_id)),
  );
  return new Set(
    fixing.filter((d) => d.in_quickbooks || stripeFixJobKeys(d.subject_id).some((k) => jobs.has(k))).map((d) => d.id),
  );
}

/**
 * Locks, in id order, the rows a re-check may write: its run's, and the other runs' rows of the keys its
 * run found that the comparison no longer finds (it confirms those fixed too). Taken row by row, two
 * re-checks of runs that found the same discrepancies took each other's rows in opposite orders and
 * deadlocked, failing one of the jobs.
 */
async function lockRecheckedRows(tx: EntityManager, orgId: string, runId: string, still: Set<string>): Promise<void> {
  await tx.query(
    `SELECT id FROM reconciliation_discrepancies
      WHERE org_id = $1 AND (run_id = $2 OR key IN (
              SELECT key FROM reconciliation_discrepancies WHERE org_id = $1 AND run_id = $2 AND key <> ALL($3::text[])))
      ORDER BY id FOR NO KEY UPDATE`,
    [orgId, runId, [...still]],
  );
}

/**
 * Another row of the same discrepancy (the same key, another run) whose fix is under way, or that was
 * fixed after this row's run started reading (what this row says may be out of date).
 */
async function otherFix(tx: EntityManager, d: ReconciliationDiscrepancy): Promise<{ status: string } | null> {
  const [row] = (await tx.query(
    `SELECT o.status FROM reconciliation_discrepancies o
      WHERE o.org_id = $1 AND o.key = $2 AND o.id <> $3
        AND (o.status = 'FIXING' OR (o.status = 'FIXED' AND o.fixed_at >= (
              SELECT r.created_at - r.duration_ms * interval '1 millisecond' FROM reconciliation_runs r WHERE r.id = $4)))
      ORDER BY o.status = 'FIXING' DESC LIMIT 1`,
    [d.orgId, d.key, d.id, d.runId],
  )) as Array<{ status: string }>;
  return row ?? null;
}

/** Invoice ids as PostgreSQL orders uuids (lower-case hex compares alike); rows of no invoice last. */
const byInvoiceId = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a.toLowerCase() < b.toLowerCase() ? -1 : 1;

/** The audit entity of a discrepancy's changes. */
const about = (d: ReconciliationDiscrepancy) => ({ type: 'reconciliation_discrepancy', id: d.id });
