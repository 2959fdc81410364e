import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { forbidden, unauthenticated } from '../platform/errors.js';
import {
  attachAccess,
  callerOf,
  decide,
  type AccessTable,
  type Operation,
  type RootTypeName,
} from './access-policy.js';
import type { GraphQLContext } from './context.js';
import { staffAccess } from './guards.js';

type Resolve = GraphQLFieldResolver<unknown, GraphQLContext>;

/** Runs `check` with the request's context before the field's own resolver (or before it subscribes). */
function guard(
  field: GraphQLField<unknown, GraphQLContext>,
  key: 'resolve' | 'subscribe',
  check: (ctx: GraphQLContext) => void,
): void {
  const inner = (field[key] ?? defaultFieldResolver) as Resolve;
  field[key] = (source, args, ctx, info) => {
    check(ctx);
    return inner(source, args, ctx, info);
  };
}

/**
 * Applies the access table (the rows the modules declare, see access-policy.ts) to every root field
 * before anything else runs: before argument validation, so a caller who may not use a mutation learns
 * FORBIDDEN, not which input is wrong. Wraps root fields, and only the few nested fields the table lists,
 * so other nested fields pay nothing (see id-validation.ts for why that matters). Each guarded field keeps
 * its row: resolvers repeat no role checks, they take what they need from the parameter decorators in
 * guards.ts, which read that row back.
 */
export function enforceAccessTable(schema: GraphQLSchema, table: AccessTable): GraphQLSchema {
  const roots: Array<[RootTypeName, Operation]> = [
    ['Query', 'query'],
    ['Mutation', 'mutation'],
    ['Subscription', 'subscription'],
  ];
  for (const [typeName, op] of roots) {
    const type =
      typeName === 'Query'
        ? schema.getQueryType()
        : typeName === 'Mutation'
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    for (const field of Object.values(type?.getFields() ?? {})) {
      const access = Object.hasOwn(table.root[typeName], field.name) ? table.root[typeName][field.name] : undefined;
      attachAccess(field, access);
      const check = (ctx: GraphQLContext) => {
        const decision = decide(access, callerOf(ctx.principal), op);
        if (decision === 'unauthenticated') throw unauthenticated();
        if (decision === 'forbidden')
          throw forbidden(
            ctx.principal?.kind === 'token'
              ? `This API token (scope ${ctx.principal.scope}) cannot do that`
              : 'You are not allowed to do that',
          );
      };
      // A subscription is checked when it starts (its per-event resolve may run once for many subscribers).
      guard(field, op === 'subscription' ? 'subscribe' : 'resolve', check);
    }
  }
  for (const [typeName, fields] of Object.entries(table.nested)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`An access row names ${typeName}, which the schema does not have`);
    for (const [fieldName, access] of Object.entries(fields)) {
      const field = type.getFields()[fieldName];
      if (!field) throw new Error(`An access row names ${typeName}.${fieldName}, which the schema does not have`);
      attachAccess(field as GraphQLField<unknown, unknown>, access);
      guard(field as GraphQLField<unknown, GraphQLContext>, 'resolve', (ctx) => staffAccess(ctx.principal, access));
    }
  }
  return schema;
}
