import { IsNull } from 'typeorm';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { MANAGER_ROLES, requireStaff } from '../../graphql/guards.js';
import { badInput } from '../../platform/errors.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { quickBooksOf } from './quickbooks.module.js';
import { QuickBooksException, QuickBooksWebhookEvent } from './quickbooks.entities.js';
import { QuickBooksConnectionView, QuickBooksMappingInput, QuickBooksRef } from './quickbooks.types.js';

async function view(ctx: GraphQLContext, orgId: string): Promise<QuickBooksConnectionView> {
  const qb = quickBooksOf(ctx.container);
  const s = qb.connections.settings;
  const c = await qb.connections.find(orgId);
  return {
    configured: s.configured, sandbox: Boolean(s.apiUrl), status: c?.status ?? 'DISCONNECTED', realmId: c?.realmId ?? null,
    companyName: c?.companyName ?? null, connectedAt: c?.status === 'CONNECTED' ? c.connectedAt : null, lastError: c?.lastError ?? null,
    mapping: c?.status === 'CONNECTED' ? await qb.mapping.effective(c) : null,
  };
}

async function provider(ctx: GraphQLContext, orgId: string) {
  const qb = quickBooksOf(ctx.container);
  qb.connections.assertConfigured();
  const c = await qb.connections.connected(orgId);
  if (!c) throw badInput('quickbooks', 'Connect QuickBooks first');
  return { qb, c, provider: qb.connections.provider(c) };
}

@Resolver()
export class QuickBooksResolver {
  @Query(() => QuickBooksConnectionView)
  quickBooksConnection(@Ctx() ctx: GraphQLContext) {
    return view(ctx, requireStaff(ctx).orgId);
  }

  @Mutation(() => String, { description: 'The Intuit consent URL to send the admin to. Its state is single use, expires in 10 minutes and only completes in the same signed-in session.' })
  quickBooksAuthorizeUrl(@Ctx() ctx: GraphQLContext) {
    const { orgId, actor } = requireStaff(ctx, MANAGER_ROLES, { usersOnly: true });
    return quickBooksOf(ctx.container).connections.authorizeUrl(orgId, actor.id!);
  }

  @Mutation(() => QuickBooksConnectionView, { description: 'Revokes the tokens at Intuit and forgets them.' })
  async disconnectQuickBooks(@Ctx() ctx: GraphQLContext) {
    const { orgId } = requireStaff(ctx, MANAGER_ROLES, { usersOnly: true });
    await quickBooksOf(ctx.container).connections.disconnect(orgId);
    return view(ctx, orgId);
  }

  @Mutation(() => QuickBooksConnectionView)
  async updateQuickBooksMapping(@Arg('input', () => QuickBooksMappingInput) input: QuickBooksMappingInput, @Ctx() ctx: GraphQLContext) {
    const { orgId } = requireStaff(ctx, MANAGER_ROLES);
    const { qb, c, provider: p } = await provider(ctx, orgId);
    await qb.mapping.update(c, p, input);
    return view(ctx, orgId);
  }

  @Query(() => [QuickBooksRef], { description: 'Service items in the connected company.' })
  async quickBooksItems(@Ctx() ctx: GraphQLContext) {
    return (await provider(ctx, requireStaff(ctx).orgId)).provider.listItems();
  }

  @Query(() => [QuickBooksRef], { description: 'Accounts in the connected company (Income, Expense, Bank, …).' })
  async quickBooksAccounts(@Ctx() ctx: GraphQLContext) {
    return (await provider(ctx, requireStaff(ctx).orgId)).provider.listAccounts();
  }

  @Mutation(() => Invoice, { description: 'Queues the invoice for QuickBooks (once; later edits follow it).' })
  sendInvoiceToQuickBooks(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).sendInvoice(requireStaff(ctx).orgId, id);
  }

  @Mutation(() => Invoice, { description: 'Has QuickBooks email the invoice to the client (pushing it first if needed).' })
  emailInvoiceViaQuickBooks(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).emailInvoice(requireStaff(ctx).orgId, id);
  }

  @Query(() => [QuickBooksException], { description: 'Sync failures a person must resolve, newest first.' })
  quickBooksExceptions(@Arg('includeResolved', () => Boolean, { defaultValue: false }) includeResolved: boolean, @Ctx() ctx: GraphQLContext) {
    const { orgId } = requireStaff(ctx);
    return ctx.container.db.getRepository(QuickBooksException).find({
      where: includeResolved ? { orgId } : { orgId, resolvedAt: IsNull() }, order: { createdAt: 'DESC' }, take: 200,
    });
  }

  @Mutation(() => QuickBooksException, { description: 'Marks an exception handled without retrying.' })
  resolveQuickBooksException(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const { orgId, actor } = requireStaff(ctx);
    return quickBooksOf(ctx.container).runner.resolveException(orgId, id, actor.label);
  }

  @Mutation(() => QuickBooksException, { description: 'Queues the failed operation again and resolves the exception.' })
  retryQuickBooksException(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    const { orgId, actor } = requireStaff(ctx);
    return quickBooksOf(ctx.container).runner.retryException(orgId, id, actor.label);
  }

  @Query(() => [QuickBooksWebhookEvent], { description: 'Recent QuickBooks notifications for the connected company.' })
  async quickBooksWebhookEvents(@Arg('first', () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: GraphQLContext) {
    const { orgId } = requireStaff(ctx);
    const c = await quickBooksOf(ctx.container).connections.find(orgId);
    if (!c?.realmId) return [];
    return ctx.container.db.getRepository(QuickBooksWebhookEvent).createQueryBuilder('e')
      .where(':realm = ANY(e.realm_ids)', { realm: c.realmId }).orderBy('e.received_at', 'DESC').limit(Math.min(Math.max(first, 1), 500)).getMany();
  }
}
