import DataLoader from 'dataloader';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { VisibleInvoices } from '../../graphql/guards.js';
import { forbidden } from '../../platform/errors.js';
import { Client } from '../clients/client.entity.js';
import { ClientOpenBalance } from './client-open-balance.js';
import type { InvoiceScope } from './invoice-query.js';

/** Per request: a page of clients reads its balances in one statement. */
const loaders = new WeakMap<object, DataLoader<string, ClientOpenBalance[]>>();

@Resolver(() => Client)
export class ClientOpenBalanceResolver {
  @FieldResolver(() => [ClientOpenBalance], {
    description:
      "What the client owes per currency over all its open invoices, and how much of it is overdue (billing staff, and the client's own portal users).",
  })
  openBalance(@Root() c: Client, @VisibleInvoices() scope: InvoiceScope, @Ctx() ctx: GraphQLContext) {
    // Who may see the invoices may see their sum: a portal user for its own client only.
    if (scope.clientId && scope.clientId !== c.id) throw forbidden('Portal users see only their own balance');
    let loader = loaders.get(ctx.loaders);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const found = await ctx.container.invoices.openBalances(scope, ids);
        return ids.map((id) => found.get(id) ?? []);
      });
      loaders.set(ctx.loaders, loader);
    }
    return loader.load(c.id);
  }
}
