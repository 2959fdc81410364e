import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { Email } from './email.entity.js';
import { EMAIL_FORMER_JOB_NAMES } from './email.jobs.js';
import { EmailResolver } from './email.resolver.js';
import { viewNodeSource } from '../../graphql/node.js';
import { redactEmail } from './email.service.js';
import { EmailsCancelledBeforeSending1795300047000 } from './migrations/0044-emails-cancelled-before-sending.migration.js';

/** The email outbox: rows written in the caller's transaction, delivered by a job. */
export const emailModule: SettleModule = {
  name: 'email',
  // Refetched by id as the outbox lists it: sign-in and invitation tokens redacted (email.service.ts).
  nodes: [viewNodeSource(Email, redactEmail, { access: BILLING })],
  entities: [Email],
  migrations: [EmailsCancelledBeforeSending1795300047000],
  resolvers: [EmailResolver],
  access: {
    Query: {
      emails: BILLING,
    },
  },
  setup(c) {
    return {
      tasks: { 'email.send': async ({ emailId }) => c.email.deliver(emailId) },
      formerJobNames: EMAIL_FORMER_JOB_NAMES,
    };
  },
};
