import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { affected, orgRowsWhere, withinDates } from '../../platform/database/sql.js';
import { badInput, forbidden, notFound } from '../../platform/errors.js';
import { boundChangedDate } from '../../graphql/input-guards.js';
import type { AuditService } from '../audit/audit.service.js';
import { User } from '../auth/user.entity.js';
import { Service } from '../catalog/service.entity.js';
import { Client } from '../clients/client.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { keysetPage, type PageRequest } from '../../platform/database/keyset-page.js';
import { TimeEntry, TimeEntryStatus } from './time-entry.entity.js';

export interface LogTimeInput {
  ticketId: string;
  serviceId: string;
  technicianId: string;
  workDate: string;
  minutes: number;
  note?: string;
  billable?: boolean;
  rateOverride?: number | null;
  /** The currency `rateOverride` is in (ISO 4217); omitted: the client's, as it stands when the entry is written. */
  rateOverrideCurrency?: string | null;
  submit?: boolean;
}

/** What a technician may change on an entry not yet approved; absent fields stay as they are. */
export type TimeEntryChanges = Partial<
  Pick<LogTimeInput, 'ticketId' | 'serviceId' | 'workDate' | 'minutes' | 'note' | 'billable'>
> & {
  submit?: boolean;
};

export interface TimeEntryFilter {
  status?: TimeEntryStatus;
  clientId?: string;
  technicianId?: string;
  /** Worked on (dates inclusive). */
  worked?: { from?: string; to?: string };
  uninvoicedOnly?: boolean;
}

/** Time entry workflow: DRAFT → SUBMITTED → APPROVED / REJECTED (with a reason); rejected entries can be resubmitted. */
export class TimeEntryService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async log(orgId: string, actor: Actor, input: LogTimeInput): Promise<TimeEntry> {
    return this.db.transaction(async (tx) => {
      const ticket = await this.ticketOf(tx, orgId, input.ticketId);
      // Held FOR SHARE until the entry commits: the client cannot be archived, nor its currency change, under
      // it. A currency change that got there first is seen here (the change refuses while unbilled time
      // carries a rate of its own, so the rate stays in the currency the client is billed in).
      const client = await this.activeClientOf(tx, orgId, ticket.clientId, 'ticketId');
      if (input.rateOverride != null && input.rateOverrideCurrency) {
        const currency = input.rateOverrideCurrency.toUpperCase();
        if (currency !== client.currency)
          throw badInput(
            'rateOverrideCurrency',
            `The rate is in ${currency}, and ${client.name} is billed in ${client.currency}: give the rate in ${client.currency}`,
          );
      }
      const service = await this.activeServiceOf(tx, orgId, input.serviceId);
      if (!(await tx.countBy(User, { orgId, id: input.technicianId })))
        throw badInput('technicianId', 'No such technician in this organization');
      // `submit` and the rate's currency are requests, not columns; the ids are stored as the database spells them.
      const { submit, rateOverrideCurrency: _currency, ...fields } = input;
      const entry = await tx.save(TimeEntry, {
        ...fields,
        orgId,
        clientId: ticket.clientId,
        ticketId: ticket.id,
        serviceId: service.id,
        note: input.note ?? '',
        billable: input.billable ?? true,
        rateOverride: input.rateOverride ?? null,
        status: submit ? TimeEntryStatus.SUBMITTED : TimeEntryStatus.DRAFT,
      } as TimeEntry);
      await this.audit.record(tx, orgId, actor, { type: 'TimeEntry', id: entry.id }, 'time_entry.logged', null, entry);
      return entry;
    });
  }

  private async ticketOf(tx: EntityManager, orgId: string, id: string): Promise<Ticket> {
    const ticket = await tx.findOneBy(Ticket, { orgId, id });
    if (!ticket) throw badInput('ticketId', 'No such ticket in this organization');
    return ticket;
  }

  /**
   * The client time is logged for, held FOR SHARE until the caller commits (so it is neither archived nor
   * given another currency meanwhile); refused while archived, naming it.
   */
  private async activeClientOf(tx: EntityManager, orgId: string, id: string, field: string): Promise<Client> {
    const client = await tx.findOneOrFail(Client, { where: { orgId, id }, lock: { mode: 'pessimistic_read' } });
    if (client.archivedAt)
      throw badInput(field, `Client ${client.name} is archived: restore it before logging time on its tickets`);
    return client;
  }

  /**
   * An entry's own rate is in its client's currency (billing staff set it): on the ticket of a client billed
   * in another, the same number would mean other money (USD 150.00 an hour billed as JPY 15,000).
   */
  private async sameCurrency(tx: EntityManager, orgId: string, entry: TimeEntry, to: Client): Promise<void> {
    const from = await tx.findOneOrFail(Client, {
      where: { orgId, id: entry.clientId },
      lock: { mode: 'pessimistic_read' },
    });
    if (from.currency !== to.currency)
      throw badInput(
        'ticketId',
        `This entry has its own rate in ${from.currency}, and that ticket's client is billed in ${to.currency}: ask billing staff to log it there`,
      );
  }

  private async activeServiceOf(tx: EntityManager, orgId: string, id: string): Promise<Service> {
    const service = await tx.findOneBy(Service, { orgId, id });
    if (!service) throw badInput('serviceId', 'No such service in this organization');
    if (!service.active) throw badInput('serviceId', `Service ${service.code} is archived`);
    return service;
  }

  /**
   * Edits an entry that is not yet approved (DRAFT or REJECTED; a rejected one keeps its reason until it is
   * submitted again, which `submit` does in the same step). `onlyOwnBy`: a technician edits their own time only.
   */
  async update(orgId: string, actor: Actor, id: string, changes: TimeEntryChanges, onlyOwnBy?: string) {
    return this.db.transaction(async (tx) => {
      const entry = await tx.findOne(TimeEntry, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
      if (!entry) throw notFound('Time entry');
      if (onlyOwnBy && entry.technicianId !== onlyOwnBy) throw forbidden('Technicians can only edit their own time');
      const { DRAFT, REJECTED, SUBMITTED } = TimeEntryStatus;
      if (entry.status !== DRAFT && entry.status !== REJECTED)
        throw badInput('id', `A ${entry.status.toLowerCase()} time entry can no longer be edited`);
      const before = { ...entry };
      const { submit, ...fields } = changes;
      boundChangedDate('workDate', fields.workDate, entry.workDate, { happened: true });
      if (fields.ticketId !== undefined) {
        const clientId = (await this.ticketOf(tx, orgId, fields.ticketId)).clientId;
        if (clientId !== entry.clientId) {
          const to = await this.activeClientOf(tx, orgId, clientId, 'ticketId');
          if (entry.rateOverride !== null) await this.sameCurrency(tx, orgId, entry, to);
        }
        entry.clientId = clientId;
      }
      if (fields.serviceId !== undefined) await this.activeServiceOf(tx, orgId, fields.serviceId);
      for (const [key, value] of Object.entries(fields))
        if (value !== undefined) Object.assign(entry, { [key]: value });
      if (submit) Object.assign(entry, { status: SUBMITTED, rejectionReason: null });
      await tx.save(entry);
      await this.audit.record(tx, orgId, actor, { type: 'TimeEntry', id }, 'time_entry.edited', before, entry);
      return entry;
    });
  }

  /**
   * Moves a set of entries together or not at all: one bad id rejects the whole request. Refusals name
   * `field`, the argument the caller gave the ids in, and an entry by its day and minutes (what a person
   * sees in the list), not by its id.
   */
  private async transition(
    orgId: string,
    actor: Actor,
    ids: string[],
    from: TimeEntryStatus[],
    set: Partial<TimeEntry>,
    action: string,
    onlyOwnBy?: string,
    field = 'ids',
  ): Promise<TimeEntry[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) throw badInput(field, 'Give at least one time entry id');
    return this.db.transaction(async (tx) => {
      const entries = await tx.find(TimeEntry, {
        where: { orgId, id: In(unique) },
        lock: { mode: 'pessimistic_write' },
        order: { id: 'ASC' },
      });
      const missing = unique.filter((id) => !entries.some((e) => e.id === id));
      if (missing.length) throw badInput(field, `Unknown time entry id(s): ${missing.join(', ')}`);
      const done = action.slice(action.indexOf('.') + 1);
      for (const e of entries) {
        if (onlyOwnBy && e.technicianId !== onlyOwnBy) throw forbidden('Technicians can only submit their own time');
        const entry = `The time entry of ${e.workDate} (${e.minutes} min)`;
        if (!from.includes(e.status))
          throw badInput(
            field,
            `${entry} is ${e.status.toLowerCase()}: only ${from.map((f) => f.toLowerCase()).join(' or ')} time can be ${done}. Refresh the list`,
          );
        if (e.invoiceId) throw badInput(field, `${entry} is on an invoice already`);
      }
      for (const e of entries) {
        const before = { ...e };
        Object.assign(e, set);
        await tx.save(e);
        await this.audit.record(tx, orgId, actor, { type: 'TimeEntry', id: e.id }, action, before, e);
      }
      return entries;
    });
  }

  submit(orgId: string, actor: Actor, ids: string[], onlyOwnBy?: string) {
    const { DRAFT, REJECTED, SUBMITTED } = TimeEntryStatus;
    const set = { status: SUBMITTED, rejectionReason: null };
    return this.transition(orgId, actor, ids, [DRAFT, REJECTED], set, 'time_entry.submitted', onlyOwnBy);
  }

  approve(orgId: string, actor: Actor, ids: string[]) {
    const { SUBMITTED, APPROVED } = TimeEntryStatus;
    const set = { status: APPROVED, approvedBy: actor.id, approvedAt: new Date() };
    return this.transition(orgId, actor, ids, [SUBMITTED], set, 'time_entry.approved');
  }

  /** `field`: the argument the ids came in (rejectTimeEntry's one entry is `id`). */
  reject(orgId: string, actor: Actor, ids: string[], reason: string, field = 'ids') {
    const { SUBMITTED, APPROVED, REJECTED } = TimeEntryStatus;
    const set = { status: REJECTED, rejectionReason: reason, approvedAt: null, approvedBy: null };
    return this.transition(orgId, actor, ids, [SUBMITTED, APPROVED], set, 'time_entry.rejected', undefined, field);
  }

  async get(orgId: string, id: string): Promise<TimeEntry> {
    const e = await this.db.getRepository(TimeEntry).findOneBy({ orgId, id });
    if (!e) throw notFound('Time entry');
    return e;
  }

  /** One page of time entries, latest work date first. */
  list(orgId: string, f: TimeEntryFilter, page: PageRequest) {
    const qb = orgRowsWhere(this.db.getRepository(TimeEntry), 't', orgId, {
      't.status = :v': f.status,
      't.client_id = :v': f.clientId,
      't.technician_id = :v': f.technicianId,
      ...withinDates('t.work_date', f.worked?.from, f.worked?.to),
      't.invoice_id IS NULL': f.uninvoicedOnly,
    });
    return keysetPage(qb, { key: ['workDate', 'work_date'], direction: 'DESC' }, page, {
      orgId,
      max: 1000,
      fallback: 50,
    });
  }

  /** Releases a voided invoice's entries so they can be invoiced again (they stay APPROVED). */
  static release(tx: EntityManager, orgId: string, invoiceId: string): Promise<number> {
    return TimeEntryService.unlink(tx, orgId, 'invoice_id = $2', invoiceId);
  }

  /** Releases the entries billed on a draft's lines being removed, for the next generation. */
  static releaseLines(tx: EntityManager, orgId: string, lineIds: string[]): Promise<number> {
    return TimeEntryService.unlink(tx, orgId, 'invoice_line_id = ANY($2::uuid[])', lineIds);
  }

  /**
   * Takes entries off their invoice. They are locked first, in id order, as approving and rejecting lock
   * them (transition): updated in the order a scan met them, a release and a rejection of the same
   * entries took them in two orders and deadlocked, failing the void or the draft edit.
   */
  private static async unlink(tx: EntityManager, orgId: string, where: string, param: unknown): Promise<number> {
    await tx.query(`SELECT id FROM time_entries WHERE org_id = $1 AND ${where} ORDER BY id FOR NO KEY UPDATE`, [
      orgId,
      param,
    ]);
    return affected(
      tx,
      `UPDATE time_entries SET invoice_id = NULL, invoice_line_id = NULL, updated_at = now() WHERE org_id = $1 AND ${where}`,
      [orgId, param],
    );
  }
}
