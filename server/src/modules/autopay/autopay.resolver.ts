import DataLoader from 'dataloader';
import {
  Arg,
  Args,
  ArgsType,
  createParameterDecorator,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  type ResolverData,
} from 'type-graphql';
import { OptionalArg } from '../../graphql/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, SignedIn, signedIn } from '../../graphql/guards.js';
import { badInput, notFound } from '../../platform/errors.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { PaymentRedirect } from '../stripe/stripe.types.js';
import { AutopayHold } from './autopay.entities.js';
import { autopayOf, type AutopayModule } from './autopay.integration.js';
import { AutopayAttemptView, AutopayStatus, SavedPaymentMethod } from './autopay.types.js';

/**
 * The client a call is about: a portal user's own (another id is "not found"), or for billing staff the
 * `clientId` they name, which must be a client of their org. Who may call at all is the access row.
 */
async function clientFor(ctx: GraphQLContext, p: Principal, clientId: string | undefined) {
  if (p.kind === 'portal') {
    if (clientId && clientId !== p.clientId) throw notFound('Client');
    return { orgId: p.orgId, clientId: p.clientId };
  }
  if (!clientId) throw badInput('clientId', 'Name the client');
  if (!(await ctx.container.db.getRepository(Client).existsBy({ orgId: p.orgId, id: clientId })))
    throw notFound('Client');
  return { orgId: p.orgId, clientId };
}

/** The optional `clientId` argument of every call about one client's autopay (see clientFor). */
const CLIENT_ID_ARG = {
  description: "The client (staff must name it; a portal user's own client otherwise).",
  nullable: true,
};

/** A saved method of the client a call is about (see clientFor). */
@ArgsType()
class MethodArgs {
  @Field(() => String, { description: "Stripe's PaymentMethod id (pm_…)." }) id: string;
  @Field(() => ID, CLIENT_ID_ARG) clientId?: string;
}

/** The caller, the client a call is about and the autopay services, resolved (and checked) before the resolver runs. */
interface ClientCall {
  orgId: string;
  clientId: string;
  principal: Principal;
  autopay: AutopayModule;
}
async function clientCall({ context, args }: ResolverData<GraphQLContext>): Promise<ClientCall> {
  const principal = signedIn(context.principal);
  const c = await clientFor(context, principal, (args as { clientId?: string }).clientId);
  return { ...c, principal, autopay: autopayOf(context.container) };
}
/** `@ClientCall() c: ClientCall`: adds the optional `clientId` argument and resolves the client it names. */
const ClientCall = () =>
  createParameterDecorator<GraphQLContext>(clientCall, {
    arg: { name: 'clientId', typeFunc: () => ID, options: CLIENT_ID_ARG },
  });
/** The ClientCall of a saved-method mutation, whose `clientId` is one of its MethodArgs. */
const MethodsOfClient = () => createParameterDecorator<GraphQLContext>(clientCall);

@Resolver()
export class AutopayResolver {
  @Query(() => [SavedPaymentMethod], {
    description: "The client's saved payment methods, read from Stripe and masked. Portal users: their own client.",
  })
  async savedPaymentMethods(@ClientCall() c: ClientCall): Promise<SavedPaymentMethod[]> {
    return c.autopay.methods.list(c.orgId, c.clientId);
  }

  @Query(() => AutopayStatus, {
    description: "Whether the client's invoices are charged to its default method, and when (due date or issue).",
  })
  async autopay(@ClientCall() c: ClientCall): Promise<AutopayStatus> {
    return c.autopay.settings.status(c.orgId, c.clientId);
  }

  @Query(() => [AutopayAttemptView], {
    description: "Autopay's charges of one client's invoices, or of one invoice (name one), newest first.",
  })
  async autopayAttempts(
    @OptionalArg('clientId', () => ID, "Only this client's attempts (a portal user always sees their own client's).")
    clientId: string | undefined,
    @OptionalArg('invoiceId', () => ID, 'Only the attempts on this invoice.')
    invoiceId: string | undefined,
    @SignedIn() p: Principal,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AutopayAttemptView[]> {
    if (!clientId === !invoiceId) throw badInput('clientId', 'Name either a client or an invoice');
    const of = clientId ? { clientId } : { invoiceId: invoiceId! };
    return autopayOf(ctx.container).attempts.list(p.orgId, of);
  }

  @Mutation(() => PaymentRedirect, {
    description: 'A Stripe page where the client saves a card or US bank account for automatic payments.',
  })
  async startSavePaymentMethod(
    @Arg('clientId', () => ID, CLIENT_ID_ARG) clientId: string | undefined,
    @SignedIn() p: Principal,
    @Ctx() ctx: GraphQLContext,
  ): Promise<PaymentRedirect> {
    // Each start creates a Checkout session in the merchant's Stripe account: bounded per browser (before
    // the client is looked up, so it is not a ClientCall).
    if (p.kind === 'portal') await ctx.container.rateLimits.check('payLink', { ip: ctx.ip });
    const c = await clientFor(ctx, p, clientId);
    return autopayOf(ctx.container).methods.startSave(c.orgId, c.clientId);
  }

  @Mutation(() => [SavedPaymentMethod], { description: 'Makes a saved method the one autopay charges.' })
  async setDefaultPaymentMethod(@Args(() => MethodArgs) a: MethodArgs, @MethodsOfClient() c: ClientCall) {
    return c.autopay.methods.setDefault(c.orgId, c.clientId, a.id);
  }

  @Mutation(() => [SavedPaymentMethod], { description: 'Removes a saved method from the client at Stripe.' })
  async removePaymentMethod(@Args(() => MethodArgs) a: MethodArgs, @MethodsOfClient() c: ClientCall) {
    return c.autopay.methods.remove(c.orgId, c.clientId, a.id);
  }

  @Mutation(() => AutopayStatus, { description: 'Turns autopay on or off for the client (audited).' })
  async setAutopay(
    @Arg('enabled', () => Boolean, {
      description: 'Charge the default saved payment method automatically when invoices are due.',
    })
    enabled: boolean,
    @ClientCall() c: ClientCall,
  ): Promise<AutopayStatus> {
    return c.autopay.settings.setStatus(c.orgId, actorOf(c.principal), c.clientId, enabled);
  }
}

/** Per request (keyed on its loaders): the holds of a page of invoices in one query. */
const holdLoaders = new WeakMap<object, DataLoader<string, AutopayHold | null>>();
function holdsOf(ctx: GraphQLContext, orgId: string): DataLoader<string, AutopayHold | null> {
  let loader = holdLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = new Map((await autopayOf(ctx.container).holds.forInvoices(orgId, ids)).map((h) => [h.invoiceId, h]));
      return ids.map((id) => rows.get(id) ?? null);
    });
    holdLoaders.set(ctx.loaders, loader);
  }
  return loader;
}

@Resolver(() => Invoice)
export class InvoiceAutopayHoldResolver {
  @FieldResolver(() => AutopayHold, {
    nullable: true,
    description:
      "Why autopay did not charge this invoice when it was due, as of the sweep's last look; null when nothing holds it (no autopay, charged, or no longer open). Billing staff only.",
  })
  autopayHold(@Root() inv: Invoice, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext): Promise<AutopayHold | null> {
    return holdsOf(ctx, orgId).load(inv.id);
  }
}
