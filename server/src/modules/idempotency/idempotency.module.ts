import type { SettleModule } from '../../app/settle-module.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { registerIdempotency } from './idempotency.integration.js';
import { IdempotencyKeys1795300032000 } from './migrations/0029-idempotency-keys.migration.js';

/**
 * Idempotency keys for the mutations that create or move money: the table, the service and the hourly
 * sweep. The mutations themselves declare it with `@IdempotentCall()` (idempotent.decorator.ts).
 */
export const idempotencyModule: SettleModule = {
  name: 'idempotency',
  entities: [IdempotencyKey],
  migrations: [IdempotencyKeys1795300032000],
  setup: registerIdempotency,
};
