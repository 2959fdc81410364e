import { Args, ArgsType, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IdArg, InputArg } from '../../graphql/args.js';

import { OperationStatus, OpKind } from './quickbooks-operation-kinds.js';
import { Connection, Filter, PageArgs, toConnection } from '../../graphql/connection.js';
import { StaffWith, type StaffCaller } from '../../graphql/guards.js';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { quickBooksOf, type QuickBooksModule } from './quickbooks.integration.js';
import { QuickBooksException, QuickBooksOperation, QuickBooksWebhookEvent } from './quickbooks.entities.js';
import {
  QuickBooksConnectionView,
  QuickBooksMappingInput,
  QuickBooksRef,
  QuickBooksTaxCode,
} from './quickbooks.types.js';

/** `@QuickBooksStaff() { orgId, actor, quickBooks }`: the staff caller the access row admits, and this module's services. */
const QuickBooksStaff = () => StaffWith((c) => ({ quickBooks: quickBooksOf(c), rateLimits: c.rateLimits }));
type QuickBooksStaff = StaffCaller & { quickBooks: QuickBooksModule; rateLimits: RateLimiter };

@ObjectType({
  description: 'A page of QuickBooks notifications, newest first (50 when no size is given, at most 500).',
})
class QuickBooksWebhookEventConnection extends Connection(
  QuickBooksWebhookEvent,
  'QuickBooksWebhookEvent',
  'notifications',
) {}

@ObjectType({
  description: 'A page of outbound QuickBooks operations, newest first (50 when no size is given, at most 500).',
})
class QuickBooksOperationConnection extends Connection(QuickBooksOperation, 'QuickBooksOperation', 'operations') {}

@ArgsType()
class QuickBooksOperationPageArgs extends PageArgs {
  @Filter(() => OperationStatus, 'Only operations in this state.') status?: OperationStatus;
  @Filter(() => OpKind, 'Only operations of this kind.') kind?: OpKind;
}

@ArgsType()
class QuickBooksExceptionPageArgs extends PageArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Resolved exceptions too.' }) includeResolved: boolean;
}

@ObjectType({ description: 'A page of QuickBooks exceptions, newest first (50 when no size is given, at most 500).' })
class QuickBooksExceptionConnection extends Connection(QuickBooksException, 'QuickBooksException', 'exceptions') {}

@Resolver()
export class QuickBooksResolver {
  @Query(() => QuickBooksConnectionView, {
    description: "The org's QuickBooks connection and mapping (never its tokens).",
  })
  quickBooksConnection(@QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff) {
    return quickBooks.admin.connectionView(orgId);
  }

  @Query(() => String, {
    description:
      'The Intuit consent URL to send the admin to. Its state is single use, expires in 10 minutes and only completes in the same signed-in session.',
  })
  quickBooksAuthorizeUrl(@QuickBooksStaff() { orgId, actor, quickBooks }: QuickBooksStaff) {
    return quickBooks.connections.authorizeUrl(orgId, actor.id!);
  }

  @Mutation(() => QuickBooksConnectionView, {
    description:
      'Revokes the tokens at Intuit and forgets them. Returns the connection as `quickBooksConnection` now shows it (DISCONNECTED).',
  })
  disconnectQuickBooks(@QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff) {
    return quickBooks.admin.disconnect(orgId);
  }

  @Mutation(() => QuickBooksConnectionView, {
    description: 'Sets how Settle books invoices, payments and fees in QuickBooks.',
  })
  updateQuickBooksMapping(
    @InputArg(() => QuickBooksMappingInput, 'The mapping.') input: QuickBooksMappingInput,
    @QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.admin.updateMapping(orgId, input);
  }

  @Query(() => [QuickBooksRef], { description: 'Service items in the connected company.' })
  quickBooksItems(@QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff) {
    return quickBooks.admin.items(orgId);
  }

  @Query(() => [QuickBooksTaxCode], { description: 'Sales tax codes in the connected company.' })
  quickBooksTaxCodes(@QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff) {
    return quickBooks.admin.taxCodes(orgId);
  }

  @Query(() => [QuickBooksRef], { description: 'Accounts in the connected company (Income, Expense, Bank, …).' })
  quickBooksAccounts(@QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff) {
    return quickBooks.admin.accounts(orgId);
  }

  @Mutation(() => Invoice, { description: 'Queues the invoice for QuickBooks (once; later edits follow it).' })
  sendInvoiceToQuickBooks(
    @IdArg('id', 'The invoice.') id: string,
    @QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.sendInvoice(orgId, id);
  }

  @Mutation(() => Client, {
    description:
      "Sync to QuickBooks: creates the client's customer there (or finds it by email or name), else brings it up to date with the client's name, email and address.",
  })
  syncClientToQuickBooks(
    @IdArg('id', 'The client.') id: string,
    @QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.syncClient(orgId, id);
  }

  @Mutation(() => Invoice, {
    description: 'Has QuickBooks email the invoice to the client (pushing it first if needed).',
  })
  async emailInvoiceViaQuickBooks(
    @IdArg('id', 'The invoice QuickBooks should email.') id: string,
    @QuickBooksStaff() { orgId, quickBooks, rateLimits }: QuickBooksStaff,
  ) {
    await rateLimits.check('invoiceSend', { target: `${orgId}:${id}` });
    return quickBooks.emailInvoice(orgId, id);
  }

  @Query(() => QuickBooksExceptionConnection, { description: 'Sync failures a person must resolve, newest first.' })
  async quickBooksExceptions(
    @Args(() => QuickBooksExceptionPageArgs) a: QuickBooksExceptionPageArgs,
    @QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff,
  ) {
    return toConnection(await quickBooks.admin.exceptions(orgId, a.includeResolved, a));
  }

  @Mutation(() => QuickBooksException, { description: 'Marks an exception handled without retrying.' })
  resolveQuickBooksException(
    @IdArg('id', 'The exception.') id: string,
    @QuickBooksStaff() { orgId, actor, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.runner.resolveException(orgId, id, actor.label);
  }

  @Mutation(() => QuickBooksException, { description: 'Queues the failed operation again and resolves the exception.' })
  retryQuickBooksException(
    @IdArg('id', 'The exception whose operation to queue again.') id: string,
    @QuickBooksStaff() { orgId, actor, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.runner.retryException(orgId, id, actor.label);
  }

  @Mutation(() => QuickBooksException, {
    description:
      "An edit made in QuickBooks to what Settle owns: push Settle's version over it, and resolve the exception.",
  })
  keepSettleVersion(
    @IdArg('id', "The exception (an edit made in QuickBooks that Settle's version will overwrite).")
    id: string,
    @QuickBooksStaff() { orgId, actor, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.conflicts.keepSettle(orgId, id, actor.label);
  }

  @Mutation(() => QuickBooksException, {
    description:
      "An edit of a customer's name or email made in QuickBooks: the client takes it, and the exception is resolved.",
  })
  acceptQuickBooksVersion(
    @IdArg('id', 'The exception (an edit of a customer made in QuickBooks).') id: string,
    @QuickBooksStaff() { orgId, actor, quickBooks }: QuickBooksStaff,
  ) {
    return quickBooks.conflicts.acceptQuickBooks(orgId, id, actor);
  }

  @Query(() => QuickBooksOperationConnection, {
    description: 'Outbound changes queued for QuickBooks and what became of them, newest first.',
  })
  async quickBooksOperations(
    @Args(() => QuickBooksOperationPageArgs) a: QuickBooksOperationPageArgs,
    @QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff,
  ) {
    return toConnection(await quickBooks.admin.operations(orgId, a, a));
  }

  @Query(() => QuickBooksWebhookEventConnection, {
    description: 'QuickBooks notifications for the connected company, newest first.',
  })
  async quickBooksWebhookEvents(
    @Args(() => PageArgs) page: PageArgs,
    @QuickBooksStaff() { orgId, quickBooks }: QuickBooksStaff,
  ) {
    return toConnection(await quickBooks.admin.webhookEvents(orgId, page));
  }
}
