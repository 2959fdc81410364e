import type { NonEmptyArray } from 'type-graphql';
import { resolversOf } from '../app/module-runtime.js';
import { SETTLE_MODULES } from '../app/modules.js';

/** Every resolver in the public API: those the modules declare, in module-list order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const RESOLVERS = resolversOf(SETTLE_MODULES) as NonEmptyArray<Function>;
