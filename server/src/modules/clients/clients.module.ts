import { BILLING, TECH, staff } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { ClientRate } from './client-rate.entity.js';
import { Client } from './client.entity.js';
import { ClientResolver } from './client.resolver.js';
import { nodeSource } from '../../graphql/node.js';
import { ClientAddress1795300018000 } from './migrations/0016-client-address.migration.js';

/** The org's clients and their negotiated rates. */
export const clientsModule: SettleModule = {
  name: 'clients',
  entities: [Client, ClientRate],
  migrations: [ClientAddress1795300018000],
  resolvers: [ClientResolver],
  nodes: [nodeSource(Client, (client, clientId) => client.id === clientId), nodeSource(ClientRate)],
  access: {
    Query: {
      clients: TECH,
      client: staff('TECHNICIAN', { portal: true }),
    },
    Mutation: {
      createClient: BILLING,
      updateClient: BILLING,
    },
    // Technicians read clients to log time on their tickets; what each is charged is billing staff's
    // business (portal users read their own client, never its rates: the portal shows invoices). The
    // memo template is staff's wording, as the organization's is: the client reads the memo it makes.
    Client: { rates: BILLING, memoTemplate: TECH },
  },
};
