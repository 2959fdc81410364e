import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import { selects } from '../../graphql/selection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { invoiceScopeFor, Staff, VisibleInvoices, type StaffAccess } from '../../graphql/guards.js';
import { createLoaders } from '../../graphql/loaders.js';
import { filterAsyncIterable, leadWithAsyncIterable } from '../../graphql/subscription-execution.js';
import type { InvoiceUpdatedEvent } from '../../platform/events/invoice-events.js';
import { badInput } from '../../platform/errors.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { IdempotentCall, type Idempotent } from '../idempotency/idempotent.decorator.js';
import { storedEntity, storedRecord } from '../idempotency/stored-result.js';
import { Client } from '../clients/client.entity.js';
import { CreditMemo, Payment } from '../payments/payment.entity.js';
import { inPaymentOrder, PaymentOrder } from '../payments/payment.service.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceLine } from './invoice-line.entity.js';
import type { InvoiceScope } from './invoice-query.js';
import { toConnection } from '../../graphql/connection.js';
import { invoiceEvent } from './invoice-state.js';
import { displayStatus, InvoiceDisplayStatus, isOverdue, reportedBalanceDue } from './invoice-status.js';
import { GenerateInvoicesInput, GenerateInvoicesResult } from './invoice-generation.types.js';
import { InvoiceDestination } from './invoice-destination.js';
import {
  CreateInvoiceInput,
  InvoiceConnection,
  InvoicePageArgs,
  InvoiceUpdate,
  UpdateDraftInvoiceInput,
  VoidPaymentsInput,
} from './invoice.types.js';

const invoiceForEvent = new WeakMap<InvoiceUpdatedEvent, Promise<Invoice>>();
/** What an idempotency key keeps of these mutations' results: the invoices' ids (and why clients were skipped). */
const storedInvoice = storedEntity(Invoice);
const storedGeneration = storedRecord<GenerateInvoicesResult>({ invoices: [Invoice], skipped: 'value' });

@Resolver(() => Invoice)
export class InvoiceResolver {
  @Query(() => InvoiceConnection, {
    description:
      'Invoices the caller may see; portal users see only those sent to their client (never a draft, nor a draft voided unsent).',
  })
  async invoices(
    @Args(() => InvoicePageArgs) args: InvoicePageArgs,
    @VisibleInvoices() scope: InvoiceScope,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<InvoiceConnection> {
    const node = (field: string) => selects(info, `edges.node.${field}`) || selects(info, `nodes.${field}`);
    const include = { lines: node('lines'), client: node('client') };
    const page = await ctx.container.invoices.list(scope, { ...(args.filter ?? {}) }, args, include);
    // The lines and clients came with the page: the field resolvers' loaders answer them without a query.
    page.nodes.forEach((inv, i) => {
      if (page.lines) ctx.loaders.linesByInvoice.prime(inv.id, page.lines[i]!);
      const client = page.clients?.[i];
      if (client) ctx.loaders.client.prime(inv.clientId, client);
    });
    return toConnection(page);
  }

  @Query(() => Invoice, {
    description: "One invoice (staff: any of the org's; portal users: those sent to their client).",
  })
  invoice(
    @IdArg('id', 'The invoice.') id: string,
    @VisibleInvoices() scope: InvoiceScope,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Invoice> {
    return ctx.container.invoices.get(scope, id);
  }

  @Mutation(() => GenerateInvoicesResult, {
    description: 'One DRAFT invoice per client from approved, un-invoiced time in the period.',
  })
  generateInvoices(
    @InputArg(() => GenerateInvoicesInput, 'Which clients and period to bill.')
    input: GenerateInvoicesInput,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    // One transaction per client: the key is held IN_PROGRESS while they run.
    return once.around(storedGeneration, () => container.generation.generate(orgId, actor, input));
  }

  @Mutation(() => Invoice, { description: 'A DRAFT invoice with manual or catalog lines.' })
  createInvoice(
    @InputArg(() => CreateInvoiceInput, 'The draft: client, dates and lines.')
    input: CreateInvoiceInput,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    const draft = { ...input, lines: input.lines.map(toDraftLine) };
    return once.inTransaction(storedInvoice, (tx) => container.invoices.createDraftIn(tx, orgId, actor, draft));
  }

  @Mutation(() => Invoice, {
    description: 'Changes a draft invoice: its dates, memo, notes and lines (lines given replace the old ones).',
  })
  updateDraftInvoice(
    @IdArg('id', 'The draft.') id: string,
    @InputArg(() => UpdateDraftInvoiceInput, 'What to change; fields left out keep their value.')
    input: UpdateDraftInvoiceInput,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return container.invoices.updateDraft(orgId, actor, id, { ...input, lines: input.lines?.map(toDraftLine) });
  }

  @Mutation(() => Invoice, {
    description: 'Finalizes a draft and emails it (EMAIL destination); integrations add STRIPE and QUICKBOOKS.',
  })
  async sendInvoice(
    @IdArg('id', 'The invoice to send (a draft is finalized first).') id: string,
    @OptionalArg(
      'destinations',
      () => [InvoiceDestination],
      "Where it goes; omitted: EMAIL plus each connected integration's own setting.",
    )
    destinations: InvoiceDestination[] | undefined,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    const opts = { destinations: destinations ?? undefined };
    // Each send (and resend) may email the client: a few an hour per invoice. A retry with the key of a
    // send that completed sends nothing and is answered with it: it spends none of them.
    if (!(await once.answered())) await container.rateLimits.check('invoiceSend', { target: `${orgId}:${id}` });
    return once.inTransaction(storedInvoice, (tx) => container.invoices.sendIn(tx, orgId, actor, id, opts));
  }

  @Mutation(() => Invoice, {
    description: 'Voids an invoice: it is no longer owed; payments already on it are handled as asked.',
  })
  voidInvoice(
    @IdArg('id', 'The invoice to void.') id: string,
    @Arg('releaseTimeEntries', () => Boolean, {
      defaultValue: false,
      description: 'Put its time, and the contract periods it charges, back up for invoicing.',
    })
    release: boolean,
    @OptionalArg('payments', () => VoidPaymentsInput, 'Required when money is paid on the invoice: what becomes of it.')
    payments: VoidPaymentsInput | undefined,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return container.refunds.voidInvoice(orgId, actor, id, { releaseTimeEntries: release, payments });
  }

  @Mutation(() => Invoice, {
    description:
      'Puts the time (and contract periods) a void invoice kept back up for invoicing, when it was voided without releasing them. Admins only; a repeat releases nothing and answers the invoice.',
  })
  releaseVoidedInvoiceTime(
    @IdArg('invoiceId', 'The void invoice.') invoiceId: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return container.invoices.releaseVoidedWork(orgId, actor, invoiceId);
  }

  @Mutation(() => Invoice, {
    description:
      'Marks a sent invoice uncollectible: no longer payable online; the balance stays owed and can still be recorded by hand.',
  })
  markInvoiceUncollectible(@IdArg('id', 'The invoice.') id: string, @Staff() { orgId, actor, container }: StaffAccess) {
    return container.invoices.markUncollectible(orgId, actor, id);
  }

  @Subscription(() => InvoiceUpdate, {
    description:
      'Fires when an invoice the subscriber may see is created or changes status or balance; without invoiceId or clientId, for every such invoice of the org (staff lists and dashboard).',
    subscribe: async ({ args, context }) => {
      const ctx = context as GraphQLContext;
      // The access table let the subscriber in; the scope is what of it they may see.
      const scope = invoiceScopeFor(ctx.principal);
      if (args.current && !args.invoiceId)
        throw badInput('current', 'current needs an invoiceId: it sends that invoice as it is now');
      const { pubsub, invoices } = ctx.container;
      const updates = filterAsyncIterable(
        pubsub.subscribe('INVOICE_UPDATED'),
        (e: InvoiceUpdatedEvent) =>
          e.orgId === scope.orgId &&
          (!scope.clientId || e.clientId === scope.clientId) &&
          (!scope.issuedOnly || e.issued) &&
          (!args.invoiceId || e.invoiceId === args.invoiceId) &&
          (!args.clientId || e.clientId === args.clientId),
      );
      if (!args.current) return updates;
      // Listening before reading: a change committed before the read is in it, one after is pushed.
      return leadWithAsyncIterable(updates, async () => {
        const invoice = await invoices.get(scope, args.invoiceId as string);
        const event = invoiceEvent(invoice);
        invoiceForEvent.set(event, Promise.resolve(invoice));
        return event;
      });
    },
  })
  async invoiceUpdated(
    @Root() event: InvoiceUpdatedEvent,
    @OptionalArg('invoiceId', () => ID, 'Only this invoice.') _invoiceId: string | undefined,
    @OptionalArg('clientId', () => ID, 'Only invoices of this client.')
    _clientId: string | undefined,
    @Arg('current', () => Boolean, {
      defaultValue: false,
      description:
        'With invoiceId: first send the invoice as it is once the subscription listens, so a change between a query and its subscription (or while a socket reconnected) is never missed.',
    })
    _current: boolean,
    @Ctx() ctx: GraphQLContext,
  ): Promise<InvoiceUpdate> {
    // graphql-ws builds one context per subscription, so batch loaders would otherwise serve lines,
    // payments and client as they were at the first event: each event gets fresh ones.
    ctx.loaders = createLoaders(ctx.container, event.orgId);
    // One event fans out to every subscriber; visibility was checked in the filter, so all of them can
    // share a single read of the invoice instead of one query each.
    let invoice = invoiceForEvent.get(event);
    if (!invoice) {
      invoice = ctx.container.invoices.get({ orgId: event.orgId }, event.invoiceId);
      invoiceForEvent.set(event, invoice);
    }
    return { invoiceId: event.invoiceId, clientId: event.clientId, invoice: await invoice };
  }

  @FieldResolver(() => Client, { description: 'The client billed.' })
  async client(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext): Promise<Client> {
    return (await ctx.loaders.client.load(inv.clientId))!;
  }

  @FieldResolver(() => [InvoiceLine], { description: 'Its lines, in order.' })
  lines(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.linesByInvoice.load(inv.id);
  }

  @FieldResolver(() => [Payment], {
    description: 'Payments and refunds recorded against it, oldest recorded first (or as `orderBy` says).',
  })
  async payments(
    @Root() inv: Invoice,
    @Ctx() ctx: GraphQLContext,
    @Arg('orderBy', () => PaymentOrder, {
      nullable: true,
      description:
        'The order, as in the payments list (RECEIVED_NEWEST: as a statement reads); left out: oldest recorded first.',
    })
    orderBy?: PaymentOrder | null,
  ) {
    return inPaymentOrder(await ctx.loaders.paymentsByInvoice.load(inv.id), orderBy);
  }

  @FieldResolver(() => [CreditMemo], { description: 'Credit memos issued against it, oldest first.' })
  creditMemos(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.creditMemosByInvoice.load(inv.id);
  }

  @FieldResolver(() => MoneyScalar, {
    description: 'What the client still owes: 0 on a VOID invoice; on an UNCOLLECTIBLE one, what was written off.',
  })
  balanceDue(@Root() inv: Invoice) {
    return reportedBalanceDue(inv.status, inv.balanceDue);
  }

  @FieldResolver(() => InvoiceDisplayStatus, { description: 'Status as a person sees it, including OVERDUE.' })
  async displayStatus(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext) {
    return displayStatus(inv.status, inv.dueDate, inv.balanceDue, await ctx.loaders.orgToday());
  }

  @FieldResolver(() => Boolean, { description: 'Open with a balance and past its due date.' })
  async isOverdue(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext) {
    return isOverdue(inv.status, inv.dueDate, inv.balanceDue, await ctx.loaders.orgToday());
  }

  @FieldResolver(() => String, { description: 'Where the client views (and pays) this invoice.' })
  portalUrl(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext) {
    return ctx.container.invoices.portalUrl(inv.id);
  }

  @FieldResolver(() => [AuditEvent], { description: 'The audit trail of this invoice, oldest first (staff only).' })
  async timeline(@Root() inv: Invoice, @Ctx() ctx: GraphQLContext) {
    // Staff only: the invoices module's access row says so, and the schema applies it before this runs.
    return ctx.loaders.timelineByInvoice.load(inv.id);
  }
}

function toDraftLine(l: import('./invoice.types.js').InvoiceLineInput) {
  return {
    id: l.id ?? null,
    kind: l.kind,
    description: l.description,
    serviceId: l.serviceId ?? null,
    quantity: l.quantity,
    unitPrice: l.unitPrice,
    discount: l.discount ?? 0,
    taxRateBps: l.taxRateBps ?? 0,
  };
}
