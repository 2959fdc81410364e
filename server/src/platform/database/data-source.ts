import 'reflect-metadata';
import './pg-types.js';
import { DataSource } from 'typeorm';
import type pg from 'pg';
import { logger } from '../logger.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** The TypeORM data source. Schema changes only ever go through migrations; `synchronize` stays off. */
export function createDataSource(url: string, opts: { poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'settle_migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: { max: opts.poolSize ?? 20, application_name: 'settle' },
    logging: false,
    poolErrorHandler: (err: Error) => logger.warn({ err: err.message }, 'idle PostgreSQL connection lost'),
  });
}

export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts);
  await ds.initialize();
  surviveConnectionLoss((ds.driver as unknown as { master: pg.Pool }).master);
  await ds.runMigrations({ transaction: 'all' });
  return ds;
}

/**
 * pg emits `error` on a checked-out client that loses its connection between queries (57P01 when an
 * admin terminates it, a server restart); the pool only listens while the client is idle, so without a
 * handler here that event would crash the process. The error is logged; the client's next query fails
 * and the pool replaces it.
 */
function surviveConnectionLoss(pool: pg.Pool): void {
  const handled = new WeakSet<pg.PoolClient>();
  const handle = (client: pg.PoolClient) => {
    if (handled.has(client)) return;
    handled.add(client);
    client.on('error', (err: Error) => logger.warn({ err: err.message }, 'PostgreSQL connection lost'));
  };
  pool.on('connect', handle);
  for (const client of (pool as unknown as { _clients: pg.PoolClient[] })._clients ?? []) handle(client);
}
