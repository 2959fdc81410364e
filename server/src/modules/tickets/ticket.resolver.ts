import {
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { IsUUID } from 'class-validator';
import { NameText } from '../../graphql/input-rules.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { staffCreates } from '../../graphql/staff-writes.js';
import { Client } from '../clients/client.entity.js';
import { Connection, IdFilter, PageArgs, toConnection } from '../../graphql/connection.js';
import { Ticket } from './ticket.entity.js';

@InputType({ description: 'A ticket to open for a client.' })
class CreateTicketInput {
  @Field(() => ID, { description: 'The client it is for.' }) @IsUUID() clientId: string;
  @Field(() => String, { description: 'What it is about (1 to 300 characters).' }) @NameText(300) title: string;
}

@ArgsType()
class TicketPageArgs extends PageArgs {
  @IdFilter("Only this client's tickets.") clientId?: string;
}

@ObjectType({ description: 'A page of tickets, newest first (50 when no size is given, at most 500).' })
class TicketConnection extends Connection(Ticket, 'Ticket', 'tickets') {}

@Resolver(() => Ticket)
export class TicketResolver extends staffCreates({
  type: Ticket,
  name: 'Ticket',
  noun: 'ticket',
  who: 'any staff',
  createInput: CreateTicketInput,
  service: (c) => c.tickets,
}) {
  @Query(() => TicketConnection, { description: 'Tickets, newest first.' })
  async tickets(@Args(() => TicketPageArgs) a: TicketPageArgs, @Staff() { orgId, container }: StaffAccess) {
    return toConnection(await container.tickets.list(orgId, a.clientId, a));
  }

  @FieldResolver(() => Client, { description: 'The client it is for.' })
  async client(@Root() t: Ticket, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.client.load(t.clientId))!;
  }
}
