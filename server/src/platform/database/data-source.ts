import 'reflect-metadata';
import './pg-types.js';
import { DataSource } from 'typeorm';
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
    extra: { max: opts.poolSize ?? 20 },
    logging: false,
  });
}

export async function openDatabase(url: string, opts: { poolSize?: number } = {}): Promise<DataSource> {
  const ds = createDataSource(url, opts);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'all' });
  return ds;
}
