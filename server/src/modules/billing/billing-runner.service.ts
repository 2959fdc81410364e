import { In, type DataSource, type EntityManager } from 'typeorm';
import { ActorType, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { logger } from '../../platform/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import {
  contractLinesDue,
  MissingPrice,
  type ContractDraftLine,
  type ContractFacts,
} from '../contracts/contract-charges.js';
import { endCreditsWithinTotal } from '../contracts/contract-end-credit.js';
import { recordEndCredits } from '../contracts/contract-end-credits.js';
import { addDaysIso } from '../contracts/contract-cycle.js';
import { loadContractFacts } from '../contracts/contract-facts.js';
import {
  linkTimeEntries,
  loadPricing,
  MissingRate,
  type InvoiceGenerationService,
  type Pricing,
} from '../invoices/invoice-generation.service.js';
import { addDays } from '../invoices/invoice-math.js';
import { todayUtc } from '../invoices/invoice-status.js';
import type { InvoiceService } from '../invoices/invoice.service.js';
import { createDraftInvoice } from '../invoices/invoice-writer.js';
import { renderMemo } from '../invoices/memo-template.js';
import { Organization } from '../organizations/organization.entity.js';
import { datesDue } from './billing-plan.js';
import { effectiveSettings, type BillingSettings } from './billing-settings.js';
import { BillingRun, type BillingRunStatus, type BillingSettingsRow } from './billing.entities.js';
import type { BillingSettingsService } from './billing-settings.service.js';

/** Who the audit trail names for invoices the billing run makes. */
export const BILLING_ACTOR: Actor = { type: ActorType.SYSTEM, id: null, label: 'Automatic billing', source: 'system' };

const SEND_DESTINATIONS: Record<BillingSettings['sendMethod'], string[]> = {
  EMAIL: ['EMAIL'],
  STRIPE_HOSTED_INVOICE: ['EMAIL', 'STRIPE'],
  QUICKBOOKS_EMAIL: ['EMAIL', 'QUICKBOOKS'],
  AUTO_CHARGE: ['EMAIL'],
};

/** What one sweep did. */
export interface SweepSummary {
  clients: number;
  billed: number;
  byStatus: Partial<Record<BillingRunStatus, number>>;
}

/** One org's clients with automatic billing on, and what billing them needs, read in a fixed number of statements. */
interface OrgBatch {
  org: Organization;
  clients: Map<string, Client>;
  settings: Map<string, BillingSettings>;
  pricing: Pricing;
  contracts: Map<string, ContractFacts[]>;
  lastRun: Map<string, string>;
  retries: Map<string, string[]>;
}

/**
 * The billing run. At each billing date of each client with automatic billing on, once the invoice
 * grace period is over: one invoice of the due recurring lines and the approved, unbilled time, kept as
 * a draft or finalized and sent per the settings. Exactly once per client and date: the run row is
 * inserted in the same transaction as the invoice under a unique key, so a second worker waits for the
 * first and then finds the date taken, a crash leaves nothing behind, and a clock that moved back finds
 * the dates already run.
 */
export class BillingRunner {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
    private readonly invoices: InvoiceService,
    private readonly generation: InvoiceGenerationService,
    private readonly settings: BillingSettingsService,
    private readonly clock: () => Clock,
  ) {}

  /**
   * Bills whatever is due at `now` in every org (or one), oldest date first; at most `maxDates` client
   * dates when given (an admin's "run now" is bounded; the sweep picks up the rest).
   */
  async runDue(opts: { orgId?: string; now?: Date; maxDates?: number } = {}): Promise<SweepSummary> {
    const now = opts.now ?? this.clock().now();
    const orgs = (await this.db.query(
      `SELECT DISTINCT org_id FROM billing_settings WHERE auto_billing AND ($1::uuid IS NULL OR org_id = $1)`,
      [opts.orgId ?? null],
    )) as Array<{ org_id: string }>;
    const summary: SweepSummary = { clients: 0, billed: 0, byStatus: {} };
    for (const { org_id } of orgs) await this.runOrg(org_id, now, summary, opts.maxDates ?? Infinity);
    if (summary.billed) logger.info({ ...summary, at: now.toISOString() }, 'billing run');
    return summary;
  }

  private async runOrg(orgId: string, now: Date, summary: SweepSummary, maxDates: number): Promise<void> {
    const batch = await this.loadOrg(orgId, now);
    for (const client of batch.clients.values()) {
      const s = batch.settings.get(client.id)!;
      const dates = [
        ...(batch.retries.get(client.id) ?? []),
        ...datesDue(
          batch.contracts.get(client.id) ?? [],
          s.autoBillingSince!,
          batch.lastRun.get(client.id) ?? null,
          now,
          s.invoiceGraceHours,
        ),
      ];
      if (dates.length) summary.clients++;
      for (const date of dates) {
        if (summary.billed >= maxDates) return;
        const status = await this.billDate(batch, client, s, date, now);
        if (!status) continue;
        summary.billed++;
        summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
      }
    }
  }

  private async loadOrg(orgId: string, now: Date): Promise<OrgBatch> {
    const rows = await this.settings.allRows(orgId);
    const orgRow = rows.find((r) => r.clientId === null);
    const own = new Map(rows.filter((r) => r.clientId).map((r) => [r.clientId!, r] as [string, BillingSettingsRow]));
    const all = await this.db.getRepository(Client).find({ where: { orgId }, order: { name: 'ASC' } });
    const settings = new Map<string, BillingSettings>();
    for (const c of all) {
      const s = effectiveSettings(orgRow, own.get(c.id), c.id);
      if (s.autoBilling && s.autoBillingSince && !c.archivedAt) settings.set(c.id, s);
    }
    const clients = new Map(all.filter((c) => settings.has(c.id)).map((c) => [c.id, c]));
    const ids = [...clients.keys()];
    const pricing = await loadPricing(this.db.manager, orgId, ids);
    const runs = (await this.db.query(
      `SELECT client_id, to_char(max(bill_date) , 'YYYY-MM-DD') AS last,
              array_agg(to_char(bill_date, 'YYYY-MM-DD') ORDER BY bill_date) FILTER (WHERE status = 'FAILED' AND next_attempt_at <= $3) AS retries
         FROM billing_runs WHERE org_id = $1 AND client_id = ANY($2::uuid[]) GROUP BY client_id`,
      [orgId, ids, now],
    )) as Array<{ client_id: string; last: string; retries: string[] | null }>;
    return {
      org: await this.db.getRepository(Organization).findOneByOrFail({ id: orgId }),
      clients,
      settings,
      pricing,
      contracts: await loadContractFacts(this.db.manager, orgId, clients, pricing, todayUtc(now)),
      lastRun: new Map(runs.map((r) => [r.client_id, r.last])),
      retries: new Map(runs.filter((r) => r.retries).map((r) => [r.client_id, r.retries!])),
    };
  }

  /** Bills one client's date; null when another worker has it (or it is done). */
  private async billDate(
    batch: OrgBatch,
    client: Client,
    s: BillingSettings,
    date: string,
    now: Date,
  ): Promise<BillingRunStatus | null> {
    try {
      return await this.db.transaction((tx) => this.billDateIn(tx, batch, client, s, date, now));
    } catch (err) {
      const message = failureMessage(err);
      if (message === null) logger.error({ err, orgId: batch.org.id, clientId: client.id, date }, 'billing run failed');
      await this.recordFailure(batch.org.id, client.id, date, message ?? 'Unexpected error; Settle retries it', now);
      return 'FAILED';
    }
  }

  private async billDateIn(
    tx: EntityManager,
    { org, pricing }: OrgBatch,
    client: Client,
    s: BillingSettings,
    date: string,
    now: Date,
  ): Promise<BillingRunStatus | null> {
    const claimed = (await tx.query(
      `INSERT INTO billing_runs (org_id, client_id, bill_date, status) VALUES ($1, $2, $3, 'EMPTY')
       ON CONFLICT (client_id, bill_date) DO UPDATE SET attempts = billing_runs.attempts + 1, updated_at = now()
         WHERE billing_runs.status = 'FAILED' AND billing_runs.next_attempt_at <= $4
       RETURNING id`,
      [org.id, client.id, date, now],
    )) as Array<{ id: string }>;
    if (!claimed.length) return null;
    const runId = claimed[0]!.id;
    // Read again under the run's claim: what an earlier date (or another worker) charged since the batch was read.
    const contracts =
      (await loadContractFacts(tx, org.id, new Map([[client.id, client]]), pricing, date)).get(client.id) ?? [];
    const taxRateBps = client.taxRateBps ?? org.taxRateBps;
    const due = contracts.flatMap((c) => contractLinesDue(c, date, s.autoBillingSince!, taxRateBps));
    const time = await this.generation.timeLinesIn(tx, org, client, pricing.services, pricing.rateFor(client), {
      periodStart: null,
      periodEnd: addDaysIso(date, -1),
    });
    if (!due.length && !time.length) return 'EMPTY';
    // A contract's end credit never takes the invoice below zero: the rest is kept as client credit.
    const { lines: capped, remainder } = endCreditsWithinTotal([...due, ...time]);
    const recurring = capped.slice(0, due.length) as ContractDraftLine[];

    const charges = recurring.flatMap((l) => (l.charge ? [l.charge] : []));
    // The invoice's period: the recurring periods it charges; time only: the month before the billing date.
    const periodStart = charges.map((c) => c.periodStart).sort()[0] ?? `${addDaysIso(date, -1).slice(0, 8)}01`;
    const periodEnd =
      charges
        .map((c) => c.periodEnd)
        .sort()
        .at(-1) ?? addDaysIso(date, -1);
    const issueDate = todayUtc(now);
    const { invoice, lineIds } = await createDraftInvoice(tx, this.audit, BILLING_ACTOR, {
      org,
      client,
      issueDate,
      dueDate: addDays(issueDate, client.daysUntilDue ?? org.daysUntilDue),
      periodStart,
      periodEnd,
      memo: (dueDate, number) =>
        renderMemo(client.memoTemplate ?? org.memoTemplate, {
          client_name: client.name,
          period_start: periodStart,
          period_end: periodEnd,
          invoice_number: number,
          due_date: dueDate,
          org_name: org.name,
        }),
      lines: capped,
    });
    await linkTimeEntries(tx, invoice.id, lineIds.slice(recurring.length), time);
    if (charges.length)
      await tx.query(
        `INSERT INTO contract_charges (org_id, contract_line_id, period_start, period_end, quantity, amount, invoice_id)
         SELECT $1, * , $7 FROM unnest($2::uuid[], $3::date[], $4::date[], $5::int[], $6::bigint[])`,
        [
          org.id,
          charges.map((c) => c.contractLineId),
          charges.map((c) => c.periodStart),
          charges.map((c) => c.periodEnd),
          charges.map((c) => c.quantity),
          charges.map((c) => c.amount),
          invoice.id,
        ],
      );
    const changeIds = [...new Set(recurring.flatMap((l) => (l.quantityChangeId ? [l.quantityChangeId] : [])))];
    if (changeIds.length)
      await tx.query(
        `UPDATE contract_quantity_changes SET invoice_id = $1 WHERE id = ANY($2::uuid[]) AND invoice_id IS NULL`,
        [invoice.id, changeIds],
      );
    const endCredits = { orgId: org.id, clientId: client.id, invoice, lines: recurring, remainder };
    await recordEndCredits(tx, { audit: this.audit, events: this.events }, BILLING_ACTOR, endCredits);
    await this.events.emit(tx, 'invoice.generated', {
      orgId: org.id,
      actor: BILLING_ACTOR,
      invoice,
      destinations: null,
    });

    let status: BillingRunStatus = 'DRAFTED';
    let message: string | null = null;
    if (s.review === 'AUTO_SEND') {
      if (!client.billingEmail.trim()) {
        status = 'NEEDS_ATTENTION';
        message = `${client.name} has no billing email: invoice ${invoice.number} waits as a draft. Add the email, then send it.`;
      } else if (invoice.total < 0) {
        status = 'NEEDS_ATTENTION';
        message = `Invoice ${invoice.number} totals less than zero (credits exceed charges): it waits as a draft.`;
      } else {
        await this.invoices.sendIn(tx, org.id, BILLING_ACTOR, invoice.id, {
          destinations: SEND_DESTINATIONS[s.sendMethod],
        });
        status = 'SENT';
      }
    }
    await tx.query(
      `UPDATE billing_runs SET status = $2, invoice_id = $3, total = $4, message = $5, next_attempt_at = NULL, updated_at = now() WHERE id = $1`,
      [runId, status, invoice.id, invoice.total, message],
    );
    return status;
  }

  /** Nothing of the failed attempt stays; the failure is kept for the list and retried later, less often each time. */
  private async recordFailure(
    orgId: string,
    clientId: string,
    date: string,
    message: string,
    now: Date,
  ): Promise<void> {
    await this.db.query(
      `INSERT INTO billing_runs (org_id, client_id, bill_date, status, message, next_attempt_at)
       VALUES ($1, $2, $3, 'FAILED', $4, $5::timestamptz + interval '5 minutes')
       ON CONFLICT (client_id, bill_date) DO UPDATE
         SET attempts = billing_runs.attempts + 1, message = $4, updated_at = now(),
             next_attempt_at = $5::timestamptz + least(interval '5 minutes' * power(2, billing_runs.attempts), interval '12 hours')
         WHERE billing_runs.status = 'FAILED'`,
      [orgId, clientId, date, message, now],
    );
  }

  /** The last runs, newest first, with their outcome (the admin's list). */
  recent(
    orgId: string,
    opts: { first: number; clientId?: string; status?: BillingRunStatus[] },
  ): Promise<BillingRun[]> {
    return this.db.getRepository(BillingRun).find({
      where: {
        orgId,
        ...(opts.clientId ? { clientId: opts.clientId } : {}),
        ...(opts.status?.length ? { status: In(opts.status) } : {}),
      },
      order: { updatedAt: 'DESC', id: 'ASC' },
      take: opts.first,
    });
  }
}

/** What a user can act on (a missing price, a bad input), or null for an unexpected error. */
function failureMessage(err: unknown): string | null {
  if (err instanceof MissingPrice || err instanceof MissingRate) return err.message;
  if (err instanceof AppError) return err.message;
  return null;
}
