import 'reflect-metadata';
import './pg-types.js';
import { DataSource } from 'typeorm';
import type pg from 'pg';
import { logger } from '../logger.js';
import { endLookupPool, surviveConnectionLoss } from './pg-pool.js';

/**
 * What the data source maps and migrates. The platform knows no module: the app passes the entities and
 * migrations its module list declares (app/modules.ts).
 */
export interface DataSourceSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
}

/** The TypeORM data source. Schema changes only ever go through migrations; `synchronize` stays off. */
export function createDataSource(url: string, schema: DataSourceSchema, opts: { poolSize?: number } = {}): DataSource {
  return new SettleDataSource({
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'settle_migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: opts.poolSize ?? 20, application_name: 'settle' },
    logging: false,
    poolErrorHandler: (err: Error) => logger.warn({ err: err.message }, 'idle PostgreSQL connection lost'),
  });
}

/** A data source that closes its lookup pool (pg-pool.ts) with its own. */
class SettleDataSource extends DataSource {
  override async destroy(): Promise<void> {
    await endLookupPool(this);
    await super.destroy();
  }
}

/** The advisory lock key every Settle process takes to migrate (any constant: 'settle.m' as an integer). */
export const MIGRATION_LOCK_KEY = 0x736574746c652e6dn & 0x7fffffffffffffffn;

/** Opens the data source and runs every pending migration in one transaction. */
export async function openDatabase(
  url: string,
  schema: DataSourceSchema,
  opts: { poolSize?: number } = {},
): Promise<DataSource> {
  const ds = createDataSource(url, schema, opts);
  await ds.initialize();
  surviveConnectionLoss((ds.driver as unknown as { master: pg.Pool }).master);
  await migrateOnce(ds);
  return ds;
}

/**
 * Runs the pending migrations while holding a session advisory lock, so processes started together
 * migrate one after the other: the first applies everything in one transaction (all or nothing), the
 * others wait for it, then find nothing pending.
 */
async function migrateOnce(ds: DataSource): Promise<void> {
  const lock = ds.createQueryRunner();
  await lock.connect();
  try {
    const started = Date.now();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    const waited = Date.now() - started;
    const applied = await ds.runMigrations({ transaction: 'all' });
    if (applied.length || waited > 1000)
      logger.info({ applied: applied.map((m) => m.name), waitedMs: waited }, 'database migrations');
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).catch(() => undefined);
    await lock.release();
  }
}
