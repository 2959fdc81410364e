import DataLoader from 'dataloader';
import { Arg, Args, ArgsType, Ctx, FieldResolver, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IdArg, OptionalArg } from '../../graphql/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, Staff, type StaffAccess } from '../../graphql/guards.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from '../payments/payment.entity.js';
import { Connection, Filter, PageArgs, toConnection } from '../../graphql/connection.js';
import { PaymentException, PaymentExceptionStatus } from './payment-exception.entity.js';

/** Per-request batch lookups (keyed on the request's loaders): a page of exceptions costs one query per kind. */
interface Lookups {
  payment: DataLoader<string, Payment | null>;
  byInvoice: DataLoader<string, PaymentException[]>;
}
const lookups = new WeakMap<object, Lookups>();
function lookupsFor(ctx: GraphQLContext, orgId: string): Lookups {
  let l = lookups.get(ctx.loaders);
  if (!l) {
    l = {
      payment: new DataLoader(async (ids) => {
        const rows = new Map((await ctx.container.payments.byIds(orgId, ids)).map((p) => [p.id, p]));
        return ids.map((id) => rows.get(id) ?? null);
      }),
      byInvoice: new DataLoader(async (invoiceIds) => {
        const rows = await ctx.container.paymentExceptions.byInvoices(orgId, invoiceIds);
        return invoiceIds.map((id) => rows.filter((r) => r.invoiceId === id));
      }),
    };
    lookups.set(ctx.loaders, l);
  }
  return l;
}

@ArgsType()
class PaymentExceptionPageArgs extends PageArgs {
  @Filter(() => [PaymentExceptionStatus], 'Only these statuses; all when omitted.') status?: PaymentExceptionStatus[];
}

@ObjectType({ description: 'A page of payment exceptions, newest first (50 when no size is given, at most 500).' })
class PaymentExceptionConnection extends Connection(PaymentException, 'PaymentException', 'exceptions') {}

@Resolver(() => PaymentException)
export class PaymentExceptionResolver {
  @Query(() => PaymentExceptionConnection, {
    description:
      'Money that arrived where it should not (void invoice, past the balance), newest first. Billing staff only.',
  })
  async paymentExceptions(
    @Args(() => PaymentExceptionPageArgs) a: PaymentExceptionPageArgs,
    @Staff() { orgId, container }: StaffAccess,
  ) {
    return toConnection(await container.paymentExceptions.list(orgId, a.status, a));
  }

  @Mutation(() => PaymentException, {
    description:
      'Refunds the money not owed through the provider that took it (Stripe: a Refund on the PaymentIntent). Money recorded from QuickBooks or by hand is recorded as a manual refund and needs a note saying how it was returned. Refused once the exception is resolved.',
  })
  refundPaymentException(
    @IdArg('id', 'The exception whose money goes back to the payer.') id: string,
    @OptionalArg('note', () => String, 'How the money went back (required unless Stripe refunds it).')
    note: string | undefined,
    @Staff() { orgId, actor, container }: StaffAccess,
  ): Promise<PaymentException> {
    return container.exceptionRemedies.refund(orgId, actor, id, note);
  }

  @Mutation(() => PaymentException, {
    description:
      'Keeps the money and closes the exception, with the reason why. Refused once the exception is resolved.',
  })
  dismissPaymentException(
    @IdArg('id', 'The exception.') id: string,
    @Arg('reason', () => String, { description: 'Why it needs nothing (kept in the audit trail).' }) reason: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ): Promise<PaymentException> {
    return container.exceptionRemedies.dismiss(orgId, actor, id, reason);
  }

  @FieldResolver(() => Invoice, { description: 'The invoice the money came for.' })
  async invoice(@Root() e: PaymentException, @Ctx() ctx: GraphQLContext): Promise<Invoice> {
    return (await ctx.loaders.invoice.load(e.invoiceId))!;
  }

  @FieldResolver(() => Payment, { description: 'The payment that brought the money.' })
  async payment(@Root() e: PaymentException, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext): Promise<Payment> {
    return (await lookupsFor(ctx, orgId).payment.load(e.paymentId))!;
  }
}

@Resolver(() => Invoice)
export class InvoicePaymentExceptionsResolver {
  @FieldResolver(() => [PaymentException], {
    description: 'Payment exceptions raised on this invoice, oldest first (billing staff only).',
  })
  paymentExceptions(
    @Root() inv: Invoice,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PaymentException[]> {
    return lookupsFor(ctx, orgId).byInvoice.load(inv.id);
  }
}
