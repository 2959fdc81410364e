import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { badInput, conflict, notFound } from '../../platform/errors.js';
import { boundChangedDate } from '../../graphql/input-guards.js';
import { keysetPage, newestFirst, type PageRequest } from '../../platform/database/keyset-page.js';
import { MailingService, type MailingServiceDeps } from '../email/mailing-service.js';
import { Client } from '../clients/client.entity.js';
import { clientToBill, refuseArchivedDrafts } from '../clients/client-to-bill.js';
import { portalOpenTo } from '../clients/client-portal.js';
import { clientOpenBalances, type ClientOpenBalance } from './client-open-balance.js';
import { invoicePageColumns, withChildren, type InvoicePage, type InvoicePageIncludes } from './invoice-page.js';
import { invoiceEmail, invoiceMailFacts } from '../email/email-templates.js';
import { Organization } from '../organizations/organization.entity.js';
import type { PaymentProviders } from '../payments/payment-provider.js';
import { TimeEntryService } from '../time-entries/time-entry.service.js';
import { TimeEntry } from '../time-entries/time-entry.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import { Invoice } from './invoice.entity.js';
import { addDays, invoiceTotals, lineAmounts } from './invoice-math.js';
import { applyFilter, applyScope, type InvoiceFilter, type InvoiceScope } from './invoice-query.js';
import {
  applyDerived,
  countLines,
  invoiceKey,
  lockInvoice,
  lockInvoices,
  saveDerived,
  saveSendStates,
} from './invoice-state.js';
import { InvoiceStatus, paidTowards } from './invoice-status.js';
import { orgToday } from '../organizations/org-today.js';
import { todayIn } from '../../platform/time-zone.js';
import { assertDueDateInRange, assertTotals, createDraftInvoice } from './invoice-writer.js';
import type { DraftPatch, ManualDraftInput, SendOptions, VoidOptions } from './invoice-commands.types.js';
import { renderMemo } from './memo-template.js';
import { assertDistinctLineIds, assertLine, assertOwnServices, replaceDraftLines } from './invoice-draft-lines.js';

export class InvoiceService extends MailingService {
  constructor(
    deps: MailingServiceDeps,
    /** Online payment providers: the pay link an invoice email offers. */
    private readonly providers: PaymentProviders,
  ) {
    super(deps);
  }

  portalUrl(invoiceId: string): string {
    return `${this.publicUrl}/portal/invoices/${invoiceId}`;
  }

  /** One page of the invoices `scope` may see, newest first, with their lines and clients when asked. */
  async list(
    scope: InvoiceScope,
    filter: InvoiceFilter,
    page: PageRequest,
    include: InvoicePageIncludes = {},
  ): Promise<InvoicePage> {
    const qb = this.db.getRepository(Invoice).createQueryBuilder('i');
    applyScope(qb, scope);
    // Only a status filter asks what is overdue, as of today on the org's wall.
    const today = filter.status?.length ? await orgToday(this.db, scope.orgId, this.now()) : '';
    applyFilter(qb, filter, today);
    const limits = { orgId: scope.orgId, max: 200, fallback: 25 };
    const rows = await keysetPage(qb, newestFirst(), page, limits, invoicePageColumns(this.db, include));
    return withChildren(this.db, rows, include);
  }

  /** What these clients owe per currency over all their open invoices `scope` may see. */
  async openBalances(scope: InvoiceScope, clientIds: readonly string[]): Promise<Map<string, ClientOpenBalance[]>> {
    return clientOpenBalances(this.db, scope, clientIds, await orgToday(this.db, scope.orgId, this.now()));
  }

  async get(scope: InvoiceScope, id: string): Promise<Invoice> {
    const qb = this.db.getRepository(Invoice).createQueryBuilder('i');
    applyScope(qb, scope);
    const invoice = await qb.andWhere('i.id = :id', { id }).getOne();
    if (!invoice) throw notFound('Invoice');
    return invoice;
  }

  findByPublicToken(token: string): Promise<Invoice | null> {
    return this.db.getRepository(Invoice).findOneBy({ publicToken: token });
  }

  linesFor(orgId: string, invoiceIds: readonly string[]): Promise<InvoiceLine[]> {
    return this.db
      .getRepository(InvoiceLine)
      .find({ where: { orgId, invoiceId: In([...invoiceIds]) }, order: { position: 'ASC' } });
  }

  /** A draft with hand-written or catalog lines, outside time-based generation. */
  async createDraft(orgId: string, actor: Actor, input: ManualDraftInput): Promise<Invoice> {
    return this.db.transaction((tx) => this.createDraftIn(tx, orgId, actor, input));
  }

  /** `createDraft` inside the caller's transaction. */
  async createDraftIn(tx: EntityManager, orgId: string, actor: Actor, input: ManualDraftInput): Promise<Invoice> {
    input.lines.forEach((l, i) => assertLine(l, i));
    assertTotals(invoiceTotals(input.lines.map((l) => lineAmounts(l))));
    const client = await clientToBill(tx, orgId, input.clientId, { field: 'clientId', doing: 'invoicing it' });
    await assertOwnServices(tx, orgId, input.lines);
    const org = await tx.findOneByOrFail(Organization, { id: orgId });
    const issueDate = input.issueDate ?? todayIn(org.timeZone, this.now());
    const dueDate = input.dueDate ?? addDays(issueDate, client.daysUntilDue ?? org.daysUntilDue);
    assertDueDateInRange(dueDate);
    if (dueDate < issueDate) throw badInput('dueDate', 'The due date is before the issue date');
    const { invoice } = await createDraftInvoice(tx, this.audit, actor, {
      org,
      client,
      issueDate,
      dueDate,
      periodStart: null,
      periodEnd: null,
      notes: input.notes,
      lines: input.lines,
      memo: (due, number) =>
        renderMemo(client.memoTemplate ?? org.memoTemplate, {
          client_name: client.name,
          invoice_number: number,
          due_date: due,
          org_name: org.name,
          period_start: issueDate,
          period_end: issueDate,
        }),
    });
    await this.events.emit(tx, 'invoice.created', { orgId, actor, invoice });
    return invoice;
  }

  async updateDraft(orgId: string, actor: Actor, id: string, patch: DraftPatch): Promise<Invoice> {
    patch.lines?.forEach((l, i) => assertLine(l, i));
    if (patch.lines) assertDistinctLineIds(patch.lines);
    if (patch.lines) assertTotals(invoiceTotals(patch.lines.map((l) => lineAmounts(l))));
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status !== InvoiceStatus.DRAFT)
        throw badInput('id', `Invoice ${invoice.number} is ${statusWords(invoice)}; only drafts can be edited`);
      const before = { ...invoice };
      // Sent back as the form read them, the dates of a draft made before the bound are no change.
      boundChangedDate('issueDate', patch.issueDate, invoice.issueDate);
      boundChangedDate('dueDate', patch.dueDate, invoice.dueDate);
      if (patch.notes !== undefined) invoice.notes = patch.notes;
      if (patch.memo !== undefined) invoice.memo = patch.memo;
      if (patch.issueDate !== undefined) invoice.issueDate = patch.issueDate;
      if (patch.dueDate !== undefined) invoice.dueDate = patch.dueDate;
      if (invoice.dueDate < invoice.issueDate) throw badInput('dueDate', 'The due date is before the issue date');
      if (patch.lines) {
        await assertOwnServices(tx, orgId, patch.lines);
        await replaceDraftLines(tx, this.events, orgId, actor, invoice, patch.lines);
      }
      await saveDerived(tx, invoice);
      await this.audit.record(tx, orgId, actor, { type: 'Invoice', id }, 'invoice.draft_updated', before, invoice);
      await this.events.emit(tx, 'invoice.draft-updated', { orgId, actor, invoice });
      return invoice;
    });
  }

  /** Finalizes a draft (numbered lines become immutable) and emails it; on a sent invoice, re-sends the email. */
  async send(orgId: string, actor: Actor, id: string, opts: SendOptions = {}): Promise<Invoice> {
    return this.db.transaction((tx) => this.sendIn(tx, orgId, actor, id, opts));
  }

  /** `send` inside the caller's transaction. */
  async sendIn(tx: EntityManager, orgId: string, actor: Actor, id: string, opts: SendOptions = {}): Promise<Invoice> {
    return (await this.sendManyIn(tx, orgId, actor, [id], opts))[0]!;
  }

  /**
   * `send` for many invoices of one org inside the caller's transaction, in a fixed number of statements
   * however many there are (the billing run finalizes a batch of drafts at once). One that cannot be
   * sent refuses the whole batch, naming its number.
   */
  async sendManyIn(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    ids: string[],
    opts: SendOptions = {},
  ): Promise<Invoice[]> {
    const locked = await lockInvoices(
      tx,
      ids.map((id) => ({ orgId, id })),
    );
    const invoices = ids.map((id) => locked.get(invoiceKey(orgId, id)));
    if (invoices.some((i) => !i)) throw notFound('Invoice');
    const befores = invoices.map((i) => ({ ...i! }));
    const drafts = invoices.filter((i) => i!.status === InvoiceStatus.DRAFT) as Invoice[];
    await refuseArchivedDrafts(tx, orgId, drafts);
    const lineCounts = await countLines(tx, drafts);
    const now = new Date();
    for (const invoice of invoices as Invoice[]) {
      if (invoice.status === InvoiceStatus.VOID) throw badInput('id', `Invoice ${invoice.number} is void`);
      if (invoice.status === InvoiceStatus.DRAFT) {
        if (!lineCounts.get(invoice.id))
          throw badInput('id', `Invoice ${invoice.number} needs at least one line before it can be sent`);
        if (invoice.total < 0)
          throw badInput('id', `The total of invoice ${invoice.number} is negative; issue a credit memo instead`);
        invoice.finalizedAt = now;
      }
      invoice.sentAt = now;
      applyDerived(invoice, now);
    }
    await saveSendStates(tx, invoices as Invoice[]);
    await this.audit.recordMany(
      tx,
      befores.map((before, n) => ({
        orgId,
        actor,
        entity: { type: 'Invoice', id: before.id },
        action: before.status === InvoiceStatus.DRAFT ? 'invoice.sent' : 'invoice.resent',
        before,
        after: invoices[n]!,
      })),
    );
    const destinations = opts.destinations ?? ['EMAIL'];
    if (drafts.length)
      await this.events.emit(tx, 'invoice.finalized', { orgId, actor, invoices: drafts, destinations });
    await this.events.emit(tx, 'invoice.sent', { orgId, actor, invoices: invoices as Invoice[] });
    if (opts.email !== false && destinations.includes('EMAIL'))
      await this.queueInvoiceEmails(tx, orgId, invoices as Invoice[], opts.payLink);
    return invoices as Invoice[];
  }

  /** The invoice emails of many invoices of one org: org, clients and pay links read once for all. */
  private async queueInvoiceEmails(
    tx: EntityManager,
    orgId: string,
    invoices: Invoice[],
    payLink?: boolean,
  ): Promise<void> {
    const org = await tx.findOneByOrFail(Organization, { id: orgId });
    const clients = new Map(
      (await tx.findBy(Client, { orgId, id: In([...new Set(invoices.map((i) => i.clientId))]) })).map((c) => [c.id, c]),
    );
    // An uncollectible invoice is no longer payable online (its pay link refuses): a resend offers no Pay link.
    const payable = invoices.filter(
      (i) =>
        i.balanceDue > 0 &&
        i.status !== InvoiceStatus.UNCOLLECTIBLE &&
        (payLink ?? clients.get(i.clientId)!.emailPayLink ?? org.emailPayLink),
    );
    const urls = new Map((await this.providers.payUrls(tx, orgId, payable)).map((url, n) => [payable[n]!.id, url]));
    await this.email.queueMany(
      tx,
      invoices.map((invoice) => {
        const client = clients.get(invoice.clientId)!;
        const mail = invoiceEmail({
          ...invoiceMailFacts(org, client, invoice),
          total: invoice.total,
          dueDate: invoice.dueDate,
          memo: invoice.memo,
          viewUrl: portalOpenTo(client) ? this.portalUrl(invoice.id) : null,
          payUrl: urls.get(invoice.id) ?? null,
        });
        return { orgId, mail: { kind: 'invoice', to: client.billingEmail, relatedId: invoice.id, ...mail } };
      }),
    );
  }

  async void(orgId: string, actor: Actor, id: string, opts: VoidOptions = {}): Promise<Invoice> {
    return this.db.transaction((tx) => this.voidIn(tx, orgId, actor, id, opts));
  }

  /** void in the caller's transaction; `opts.payments` says what became of the money on it (for the audit trail). */
  async voidIn(tx: EntityManager, orgId: string, actor: Actor, id: string, opts: VoidOptions = {}): Promise<Invoice> {
    const invoice = await lockInvoice(tx, orgId, id);
    if (invoice.status === InvoiceStatus.VOID) {
      // Voided before and its time kept: answering VOID would read as released. (Released, or none: a retry.)
      if (opts.releaseTimeEntries && (await tx.countBy(TimeEntry, { orgId, invoiceId: id })))
        throw badInput(
          'releaseTimeEntries',
          `Invoice ${invoice.number} was voided with its time kept on it: an admin releases it with "Release time" (releaseVoidedInvoiceTime)`,
        );
      return invoice;
    }
    // Money paid on it is refunded or credited, never voided away. One settled by credit alone (the client's
    // credit spent on it, a memo) holds no money: voided, the client's credit it spent goes back to them.
    // (A zero invoice is left alone: it may have turned a contract's unused time into client credit.)
    if (invoice.status === InvoiceStatus.PAID && (paidTowards(invoice) > 0 || invoice.amountCredited === 0))
      throw conflict(`Invoice ${invoice.number} is paid; refund or credit it instead of voiding`);
    const before = { ...invoice };
    invoice.voidedAt = new Date();
    // A draft that was never sent still gets finalized-as-void so its number stays accounted for.
    invoice.finalizedAt ??= invoice.voidedAt;
    await saveDerived(tx, invoice);
    const released = opts.releaseTimeEntries ? await TimeEntryService.release(tx, orgId, id) : 0;
    await this.audit.record(tx, orgId, actor, { type: 'Invoice', id }, 'invoice.voided', before, {
      ...invoice,
      releasedTimeEntries: released,
      ...(opts.payments && { payments: opts.payments }),
    });
    await this.events.emit(tx, 'invoice.voided', {
      orgId,
      actor,
      invoice,
      releaseBilledWork: !!opts.releaseTimeEntries,
    });
    return invoice;
  }

  /**
   * Puts back up for invoicing what an invoice voided with its time kept still holds: its time entries and
   * the contract periods it charges, as voiding with `releaseTimeEntries` would have. Once: a repeat (a
   * retry, a second click) answers the invoice and releases nothing; an invoice that is not void, or holds
   * nothing and never released any here, is refused, naming why.
   */
  async releaseVoidedWork(orgId: string, actor: Actor, id: string): Promise<Invoice> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status !== InvoiceStatus.VOID)
        throw badInput(
          'invoiceId',
          `Invoice ${invoice.number} is not void (it is ${statusWords(invoice)}): only a void invoice's time is released`,
        );
      const [held] = (await tx.query(
        `SELECT (SELECT count(*)::int FROM time_entries WHERE org_id = $1 AND invoice_id = $2) AS time,
                EXISTS (SELECT 1 FROM contract_charges WHERE org_id = $1 AND invoice_id = $2) AS periods,
                EXISTS (SELECT 1 FROM audit_events WHERE org_id = $1 AND entity_type = 'Invoice' AND entity_id = $2
                          AND action = $3) AS released`,
        [orgId, id, VOIDED_WORK_RELEASED],
      )) as Array<{ time: number; periods: boolean; released: boolean }>;
      if (!held!.time && !held!.periods) {
        if (held!.released) return invoice;
        throw badInput(
          'invoiceId',
          `Invoice ${invoice.number} holds no time or contract periods to release: it was voided with them put back up for invoicing, or billed none`,
        );
      }
      const released = await TimeEntryService.release(tx, orgId, id);
      await this.audit.record(tx, orgId, actor, { type: 'Invoice', id }, VOIDED_WORK_RELEASED, null, {
        releasedTimeEntries: released,
      });
      await this.events.emit(tx, 'invoice.voided-work-released', { orgId, actor, invoice });
      return invoice;
    });
  }

  async markUncollectible(orgId: string, actor: Actor, id: string): Promise<Invoice> {
    return this.db.transaction(async (tx) => {
      const invoice = await lockInvoice(tx, orgId, id);
      if (invoice.status !== InvoiceStatus.SENT && invoice.status !== InvoiceStatus.PARTIALLY_PAID) {
        throw badInput(
          'id',
          `Only open invoices can be marked uncollectible; ${invoice.number} is ${statusWords(invoice)}`,
        );
      }
      const before = { ...invoice };
      invoice.uncollectibleAt = new Date();
      await saveDerived(tx, invoice);
      const action = 'invoice.marked_uncollectible';
      await this.audit.record(tx, orgId, actor, { type: 'Invoice', id }, action, before, invoice);
      await this.events.emit(tx, 'invoice.marked-uncollectible', { orgId, actor, invoice });
      return invoice;
    });
  }

  byIds(orgId: string, ids: readonly string[]): Promise<Invoice[]> {
    return this.db.getRepository(Invoice).findBy({ orgId, id: In([...ids]) });
  }
}

/** An invoice's status as a person says it: "partially paid", not PARTIALLY_PAID. */
const statusWords = (invoice: Pick<Invoice, 'status'>) => invoice.status.toLowerCase().replace(/_/g, ' ');

/** The audit action of releaseVoidedWork (one per invoice: a repeat finds it and releases nothing). */
const VOIDED_WORK_RELEASED = 'invoice.voided_work_released';
