import { BILLING, TECH } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { CatalogResolver } from './catalog.resolver.js';
import { nodeSource } from '../../graphql/node.js';
import { Service, ServicePrice } from './service.entity.js';

/** Billable services and their prices per currency. */
export const catalogModule: SettleModule = {
  name: 'catalog',
  entities: [Service, ServicePrice],
  resolvers: [CatalogResolver],
  nodes: [nodeSource(Service), nodeSource(ServicePrice)],
  access: {
    Query: {
      services: TECH,
    },
    Mutation: {
      createService: BILLING,
      updateService: BILLING,
    },
    // Technicians pick services to log time against; their prices are billing staff's business.
    Service: { prices: BILLING },
  },
};
