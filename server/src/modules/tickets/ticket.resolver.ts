import { Arg, Ctx, Field, FieldResolver, ID, InputType, Query, Resolver, Root } from 'type-graphql';
import { IsUUID, Length } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { staffCreates } from '../../graphql/staff-writes.js';
import { Client } from '../clients/client.entity.js';
import { Ticket } from './ticket.entity.js';

@InputType()
class CreateTicketInput {
  @Field(() => ID) @IsUUID() clientId: string;
  @Field(() => String) @Length(1, 300) title: string;
}

@Resolver(() => Ticket)
export class TicketResolver extends staffCreates({
  type: Ticket,
  name: 'Ticket',
  createInput: CreateTicketInput,
  service: (c) => c.tickets,
}) {
  @Query(() => [Ticket])
  tickets(
    @Arg('clientId', () => ID, { nullable: true }) clientId: string | undefined,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.container.tickets.list(orgId, clientId);
  }

  @FieldResolver(() => Client)
  async client(@Root() t: Ticket, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.client.load(t.clientId))!;
  }
}
