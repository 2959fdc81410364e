import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsUUID, Length } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, Staff, type StaffAccess } from '../../graphql/guards.js';
import { Client } from '../clients/client.entity.js';
import { Ticket } from './ticket.entity.js';

@InputType()
class CreateTicketInput {
  @Field(() => ID) @IsUUID() clientId: string;
  @Field(() => String) @Length(1, 300) title: string;
}

@Resolver(() => Ticket)
export class TicketResolver {
  @Query(() => [Ticket])
  tickets(
    @Arg('clientId', () => ID, { nullable: true }) clientId: string | undefined,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.container.tickets.list(orgId, clientId);
  }

  @Mutation(() => Ticket)
  createTicket(
    @Arg('input', () => CreateTicketInput) input: CreateTicketInput,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return container.tickets.create(orgId, actor, input);
  }

  @FieldResolver(() => Client)
  async client(@Root() t: Ticket, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.client.load(t.clientId))!;
  }
}
