import type { Container } from '../../app/container.js';
import { moduleServices } from '../../app/module-services.js';
import type { ModuleParts } from '../../app/settle-module.js';
import type { TypedTasks } from '../../platform/jobs/job-queue.js';
import { logger } from '../../platform/logger.js';
import { IdempotencyService } from './idempotency.service.js';
import './idempotency.jobs.js';

const services = moduleServices<IdempotencyService>('idempotency');

/** The idempotency service of a running Settle (the mutations' decorator and tests reach it here). */
export const idempotencyOf = (c: Container): IdempotencyService => services.of(c);

export function registerIdempotency(c: Container): ModuleParts {
  const service = services.set(c, new IdempotencyService(c.db));
  const tasks: TypedTasks = {
    'idempotency.sweep': async () => {
      const deleted = await service.sweepExpired();
      if (deleted) logger.info({ deleted }, 'expired idempotency keys deleted');
    },
  };
  return { tasks, schedules: [{ task: 'idempotency.sweep', match: '17 * * * *', identifier: 'idempotency-sweep' }] };
}
