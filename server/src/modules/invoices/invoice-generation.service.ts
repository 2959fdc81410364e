import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { AppError, badInput, conflict } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { AuditService } from '../audit/audit.service.js';
import { Client } from '../clients/client.entity.js';
import { ClientRate } from '../clients/client-rate.entity.js';
import { Service, ServicePrice } from '../catalog/service.entity.js';
import { User } from '../auth/user.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { TimeEntry } from '../time-entries/time-entry.entity.js';
import { Invoice } from './invoice.entity.js';
import { addDays } from './invoice-math.js';
import { todayIn } from '../../platform/time-zone.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { createDraftInvoice } from './invoice-writer.js';
import { renderMemo } from './memo-template.js';
import { itemizeTime, TimeItemization, type ItemizationNames, type TimeLine } from './time-itemization.js';

export interface GenerateInput {
  clientIds?: string[];
  periodStart: string;
  periodEnd: string;
  issueDate?: string;
  /**
   * Where the generated drafts go at once, besides Settle ('QUICKBOOKS'); an empty list: nowhere.
   * Omitted: each integration's own setting decides (see the 'invoice.generated' event).
   */
  destinations?: string[] | null;
}

export interface GenerateResult {
  invoices: Invoice[];
  skipped: Array<{ clientId: string; reason: string }>;
}

/** Rate precedence for one entry: its own override, then the client's negotiated rate, then the catalog price. */
export function resolveRate(
  entry: Pick<TimeEntry, 'rateOverride' | 'serviceId'>,
  clientRates: Map<string, number>,
  catalog: Map<string, number>,
): number | undefined {
  return entry.rateOverride ?? clientRates.get(entry.serviceId) ?? catalog.get(entry.serviceId);
}

/** The catalog, its prices and the clients' negotiated rates, read once for a run over many clients. */
export interface Pricing {
  services: Map<string, Service>;
  /** The price of an entry for this client (override, negotiated rate, catalog), or undefined. */
  rateFor(client: Client): (entry: Pick<TimeEntry, 'rateOverride' | 'serviceId'>) => number | undefined;
  /** The catalog price of a service in a currency, and the client's negotiated rate for it. */
  catalogPrice(serviceId: string, currency: string): number | undefined;
  negotiatedRate(clientId: string, serviceId: string): number | undefined;
}

/** `currency`: only the catalog prices in it are read (one client's run); omitted: every currency's. */
export async function loadPricing(
  db: EntityManager,
  orgId: string,
  clientIds: string[],
  currency?: string,
): Promise<Pricing> {
  const services = new Map((await db.findBy(Service, { orgId })).map((s) => [s.id, s]));
  const prices = new Map(
    (await db.findBy(ServicePrice, currency ? { orgId, currency } : { orgId })).map((p) => [
      `${p.serviceId}:${p.currency}`,
      p.unitAmount,
    ]),
  );
  const rates = new Map(
    (await db.findBy(ClientRate, { orgId, clientId: In(clientIds) })).map((r) => [
      `${r.clientId}:${r.serviceId}`,
      r.unitAmount,
    ]),
  );
  const catalogPrice = (serviceId: string, currency: string) => prices.get(`${serviceId}:${currency}`);
  const negotiatedRate = (clientId: string, serviceId: string) => rates.get(`${clientId}:${serviceId}`);
  return {
    services,
    catalogPrice,
    negotiatedRate,
    rateFor: (client) => (e) =>
      e.rateOverride ?? negotiatedRate(client.id, e.serviceId) ?? catalogPrice(e.serviceId, client.currency),
  };
}

/**
 * Turns approved, un-invoiced billable time into one DRAFT invoice per client. Each client is its own
 * transaction that locks its entries (FOR UPDATE re-checks `invoice_id IS NULL` after any wait), so two
 * concurrent generations can never put one entry on two invoices.
 */
export class InvoiceGenerationService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
    /** The container's clock: the issue date is today on the org's wall by it. */
    private readonly clock: () => Clock = () => systemClock,
  ) {}

  async generate(orgId: string, actor: Actor, input: GenerateInput): Promise<GenerateResult> {
    if (input.periodEnd < input.periodStart) throw badInput('periodEnd', 'The period ends before it starts');
    const started = Date.now();
    const clientIds = await this.candidateClients(orgId, input);
    const org = await this.db.getRepository(Organization).findOneByOrFail({ id: orgId });
    const clients = new Map(
      (await this.db.getRepository(Client).findBy({ orgId, id: In(clientIds) })).map((c) => [c.id, c]),
    );

    const result: GenerateResult = { invoices: [], skipped: [] };
    for (const clientId of clientIds) {
      const client = clients.get(clientId)!;
      try {
        const invoice = await this.db.transaction((tx) => this.generateForClient(tx, org, client, actor, input));
        if (invoice) result.invoices.push(invoice);
        else result.skipped.push({ clientId, reason: 'No approved, un-invoiced billable time in the period' });
      } catch (err) {
        // The clients before this one are committed: a failure of one is reported, never thrown, so an
        // answer with an error always means nothing was written.
        result.skipped.push({ clientId, reason: skipReason(err, orgId, clientId) });
      }
    }
    logger.info(
      { orgId, invoices: result.invoices.length, skipped: result.skipped.length, ms: Date.now() - started },
      'invoices generated',
    );
    return result;
  }

  private async candidateClients(orgId: string, input: GenerateInput): Promise<string[]> {
    // PostgreSQL compares uuids whatever their case; the maps keyed by id here do not.
    input = { ...input, clientIds: input.clientIds?.map((id) => id.toLowerCase()) };
    if (input.clientIds?.length) {
      const named = await this.db.getRepository(Client).findBy({ orgId, id: In(input.clientIds) });
      if (named.length !== new Set(input.clientIds).size)
        throw badInput('clientIds', 'Every client must belong to this organization');
      // Asked for by name, an archived client is a mistake to say before anything is written.
      const archived = named.filter((c) => c.archivedAt).map((c) => c.name);
      if (archived.length) throw badInput('clientIds', archivedWords(archived.sort()));
    }
    const rows: Array<{ client_id: string }> = await this.db.query(
      `SELECT DISTINCT client_id FROM time_entries
        WHERE org_id = $1 AND status = 'APPROVED' AND invoice_id IS NULL AND billable AND work_date BETWEEN $2 AND $3
          AND ($4::uuid[] IS NULL OR client_id = ANY($4::uuid[]))`,
      [orgId, input.periodStart, input.periodEnd, input.clientIds?.length ? input.clientIds : null],
    );
    const ids = rows.map((r) => r.client_id);
    // Clients asked for by id with nothing to bill are reported as skipped rather than silently dropped.
    return input.clientIds?.length ? [...new Set([...input.clientIds])] : ids.sort();
  }

  private async generateForClient(
    tx: EntityManager,
    org: Organization,
    asRead: Client,
    actor: Actor,
    input: GenerateInput,
  ): Promise<Invoice | null> {
    // The client was read before this transaction: a currency changed since would be billed in the old one,
    // the state a currency change refuses to leave. Held FOR SHARE, it cannot change until this commits;
    // the invoice is made from this row (its tax rate and terms as they stand), not the one read before.
    const client = await tx.findOneOrFail(Client, {
      where: { orgId: org.id, id: asRead.id },
      lock: { mode: 'pessimistic_read' },
    });
    // Archived with approved time left (or since it was read): skipped, saying why, as the billing run does.
    if (client.archivedAt) throw badInput('clientIds', archivedWords([client.name]));
    if (client.currency !== asRead.currency)
      throw conflict(`The client's currency changed to ${client.currency} meanwhile; generate its invoice again`);
    // What the time is priced from (catalog prices, the client's negotiated rates) is read here, under the
    // client's lock, in a few statements for all its lines: a rate changed after the run started is billed
    // at the rate as it stands when the invoice is written, never at one read before.
    const pricing = await loadPricing(tx, org.id, [client.id], client.currency);
    const lines = await this.timeLinesIn(tx, org, client, pricing.services, pricing.rateFor(client), input);
    if (!lines.length) return null;
    const issueDate = input.issueDate ?? todayIn(org.timeZone, this.clock().now());
    const invoice = await createDraftInvoice(tx, this.audit, actor, {
      org,
      client,
      issueDate,
      dueDate: addDays(issueDate, client.daysUntilDue ?? org.daysUntilDue),
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      memo: (dueDate, number) =>
        renderMemo(client.memoTemplate ?? org.memoTemplate, {
          client_name: client.name,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          invoice_number: number,
          due_date: dueDate,
          org_name: org.name,
        }),
      lines,
    });
    await linkTimeEntries(tx, invoice.invoice.id, invoice.lineIds, lines);
    await this.events.emit(tx, 'invoice.generated', {
      orgId: org.id,
      actor,
      invoices: [invoice.invoice],
      destinations: input.destinations ?? null,
    });
    return invoice.invoice;
  }

  /**
   * Locks a client's approved, un-invoiced billable time worked in the range and prices it into lines
   * the way the org (or client) itemizes time; [] when there is none. Throws MissingRate when an entry
   * has no price. The row locks re-check `invoice_id IS NULL` after any wait, so two runs never take
   * one entry twice.
   */
  async timeLinesIn(
    tx: EntityManager,
    org: Organization,
    client: Client,
    services: Map<string, Service>,
    rateOf: (e: TimeEntry) => number | undefined,
    range: { periodStart: string | null; periodEnd: string },
  ): Promise<TimeLine[]> {
    const lines = (await this.timeLinesFor(tx, org, [client], services, () => rateOf, range)).get(client.id)!;
    if (lines instanceof MissingRate) throw lines;
    return lines;
  }

  /**
   * timeLinesIn for many clients of one org in a fixed number of statements; a client with an unpriced
   * entry gets its MissingRate instead of lines (the others are not held back by it).
   */
  async timeLinesFor(
    tx: EntityManager,
    org: Organization,
    clients: Client[],
    services: Map<string, Service>,
    rateFor: (client: Client) => (e: TimeEntry) => number | undefined,
    range: { periodStart: string | null; periodEnd: string },
  ): Promise<Map<string, TimeLine[] | MissingRate>> {
    const entries = await tx
      .getRepository(TimeEntry)
      .createQueryBuilder('t')
      .where(
        `t.org_id = :orgId AND t.client_id = ANY(:clientIds) AND t.status = 'APPROVED' AND t.invoice_id IS NULL AND t.billable`,
        { orgId: org.id, clientIds: clients.map((c) => c.id) },
      )
      .andWhere('t.work_date BETWEEN :from AND :to', { from: range.periodStart ?? '0001-01-01', to: range.periodEnd })
      .orderBy('t.id')
      .setLock('pessimistic_write')
      .getMany();
    const byClient = new Map<string, TimeEntry[]>();
    for (const e of entries) byClient.set(e.clientId, [...(byClient.get(e.clientId) ?? []), e]);
    const modes = clients.map((c) => c.timeItemization ?? org.timeItemization);
    // One read of the names for all: the widest itemization any of these clients uses needs the most.
    const widest = WIDEST.find((m) => modes.includes(m)) ?? TimeItemization.PER_SERVICE;
    const names = entries.length ? await this.names(tx, org.id, widest, entries, services) : null;
    return new Map(
      clients.map((client, n): [string, TimeLine[] | MissingRate] => {
        const own = byClient.get(client.id) ?? [];
        if (!own.length) return [client.id, []];
        const rateOf = rateFor(client);
        const unpriced = own
          .filter((e) => rateOf(e) === undefined)
          .map((e) => services.get(e.serviceId)?.code ?? e.serviceId);
        if (unpriced.length)
          return [
            client.id,
            new MissingRate(
              `No ${client.currency} price for service(s) ${[...new Set(unpriced)].join(', ')}: set a catalog price or a client rate`,
            ),
          ];
        const priced = own.map((e) => ({ ...e, rate: rateOf(e)! }));
        return [client.id, itemizeTime(priced, modes[n]!, names!, client.taxRateBps ?? org.taxRateBps)];
      }),
    );
  }

  /**
   * The names the lines are written with. Per service needs only the catalog; the others read the ticket
   * titles, and per entry the technicians' names too (skipped otherwise: generation runs per client).
   */
  private async names(
    tx: EntityManager,
    orgId: string,
    mode: TimeItemization,
    entries: TimeEntry[],
    services: Map<string, Service>,
  ): Promise<ItemizationNames> {
    const idsOf = (key: 'ticketId' | 'technicianId') => In([...new Set(entries.map((e) => e[key]))]);
    const tickets =
      mode === TimeItemization.PER_SERVICE ? [] : await tx.findBy(Ticket, { orgId, id: idsOf('ticketId') });
    const users = mode === TimeItemization.PER_ENTRY ? await tx.findBy(User, { orgId, id: idsOf('technicianId') }) : [];
    return {
      services,
      tickets: new Map(tickets.map((t) => [t.id, t.title])),
      technicians: new Map(users.map((u) => [u.id, u.name])),
    };
  }
}

export class MissingRate extends Error {}

/** "Client Acme is archived: restore it before invoicing it", for one or several clients. */
function archivedWords(names: string[]): string {
  return names.length === 1
    ? `Client ${names[0]} is archived: restore it before invoicing it`
    : `Clients ${names.join(', ')} are archived: restore them before invoicing them`;
}

/**
 * Why a client's invoice was not made, for the person who asked: what they can fix (a missing price, a
 * total past the maximum) in Settle's words; an unexpected failure (logged) as such. Nothing of that
 * client was written either way: each client is its own transaction.
 */
function skipReason(err: unknown, orgId: string, clientId: string): string {
  if (err instanceof MissingRate || err instanceof AppError) return err.message;
  logger.error({ err, orgId, clientId }, 'invoice generation failed for a client');
  return 'Settle could not make this invoice (an unexpected error; nothing was written for this client). Try again; if it keeps failing, contact support.';
}

/** Itemizations from the one whose names need the most reads down. */
const WIDEST = [TimeItemization.PER_ENTRY, TimeItemization.PER_TICKET, TimeItemization.PER_SERVICE];

/** Links every entry to the line that bills it, in one statement (`lineIds[i]` is `lines[i]`'s row). */
export async function linkTimeEntries(
  tx: EntityManager,
  invoiceId: string,
  lineIds: string[],
  lines: TimeLine[],
): Promise<void> {
  await linkTimeEntriesOfInvoices(tx, [{ invoiceId, lineIds, lines }]);
}

/** linkTimeEntries for many invoices, in one statement. */
export async function linkTimeEntriesOfInvoices(
  tx: EntityManager,
  invoices: Array<{ invoiceId: string; lineIds: string[]; lines: TimeLine[] }>,
): Promise<void> {
  const links = invoices.flatMap(({ invoiceId, lineIds, lines }) =>
    lineIds.flatMap((lineId, i) => lines[i]!.entryIds.map((entryId) => [entryId, lineId, invoiceId])),
  );
  if (!links.length) return;
  await tx.query(
    `UPDATE time_entries t SET invoice_id = v.invoice_id, invoice_line_id = v.line_id, updated_at = now()
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS v(entry_id, line_id, invoice_id)
      WHERE t.id = v.entry_id AND t.invoice_id IS NULL`,
    [links.map((l) => l[0]), links.map((l) => l[1]), links.map((l) => l[2])],
  );
}
