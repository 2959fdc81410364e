import type { EntityManager } from 'typeorm';
import type { Container } from '../../app/container.js';
import { enqueueMany } from '../../platform/jobs/job-queue.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { DISCREPANCY_LABELS } from './reconciliation-findings.js';
import type { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';
import { MAX_RECHECKS, queueRecheck, RECHECK_DELAYS_MS } from './reconciliation.jobs.js';
import type { ReconciliationService } from './reconciliation.service.js';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The nightly period: `days` days up to yesterday (UTC). */
export function nightlyPeriod(now: Date, days: number): { from: string; to: string } {
  const to = new Date(now.getTime() - 86_400_000);
  return { from: isoDay(new Date(to.getTime() - (days - 1) * 86_400_000)), to: isoDay(to) };
}

/** The scheduled side of the reconciliation: one job per connected org, the admins' email, re-checks. */
export class ReconciliationSchedule {
  constructor(
    private readonly c: Container,
    private readonly service: ReconciliationService,
  ) {}

  /** Queues one run per org with Stripe or QuickBooks connected (each org's run is its own job). */
  async nightly(now = new Date()): Promise<number> {
    const period = nightlyPeriod(now, this.c.config.reconciliation.periodDays);
    const orgs = (await this.c.db.query(
      `SELECT org_id FROM qbo_connections WHERE status = 'CONNECTED' UNION SELECT org_id FROM stripe_connections`,
    )) as Array<{ org_id: string }>;
    await this.c.db.transaction((tx) =>
      enqueueMany(
        tx,
        'reconciliation.run-org',
        orgs.map((o) => ({
          payload: { orgId: o.org_id, ...period },
          opts: { jobKey: `reconciliation-nightly:${o.org_id}:${period.to}` },
        })),
      ),
    );
    return orgs.length;
  }

  /**
   * One org's scheduled run; its admins are emailed when it finds something, in the transaction that
   * stores the run, and a retried job gets the stored run back: one run and one email per period.
   */
  runOrg(orgId: string, period: { from: string; to: string }): Promise<ReconciliationRun> {
    return this.service.run(orgId, period, 'SCHEDULED', async (tx, run, found) => {
      if (found.length > 0) await this.notifyAdmins(tx, run, found);
    });
  }

  /**
   * One re-check of a run after a fix, and the next while fixes wait. From the last delay on, a fix still
   * not confirmed is reopened (see ReconciliationService.recheck); one whose QuickBooks operation is
   * still queued is checked again at the last delay, up to MAX_RECHECKS in all.
   */
  async recheck(orgId: string, runId: string, attempt: number): Promise<void> {
    const waiting = await this.service.recheck(orgId, runId, attempt >= RECHECK_DELAYS_MS.length);
    if (waiting > 0 && attempt < MAX_RECHECKS)
      await this.c.db.transaction((tx) => queueRecheck(tx, orgId, runId, attempt + 1));
  }

  /** runOrg as the job runs it: its last failed attempt tells the admins (failedForGood). */
  async runOrgJob(
    orgId: string,
    period: { from: string; to: string },
    job: { attempts: number; max_attempts: number },
  ): Promise<void> {
    try {
      await this.runOrg(orgId, period);
    } catch (err) {
      if (job.attempts >= job.max_attempts) await this.failedForGood(orgId, period, err);
      throw err;
    }
  }

  /**
   * A scheduled run that failed on its last attempt stores no run: its admins hear of it (once, the job's
   * key is per org and period), so a night without a reconciliation is never silent.
   */
  async failedForGood(orgId: string, period: { from: string; to: string }, err: unknown): Promise<void> {
    const reason = err instanceof Error ? err.message : String(err);
    logger.error({ orgId, ...period, err: reason }, 'scheduled reconciliation failed for good');
    const url = `${this.c.config.publicUrl}/admin/reconciliation`;
    await this.c.db.transaction(async (tx) => {
      for (const a of await adminsOf(tx, orgId)) {
        const intro = `The nightly reconciliation of ${a.org_name} (${period.from} to ${period.to}) could not run: ${reason}. Nothing was compared. It runs again tomorrow night; you can run it now from the reconciliation page.`;
        await this.c.email.queue(tx, orgId, {
          kind: 'reconciliation',
          to: a.email,
          subject: 'Reconciliation could not run',
          text: [intro, url].join('\n\n'),
          html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:640px"><h2>Reconciliation</h2><p>${esc(intro)}</p><p><a href="${esc(url)}">Open the reconciliation</a></p></body></html>`,
        });
      }
    });
  }

  private async notifyAdmins(
    tx: EntityManager,
    run: ReconciliationRun,
    found: ReconciliationDiscrepancy[],
  ): Promise<void> {
    const admins = await adminsOf(tx, run.orgId);
    const url = `${this.c.config.publicUrl}/admin/reconciliation?run=${run.id}`;
    const items = found.slice(0, 20).map((d) => {
      const amounts = [
        d.settleAmount !== null ? `Settle ${formatMoney(d.settleAmount, d.currency)}` : '',
        d.stripeAmount !== null ? `Stripe ${formatMoney(d.stripeAmount, d.currency)}` : '',
        d.quickBooksAmount !== null ? `QuickBooks ${formatMoney(d.quickBooksAmount, d.currency)}` : '',
      ].filter(Boolean);
      return `${DISCREPANCY_LABELS[d.type]}: ${d.detail}${amounts.length ? ` (${amounts.join(', ')})` : ''}`;
    });
    const more = found.length > items.length ? [`…and ${found.length - items.length} more.`] : [];
    for (const a of admins) {
      const intro = `The nightly reconciliation of ${a.org_name} (${run.periodFrom} to ${run.periodTo}) found ${found.length} discrepanc${found.length === 1 ? 'y' : 'ies'} between Settle, Stripe and QuickBooks.`;
      await this.c.email.queue(tx, run.orgId, {
        kind: 'reconciliation',
        to: a.email,
        relatedId: run.id,
        subject: `Reconciliation: ${found.length} discrepanc${found.length === 1 ? 'y' : 'ies'} to look at`,
        text: [intro, ...items, ...more, url].join('\n\n'),
        html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2933;max-width:640px"><h2>Reconciliation</h2><p>${esc(intro)}</p><ul>${[...items, ...more].map((i) => `<li>${esc(i)}</li>`).join('')}</ul><p><a href="${esc(url)}">Open the reconciliation</a></p></body></html>`,
      });
    }
  }
}

/** The org's active owners and admins, who hear of its nightly runs. */
function adminsOf(tx: EntityManager, orgId: string): Promise<Array<{ email: string; org_name: string }>> {
  return tx.query(
    `SELECT u.email, o.name AS org_name FROM users u JOIN organizations o ON o.id = u.org_id
      WHERE u.org_id = $1 AND u.role IN ('OWNER','ADMIN') AND u.disabled_at IS NULL ORDER BY u.email`,
    [orgId],
  ) as Promise<Array<{ email: string; org_name: string }>>;
}
