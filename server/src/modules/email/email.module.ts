import type { SettleModule } from '../../app/settle-module.js';
import { createTaskRegistry } from '../../platform/jobs/job-queue.js';
import { Email } from './email.entity.js';
import { EmailResolver } from './email.resolver.js';

/** The email outbox: rows written in the caller's transaction, delivered by a job. */
export const emailModule: SettleModule = {
  name: 'email',
  entities: [Email],
  resolvers: [EmailResolver],
  setup(c) {
    const registry = createTaskRegistry();
    c.email.registerTasks(registry);
    return { tasks: registry.tasks };
  },
};
