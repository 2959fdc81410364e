import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { Client } from '../clients/client.entity.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from './payment.entity.js';

/**
 * What a payment belongs to, for lists of payments across invoices (the admin Payments page shows each row's
 * invoice number and client): a page of payments loads its invoices and clients in one query each.
 */
@Resolver(() => Payment)
export class PaymentLinksResolver {
  @FieldResolver(() => Invoice, { description: 'The invoice it is booked against.' })
  async invoice(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<Invoice> {
    return (await ctx.loaders.invoice.load(p.invoiceId))!;
  }

  @FieldResolver(() => Client, { description: 'The client it belongs to.' })
  async client(@Root() p: Payment, @Ctx() ctx: GraphQLContext): Promise<Client> {
    return (await ctx.loaders.client.load(p.clientId))!;
  }
}
