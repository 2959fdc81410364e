import { TECH } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { Ticket } from './ticket.entity.js';
import { nodeSource } from '../../graphql/node.js';
import { TicketResolver } from './ticket.resolver.js';

/** Tickets that time is logged against. */
export const ticketsModule: SettleModule = {
  name: 'tickets',
  entities: [Ticket],
  resolvers: [TicketResolver],
  nodes: [nodeSource(Ticket)],
  access: {
    Query: {
      tickets: TECH,
    },
    Mutation: {
      createTicket: TECH,
    },
  },
};
