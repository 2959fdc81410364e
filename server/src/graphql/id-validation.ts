import { getNamedType, GraphQLID, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { badInput } from '../platform/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isIdType(t: GraphQLInputType): boolean {
  const inner = isNonNullType(t) ? t.ofType : t;
  const base = isListType(inner) ? (isNonNullType(inner.ofType) ? inner.ofType.ofType : inner.ofType) : inner;
  return getNamedType(base) === GraphQLID;
}

/**
 * Every top-level ID argument must be a UUID: a malformed id is a BAD_USER_INPUT naming the argument,
 * not a database error. (Input object fields carry @IsUUID for the same reason.)
 */
export const validateIdArgs: MiddlewareFn = ({ args, info }, next) => {
  // Runs for every resolved field, so the common case (no arguments) must cost nothing.
  if (info.path.prev) return next();
  const field = info.parentType.getFields()[info.fieldName];
  for (const arg of field?.args ?? []) {
    if (!isIdType(arg.type)) continue;
    const value = args[arg.name] as unknown;
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    if (values.some((v) => typeof v !== 'string' || !UUID.test(v))) throw badInput(arg.name, `${arg.name} is not a valid id`);
  }
  return next();
};
