import { registerDescribedEnum } from '../../graphql/described-enum.js';

/** Where a change came from (an actor's `source`): stored in lower case; the API shows the name. */
export const ActorSource = {
  ADMIN: 'admin',
  API: 'api',
  PORTAL: 'portal',
  STRIPE: 'stripe',
  QUICKBOOKS: 'quickbooks',
  SYSTEM: 'system',
} as const;

registerDescribedEnum(ActorSource, 'ActorSource', 'Where a change came from.', {
  ADMIN: 'A signed-in person in the admin app.',
  API: 'A bearer token: a person or an integration calling the GraphQL API.',
  PORTAL: "A client's user in the client portal.",
  STRIPE: 'Stripe, through its webhooks or the sweep that asks it.',
  QUICKBOOKS: 'QuickBooks Online, through its webhooks or the sync.',
  SYSTEM: 'Settle itself: a scheduled job or an automatic rule.',
});

/** Where an invoice timeline step happened: stored as the name people read; the API shows the enum name. */
export const ActivitySystem = { SETTLE: 'Settle', STRIPE: 'Stripe', QUICKBOOKS: 'QuickBooks' } as const;
export type ActivitySystem = (typeof ActivitySystem)[keyof typeof ActivitySystem];

registerDescribedEnum(ActivitySystem, 'ActivitySystem', 'Where an invoice timeline step happened.', {
  SETTLE: 'A change in Settle (from its audit trail).',
  STRIPE: 'A Stripe event about the invoice.',
  QUICKBOOKS: 'A QuickBooks sync step for the invoice.',
});
