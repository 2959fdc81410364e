import {
  getNamedType,
  GraphQLID,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../platform/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isIdType(t: GraphQLInputType): boolean {
  const inner = isNonNullType(t) ? t.ofType : t;
  const base = isListType(inner) ? (isNonNullType(inner.ofType) ? inner.ofType.ofType : inner.ofType) : inner;
  return getNamedType(base) === GraphQLID;
}

/** Throws BAD_USER_INPUT naming the first ID argument that is not a UUID. */
export function checkIdArgs(idArgs: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const arg of idArgs) {
    const value = args[arg.name];
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    if (values.some((v) => typeof v !== 'string' || !UUID.test(v)))
      throw badInput(arg.name, `${arg.name} is not a valid id`);
  }
}

/**
 * Every top-level ID argument must be a UUID: a malformed id is a BAD_USER_INPUT naming the argument,
 * not a database error. (Input object fields carry @IsUUID for the same reason.)
 *
 * This wraps only the root fields (Query, Mutation, Subscription) that take ID arguments. It used to be a
 * type-graphql global middleware, which runs for every resolved field and turns each one, down to the
 * last scalar of a 50-invoice page, into an async call: ~1,800 promises per request for nothing.
 */
export function validateRootIdArgs(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const idArgs = field.args.filter((a) => isIdType(a.type));
      if (!idArgs.length) continue;
      const wrap = (
        inner: GraphQLFieldResolver<unknown, unknown> | undefined,
      ): GraphQLFieldResolver<unknown, unknown> | undefined =>
        inner &&
        ((source, args, ctx, info) => {
          checkIdArgs(idArgs, args);
          return inner(source, args, ctx, info);
        });
      field.resolve = wrap(field.resolve);
      // A subscription with a malformed id is refused when it starts, not left waiting for events that never match.
      field.subscribe = wrap(field.subscribe);
    }
  }
  return schema;
}
