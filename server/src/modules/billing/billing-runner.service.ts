import { In, type DataSource, type EntityManager } from 'typeorm';
import { ActorType, type Actor } from '../../platform/actor.js';
import type { Clock } from '../../platform/clock.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import { logger } from '../../platform/logger.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { contractLinesDue, type ContractDraftLine, type ContractFacts } from '../contracts/contract-charges.js';
import { addDaysIso } from '../contracts/contract-cycle.js';
import { endCreditsWithinTotal } from '../contracts/contract-end-credit.js';
import { recordEndCredits } from '../contracts/contract-end-credits.js';
import { loadContractFacts } from '../contracts/contract-facts.js';
import {
  linkTimeEntriesOfInvoices,
  loadPricing,
  type InvoiceGenerationService,
  type Pricing,
} from '../invoices/invoice-generation.service.js';
import type { Invoice } from '../invoices/invoice.entity.js';
import { todayIn } from '../../platform/time-zone.js';
import type { InvoiceService } from '../invoices/invoice.service.js';
import { createDraftInvoices, type NewDraft } from '../invoices/invoice-writer.js';
import type { TimeLine } from '../invoices/time-itemization.js';
import { Organization } from '../organizations/organization.entity.js';
import {
  billingDraft,
  chunksByDate,
  reviewOutcome,
  type ContractCharge,
  type DueItem,
  type RunOutcome,
} from './billing-draft.js';
import { datesDue } from './billing-plan.js';
import { claimRuns, recordContractCharges, recordOutcomes, recordRunFailure } from './billing-run-writes.js';
import { effectiveSettings, type BillingSettings } from './billing-settings.js';
import { BillingRun, type BillingRunStatus, type BillingSettingsRow } from './billing.entities.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import { effectiveBillingSettingsFor, type BillingSettingsService } from './billing-settings.service.js';
import './billing.events.js';
import { failureMessage, notBilledNow, SENDING } from './billing-run-rules.js';

/** Who the audit trail names for invoices the billing run makes. */
export const BILLING_ACTOR: Actor = { type: ActorType.SYSTEM, id: null, label: 'Automatic billing', source: 'system' };

/**
 * Clients billed in one transaction: large enough that a run's statements stay a few per batch, small
 * enough that a batch holds its locks briefly and a failure costs little to redo client by client.
 */
const BATCH_SIZE = 250;

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

  /**
   * Bills an org's due dates in rounds (every client's oldest date, then the next one, so a date sees
   * what the one before it charged) and, within a round, in batches of clients with the same date.
   */
  private async runOrg(orgId: string, now: Date, summary: SweepSummary, maxDates: number): Promise<void> {
    const batch = await this.loadOrg(orgId, now);
    const due = [...batch.clients.values()]
      .map((client) => {
        const s = batch.settings.get(client.id)!;
        const dates = [
          ...(batch.retries.get(client.id) ?? []),
          ...datesDue(
            batch.contracts.get(client.id) ?? [],
            s.autoBillingSince!,
            batch.lastRun.get(client.id) ?? null,
            now,
            s.invoiceGraceHours,
            batch.org.timeZone,
          ),
        ];
        return { client, s, dates };
      })
      .filter((d) => d.dates.length);
    summary.clients += due.length;
    for (let round = 0; due.some((d) => d.dates.length > round); round++) {
      const items = due.flatMap(({ client, s, dates }) => (dates[round] ? [{ client, s, date: dates[round] }] : []));
      for (const chunk of chunksByDate(items, BATCH_SIZE)) {
        const room = maxDates - summary.billed;
        if (room <= 0) return;
        for (const status of await this.billBatch(batch, chunk.slice(0, room), now)) {
          if (!status) continue;
          summary.billed++;
          summary.byStatus[status] = (summary.byStatus[status] ?? 0) + 1;
        }
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
    const org = await this.db.getRepository(Organization).findOneByOrFail({ id: orgId });
    return {
      org,
      clients,
      settings,
      pricing,
      contracts: await loadContractFacts(this.db.manager, orgId, clients, pricing, todayIn(org.timeZone, now)),
      lastRun: new Map(runs.map((r) => [r.client_id, r.last])),
      retries: new Map(runs.filter((r) => r.retries).map((r) => [r.client_id, r.retries!])),
    };
  }

  /**
   * Bills one date of a batch of clients in one transaction; each status is null when another worker
   * has that client's date (or it is done). A batch that fails is billed again client by client, so
   * only the client at fault is left FAILED (and retried later).
   */
  private async billBatch(batch: OrgBatch, items: DueItem[], now: Date): Promise<Array<BillingRunStatus | null>> {
    try {
      return await this.db.transaction((tx) => this.billBatchIn(tx, batch, items, now));
    } catch (err) {
      if (items.length > 1) {
        logger.warn(
          { err, orgId: batch.org.id, clients: items.length },
          'billing batch failed; billing its clients one by one',
        );
        const statuses: Array<BillingRunStatus | null> = [];
        for (const item of items) statuses.push(...(await this.billBatch(batch, [item], now)));
        return statuses;
      }
      const { client, date } = items[0]!;
      const message = failureMessage(err);
      if (message === null) logger.error({ err, orgId: batch.org.id, clientId: client.id, date }, 'billing run failed');
      await this.recordFailure(batch.org.id, client.id, date, message ?? 'Unexpected error; Settle retries it', now);
      return ['FAILED'];
    }
  }

  /**
   * One date of a batch of clients, in a fixed number of statements whatever its size: claim the run
   * rows, read contracts and time, write the invoices with their lines, charges and time links, send
   * them per settings, and record each outcome.
   */
  private async billBatchIn(
    tx: EntityManager,
    { org }: OrgBatch,
    items: DueItem[],
    now: Date,
  ): Promise<Array<BillingRunStatus | null>> {
    const date = items[0]!.date;
    const runIds = await claimRuns(
      tx,
      org.id,
      items.map((i) => i.client.id),
      date,
      now,
    );
    const claimedAsRead = items.filter((i) => runIds.has(i.client.id));
    if (!claimedAsRead.length) return items.map(() => null);
    // The clients (their currency above all) and their rates were read before this transaction: a currency
    // changed since would be billed in the old one. Held (in id order) until this commits, each client row
    // cannot change under its invoice, and what the invoice is made of is read again under it. FOR NO KEY
    // UPDATE, not FOR SHARE: sending an invoice applies the client's credit under that lock, after the run
    // has locked the client's time. Taken only then, it waited on anyone sharing the client meanwhile (an
    // invoice generated from the same time, waiting on the run's time): a deadlock. The parent's strongest
    // lock comes first, so they wait on the run instead.
    const held = await tx.find(Client, {
      where: { orgId: org.id, id: In(claimedAsRead.map((i) => i.client.id)) },
      order: { id: 'ASC' },
      lock: { mode: 'for_no_key_update' },
    });
    const current = new Map(held.map((c) => [c.id, c]));
    // A client archived, or its automatic billing turned off, since the batch was read is not billed on
    // this date: its run row says why (an archived client can no longer change until this commits).
    const settingsNow = await effectiveBillingSettingsFor(tx, org.id, [...current.keys()]);
    const outcomes = new Map<string, RunOutcome>();
    const claimed: DueItem[] = [];
    for (const item of claimedAsRead) {
      const client = current.get(item.client.id)!;
      const why = notBilledNow(client, settingsNow.get(client.id)!, date);
      if (why) outcomes.set(client.id, { status: 'EMPTY', message: why });
      else claimed.push({ ...item, client });
    }
    const clients = new Map(claimed.map((i) => [i.client.id, i.client]));
    const pricing = await loadPricing(tx, org.id, [...clients.keys()]);
    // Read under the runs' claims: what an earlier date (or another worker) charged since the batch was read.
    const contracts = await loadContractFacts(tx, org.id, clients, pricing, date);
    const time = await this.generation.timeLinesFor(tx, org, [...clients.values()], pricing.services, pricing.rateFor, {
      periodStart: null,
      periodEnd: addDaysIso(date, -1),
    });
    const billed: Array<{
      item: DueItem;
      draft: NewDraft;
      recurring: ContractDraftLine[];
      charges: ContractCharge[];
      remainder: number;
    }> = [];
    const issueDate = todayIn(org.timeZone, now); // issued today on the org's wall
    for (const item of claimed) {
      const { client, s } = item;
      const lines = time.get(client.id)!;
      try {
        if (lines instanceof Error) throw lines;
        const taxRateBps = client.taxRateBps ?? org.taxRateBps;
        const due = (contracts.get(client.id) ?? []).flatMap((c) =>
          contractLinesDue(c, date, s.autoBillingSince!, taxRateBps),
        );
        // A contract's end credit never takes the invoice below zero: the rest is kept as client credit.
        const { lines: capped, remainder } = endCreditsWithinTotal([...due, ...lines], client.currency);
        const recurring = capped.slice(0, due.length) as ContractDraftLine[];
        if (!recurring.length && !lines.length) outcomes.set(client.id, { status: 'EMPTY' });
        else
          billed.push({ item, recurring, remainder, ...billingDraft(org, client, date, issueDate, recurring, lines) });
      } catch (err) {
        const message = failureMessage(err);
        if (message === null) throw err;
        outcomes.set(client.id, { status: 'FAILED', message });
      }
    }
    const made = await createDraftInvoices(
      tx,
      this.audit,
      BILLING_ACTOR,
      org,
      billed.map((b) => b.draft),
    );
    await linkTimeEntriesOfInvoices(
      tx,
      made.map(({ invoice, lineIds }, n) => ({
        invoiceId: invoice.id,
        lineIds: lineIds.slice(billed[n]!.recurring.length),
        lines: billed[n]!.draft.lines.slice(billed[n]!.recurring.length) as TimeLine[],
      })),
    );
    await recordContractCharges(
      tx,
      org.id,
      made.map(({ invoice, lineIds }, n) => ({
        invoiceId: invoice.id,
        recurring: billed[n]!.recurring,
        lineIds: lineIds.slice(0, billed[n]!.recurring.length),
      })),
    );
    // Only invoices that carry an end credit write anything here (a contract ended inside a charged period).
    for (const [n, { invoice, lineIds }] of made.entries()) {
      const { item, recurring, remainder } = billed[n]!;
      const endCredits = {
        orgId: org.id,
        clientId: item.client.id,
        invoice,
        lines: recurring,
        lineIds: lineIds.slice(0, recurring.length),
        remainder,
      };
      await recordEndCredits(tx, { audit: this.audit, events: this.events }, BILLING_ACTOR, endCredits);
    }
    const invoices = made.map((m) => m.invoice);
    if (invoices.length)
      await this.events.emit(tx, 'invoice.generated', {
        orgId: org.id,
        actor: BILLING_ACTOR,
        invoices,
        destinations: null,
      });
    const toSend = new Map<BillingSettings['sendMethod'], Invoice[]>();
    billed.forEach(({ item }, n) => {
      const invoice = invoices[n]!;
      const outcome = reviewOutcome(item, invoice);
      outcomes.set(item.client.id, outcome);
      if (outcome.status === 'SENT') toSend.set(item.s.sendMethod, [...(toSend.get(item.s.sendMethod) ?? []), invoice]);
    });
    for (const [method, group] of toSend)
      await this.invoices.sendManyIn(
        tx,
        org.id,
        BILLING_ACTOR,
        group.map((i) => i.id),
        SENDING[method],
      );
    const recorded = claimedAsRead.map((i) => ({ runId: runIds.get(i.client.id)!, ...outcomes.get(i.client.id)! }));
    await recordOutcomes(tx, recorded, now);
    await this.events.emit(tx, 'billing.runs-recorded', { orgId: org.id, runIds: recorded.map((r) => r.runId) });
    return items.map((i) => (runIds.has(i.client.id) ? outcomes.get(i.client.id)!.status : null));
  }

  /** Nothing of the failed attempt stays; the failure is kept for the list and retried later, less often each time. */
  private async recordFailure(
    orgId: string,
    clientId: string,
    date: string,
    message: string,
    now: Date,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const runIds = await recordRunFailure(tx, { orgId, clientId, date, message, now });
      if (runIds.length) await this.events.emit(tx, 'billing.runs-recorded', { orgId, runIds });
    });
  }

  /** One page of the org's billing runs (of a client, of these statuses), newest first. */
  recent(orgId: string, f: { clientId?: string; status?: BillingRunStatus[] }, page: PageRequest) {
    const qb = this.db.getRepository(BillingRun).createQueryBuilder('r').where('r.org_id = :orgId', { orgId });
    if (f.clientId) qb.andWhere('r.client_id = :clientId', { clientId: f.clientId });
    if (f.status?.length) qb.andWhere('r.status IN (:...status)', { status: f.status });
    return keysetPage(qb, newestFirst(), page, { orgId, max: 200, fallback: 50 });
  }
}
