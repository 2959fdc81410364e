import { CoreSchema0001 } from './0001-core-schema.migration.js';

/** Every migration, in order. Modules append theirs here. */
export const MIGRATIONS = [CoreSchema0001];
