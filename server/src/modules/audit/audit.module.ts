import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditResolver } from './audit.resolver.js';
import { InvoiceActivityResolver } from './invoice-activity.resolver.js';
import { AuditActivityIndexes1795300021000 } from './migrations/0018-audit-activity-indexes.migration.js';

/** Who changed what, and when: the org's activity log, and each invoice's timeline with its sync steps. */
export const auditModule: SettleModule = {
  name: 'audit',
  entities: [AuditEvent],
  migrations: [AuditActivityIndexes1795300021000],
  resolvers: [AuditResolver, InvoiceActivityResolver],
  access: {
    Query: {
      auditEvents: BILLING,
    },
    Invoice: { activity: BILLING },
  },
};
