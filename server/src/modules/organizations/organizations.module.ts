import { ADMIN, SIGNED_IN } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { Organization } from './organization.entity.js';
import { OrganizationResolver } from './organization.resolver.js';

/** Tenants and their settings. */
export const organizationsModule: SettleModule = {
  name: 'organizations',
  entities: [Organization],
  resolvers: [OrganizationResolver],
  access: {
    Query: {
      organization: SIGNED_IN,
    },
    Mutation: {
      updateOrganizationSettings: ADMIN,
    },
  },
};
