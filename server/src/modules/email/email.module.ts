import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { Email } from './email.entity.js';
import { EMAIL_FORMER_JOB_NAMES } from './email.jobs.js';
import { EmailResolver } from './email.resolver.js';
import { nodeSource } from '../../graphql/node.js';

/** The email outbox: rows written in the caller's transaction, delivered by a job. */
export const emailModule: SettleModule = {
  name: 'email',
  nodes: [nodeSource(Email)],
  entities: [Email],
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
