import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditResolver } from './audit.resolver.js';

/** Who changed what, and when. */
export const auditModule: SettleModule = {
  name: 'audit',
  entities: [AuditEvent],
  resolvers: [AuditResolver],
  access: {
    Query: {
      auditEvents: BILLING,
    },
  },
};
