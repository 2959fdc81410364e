import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, Staff, type StaffAccess } from '../../graphql/guards.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { quickBooksOf } from './quickbooks.integration.js';
import { QuickBooksException, QuickBooksWebhookEvent } from './quickbooks.entities.js';
import {
  QuickBooksConnectionView,
  QuickBooksMappingInput,
  QuickBooksRef,
  QuickBooksTaxCode,
} from './quickbooks.types.js';

@Resolver()
export class QuickBooksResolver {
  @Query(() => QuickBooksConnectionView)
  quickBooksConnection(@OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).admin.connectionView(orgId);
  }

  @Mutation(() => String, {
    description:
      'The Intuit consent URL to send the admin to. Its state is single use, expires in 10 minutes and only completes in the same signed-in session.',
  })
  quickBooksAuthorizeUrl(@Staff() { orgId, actor }: StaffAccess, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).connections.authorizeUrl(orgId, actor.id!);
  }

  @Mutation(() => QuickBooksConnectionView, { description: 'Revokes the tokens at Intuit and forgets them.' })
  disconnectQuickBooks(@OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).admin.disconnect(orgId);
  }

  @Mutation(() => QuickBooksConnectionView)
  updateQuickBooksMapping(
    @Arg('input', () => QuickBooksMappingInput) input: QuickBooksMappingInput,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return quickBooksOf(ctx.container).admin.updateMapping(orgId, input);
  }

  @Query(() => [QuickBooksRef], { description: 'Service items in the connected company.' })
  quickBooksItems(@OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).admin.items(orgId);
  }

  @Query(() => [QuickBooksTaxCode], { description: 'Sales tax codes in the connected company.' })
  quickBooksTaxCodes(@OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).admin.taxCodes(orgId);
  }

  @Query(() => [QuickBooksRef], { description: 'Accounts in the connected company (Income, Expense, Bank, …).' })
  quickBooksAccounts(@OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).admin.accounts(orgId);
  }

  @Mutation(() => Invoice, { description: 'Queues the invoice for QuickBooks (once; later edits follow it).' })
  sendInvoiceToQuickBooks(@Arg('id', () => ID) id: string, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).sendInvoice(orgId, id);
  }

  @Mutation(() => Invoice, {
    description: 'Has QuickBooks email the invoice to the client (pushing it first if needed).',
  })
  emailInvoiceViaQuickBooks(@Arg('id', () => ID) id: string, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return quickBooksOf(ctx.container).emailInvoice(orgId, id);
  }

  @Query(() => [QuickBooksException], { description: 'Sync failures a person must resolve, newest first.' })
  quickBooksExceptions(
    @Arg('includeResolved', () => Boolean, { defaultValue: false }) includeResolved: boolean,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return quickBooksOf(ctx.container).admin.exceptions(orgId, includeResolved);
  }

  @Mutation(() => QuickBooksException, { description: 'Marks an exception handled without retrying.' })
  resolveQuickBooksException(@Arg('id', () => ID) id: string, @Staff() { orgId, actor, container }: StaffAccess) {
    return quickBooksOf(container).runner.resolveException(orgId, id, actor.label);
  }

  @Mutation(() => QuickBooksException, { description: 'Queues the failed operation again and resolves the exception.' })
  retryQuickBooksException(@Arg('id', () => ID) id: string, @Staff() { orgId, actor, container }: StaffAccess) {
    return quickBooksOf(container).runner.retryException(orgId, id, actor.label);
  }

  @Query(() => [QuickBooksWebhookEvent], { description: 'Recent QuickBooks notifications for the connected company.' })
  quickBooksWebhookEvents(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return quickBooksOf(ctx.container).admin.webhookEvents(orgId, Math.min(Math.max(first, 1), 500));
  }
}
