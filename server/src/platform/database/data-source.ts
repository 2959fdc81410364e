import 'reflect-metadata';
import './pg-types.js';
import { DataSource } from 'typeorm';
import type pg from 'pg';
import { logger } from '../logger.js';

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
  return new DataSource({
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

/** Opens the data source and runs every pending migration in one transaction. */
export async function openDatabase(
  url: string,
  schema: DataSourceSchema,
  opts: { poolSize?: number } = {},
): Promise<DataSource> {
  const ds = createDataSource(url, schema, opts);
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
