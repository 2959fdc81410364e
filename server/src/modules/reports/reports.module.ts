import { BILLING } from '../../graphql/access-policy.js';
import type { SettleModule } from '../../app/settle-module.js';
import { DashboardResolver } from './dashboard.resolver.js';
import { DashboardService, dashboards } from './dashboard.service.js';
import { dashboardSqlAnswer } from './dashboard-sql-answer.js';

/** The dashboard: receivables, aging, recent activity (reads only). */
export const reportsModule: SettleModule = {
  name: 'reports',
  resolvers: [DashboardResolver],
  access: {
    Query: {
      dashboard: BILLING,
    },
  },
  setup(c) {
    dashboards.set(c, new DashboardService(c.db, () => c.clock));
    return { sqlAnswers: [dashboardSqlAnswer(c.db, () => c.clock.now())] };
  },
};
