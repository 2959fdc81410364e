import type { NonEmptyArray } from 'type-graphql';
import { accessTableOf, resolversOf } from '../app/module-runtime.js';
import { SETTLE_MODULES } from '../app/modules.js';
import { accessIn } from './access-policy.js';

/** Every resolver in the public API: those the modules declare, in module-list order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS = resolversOf(SETTLE_MODULES) as NonEmptyArray<Function>;

/** Who may call what: the access rows every module declares for its own fields. */
export const ACCESS_TABLE = accessTableOf(SETTLE_MODULES);
/** The rows of the root fields (Query, Mutation, Subscription), and of the nested fields checked as they resolve. */
export const { root: ACCESS, nested: FIELD_ACCESS } = ACCESS_TABLE;

/** What a field of the API needs; undefined means nobody. */
export const accessOf = (typeName: string, fieldName: string) => accessIn(ACCESS_TABLE, typeName, fieldName);
