import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, SignedIn, StaffWith, VisibleInvoices, type StaffCaller } from '../../graphql/guards.js';
import type { InvoiceScope } from '../invoices/invoice-query.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { badInput, forbidden } from '../../platform/errors.js';
import type { Principal } from '../auth/principal.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { IdempotentCall, type Idempotent } from '../idempotency/idempotent.decorator.js';
import { storedRecord } from '../idempotency/stored-result.js';
import { PaymentException } from '../payment-exceptions/payment-exception.entity.js';
import { CreditMemo } from '../payments/payment.entity.js';
import { ClientCredit, ClientCreditBalance, ClientCreditSettings } from './client-credit.entity.js';
import { ApplyClientCreditResult, ClientCreditSettingsInput } from './client-credit.types.js';
import { clientCreditsOf, type ClientCreditsModule } from './client-credits.services.js';

type CreditCaller = StaffCaller & ClientCreditsModule;
/** What an idempotency key keeps of an application: the ids of what it returns. */
const storedApplied = storedRecord<ApplyClientCreditResult>({
  entry: ClientCredit,
  creditMemo: CreditMemo,
  invoice: Invoice,
});
const CreditStaff = () => StaffWith((c) => clientCreditsOf(c));

/** Per-request batch lookups: a page of clients or invoices reads its credit in one statement. */
interface Lookups {
  balances: DataLoader<string, ClientCreditBalance[]>;
  applied: DataLoader<string, number>;
  /** Ledgers by page size (a query may ask different sizes for different clients). */
  ledgers: Map<number, DataLoader<string, ClientCredit[]>>;
}
const lookups = new WeakMap<object, Lookups>();
function lookupsFor(ctx: GraphQLContext, orgId: string): Lookups {
  let l = lookups.get(ctx.loaders);
  if (!l) {
    const { credits } = clientCreditsOf(ctx.container);
    l = {
      balances: new DataLoader(async (ids) => {
        const found = await credits.balances(orgId, ids);
        return ids.map((id) => found.get(id) ?? []);
      }),
      applied: new DataLoader(async (ids) => {
        const found = await credits.appliedTo(orgId, ids);
        return ids.map((id) => found.get(id) ?? 0);
      }),
      ledgers: new Map(),
    };
    lookups.set(ctx.loaders, l);
  }
  return l;
}

@Resolver()
export class ClientCreditResolver {
  @Mutation(() => ApplyClientCreditResult, {
    description:
      "Spends the client's credit on an open invoice: `amount`, or as much as both the credit and the balance due allow. More than either is refused.",
  })
  applyClientCredit(
    @IdArg('invoiceId', "The open invoice to pay with the client's credit.") invoiceId: string,
    @OptionalArg('amount', () => MoneyScalar, 'Minor units; defaults to min(credit, balance due).')
    amount: number | undefined,
    @CreditStaff() { orgId, actor, credits }: CreditCaller,
    @IdempotentCall() once: Idempotent,
  ) {
    // Keyed like the other money moves: a retry after a lost answer must not spend the credit twice.
    return once.inTransaction(storedApplied, (tx) => credits.applyIn(tx, orgId, actor, invoiceId, amount));
  }

  @Mutation(() => PaymentException, {
    description: "Keeps a payment exception's excess as credit on the client's account. Refused once it is resolved.",
  })
  keepPaymentExceptionAsCredit(
    @IdArg('id', 'The payment exception whose money becomes client credit.') id: string,
    @CreditStaff() { orgId, actor, credits }: CreditCaller,
  ) {
    return credits.keepExceptionAsCredit(orgId, actor, id);
  }

  @Query(() => ClientCreditSettings, {
    description: 'Whether credit is applied to new invoices by itself (org, or one client).',
  })
  async clientCreditSettings(
    @OptionalArg('clientId', () => ID, "A client's setting (its override or the org's); left out: the org's.")
    clientId: string | undefined,
    @CreditStaff() { orgId, settings }: CreditCaller,
    @Ctx() ctx: GraphQLContext,
  ) {
    // Another org's client (or no client) is refused, as billingSettings does: never the org's default under its id.
    if (clientId && !(await ctx.container.db.getRepository(Client).existsBy({ orgId, id: clientId })))
      throw badInput('clientId', 'No such client in this organization');
    return settings.get(orgId, clientId ?? null);
  }

  @Mutation(() => ClientCreditSettings, {
    description: 'Sets whether client credit is applied to new invoices automatically (org default or one client).',
  })
  updateClientCreditSettings(
    @InputArg(() => ClientCreditSettingsInput, 'The setting, and the client it overrides for (if any).')
    input: ClientCreditSettingsInput,
    @CreditStaff() { orgId, actor, settings }: CreditCaller,
  ) {
    if (!input.clientId && input.applyCreditAutomatically == null)
      throw badInput('applyCreditAutomatically', 'Say whether the organization applies credit automatically');
    return settings.update(orgId, actor, {
      clientId: input.clientId,
      applyCreditAutomatically: input.applyCreditAutomatically ?? null,
    });
  }
}

@Resolver(() => Client)
export class ClientCreditFieldsResolver {
  @FieldResolver(() => [ClientCreditBalance], {
    description: "The client's credit per currency (billing staff, and the client's own portal users).",
  })
  creditBalance(@Root() c: Client, @VisibleInvoices() scope: InvoiceScope, @Ctx() ctx: GraphQLContext) {
    // Who may see invoices may see the credit against them: billing staff and tokens, a portal user for
    // its own client only (a nested access row cannot admit portal users, so the scope decides here).
    if (scope.clientId && scope.clientId !== c.id) throw forbidden('Portal users see only their own credit');
    return lookupsFor(ctx, scope.orgId).balances.load(c.id);
  }

  @FieldResolver(() => [ClientCredit], { description: "The client's credit ledger, newest first (billing staff)." })
  creditLedger(
    @Root() c: Client,
    @Arg('first', () => Int, { description: 'How many movements, newest first (default 100).', defaultValue: 100 })
    first: number,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (first < 1 || first > 500) throw badInput('first', 'first must be between 1 and 500');
    const l = lookupsFor(ctx, orgId);
    let loader = l.ledgers.get(first);
    if (!loader) {
      const { credits } = clientCreditsOf(ctx.container);
      loader = new DataLoader(async (ids) => {
        const found = await credits.ledgers(orgId, ids, first);
        return ids.map((id) => found.get(id) ?? []);
      });
      l.ledgers.set(first, loader);
    }
    return loader.load(c.id);
  }
}

@Resolver(() => Invoice)
export class InvoiceCreditFieldsResolver {
  @FieldResolver(() => MoneyScalar, {
    description: 'Client credit spent on this invoice (minor units; part of amountCredited).',
  })
  creditApplied(@Root() inv: Invoice, @SignedIn() p: Principal, @Ctx() ctx: GraphQLContext) {
    return lookupsFor(ctx, p.orgId).applied.load(inv.id);
  }
}

@Resolver(() => ClientCredit)
export class ClientCreditEntryResolver {
  @FieldResolver(() => Invoice, { nullable: true, description: 'The invoice it came from or was spent on.' })
  async invoice(@Root() e: ClientCredit, @Ctx() ctx: GraphQLContext): Promise<Invoice | null> {
    return e.invoiceId ? ((await ctx.loaders.invoice.load(e.invoiceId)) ?? null) : null;
  }
}
