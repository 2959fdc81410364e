import 'reflect-metadata';
import './pg-types.js';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The TypeORM data source. Schema changes only ever go through migrations; `synchronize` stays off.
 * `schema` lets tests give each run its own PostgreSQL schema on a shared server.
 */
export function createDataSource(url: string, opts: { schema?: string; poolSize?: number } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema: opts.schema,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'settle_migrations',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    extra: {
      max: opts.poolSize ?? 20,
      ...(opts.schema ? { options: `-c search_path=${opts.schema},public` } : {}),
    },
    logging: false,
  });
}

export async function openDatabase(url: string, opts: { schema?: string; poolSize?: number } = {}): Promise<DataSource> {
  if (opts.schema) {
    const bootstrap = createDataSource(url, { poolSize: 1 });
    await bootstrap.initialize();
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"`);
    await bootstrap.destroy();
  }
  const ds = createDataSource(url, opts);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'all' });
  return ds;
}
