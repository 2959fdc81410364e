import { ADMIN, BILLING_OR_PORTAL, SIGNED_IN, TECH } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { Organization } from './organization.entity.js';
import { OrganizationResolver } from './organization.resolver.js';
import { viewNodeSource } from '../../graphql/node.js';
import { OrganizationTimeZone1795300083000 } from './migrations/0050-organization-time-zone.migration.js';
import { OrganizationBillingEmail1795300084000 } from './migrations/0051-organization-billing-email.migration.js';

/** Tenants and their settings. */
export const organizationsModule: SettleModule = {
  name: 'organizations',
  // Every caller's own organization (staff and portal users read it as `me.organization`).
  nodes: [viewNodeSource(Organization, (o) => o, { access: BILLING_OR_PORTAL, portal: () => true, orgColumn: 'id' })],
  entities: [Organization],
  resolvers: [OrganizationResolver],
  migrations: [OrganizationTimeZone1795300083000, OrganizationBillingEmail1795300084000],
  access: {
    Query: {
      organization: SIGNED_IN,
    },
    Mutation: {
      updateOrganizationSettings: ADMIN,
    },
    // Portal users read their organization too (name, currency, terms): how it numbers invoices and its
    // memo template are the staff's business.
    Organization: { nextInvoiceNumber: TECH, memoTemplate: TECH, billingEmail: TECH },
  },
};
