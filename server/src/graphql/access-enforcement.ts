import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { forbidden, unauthenticated } from '../platform/errors.js';
import type { Principal } from '../modules/auth/principal.js';
import { ACCESS, decide, type Caller, type Operation } from './access-policy.js';
import type { GraphQLContext } from './context.js';

export function callerOf(p: Principal | null): Caller {
  if (!p) return { kind: 'anonymous' };
  if (p.kind === 'user') return { kind: 'user', role: p.role };
  if (p.kind === 'token') return { kind: 'token', scope: p.scope };
  return { kind: 'portal' };
}

/**
 * Applies the access table (access-policy.ts) to every root field before anything else runs: before
 * argument validation, so a caller who may not use a mutation learns FORBIDDEN, not which input is wrong.
 * Wraps root fields only, so nested fields pay nothing (see id-validation.ts for why that matters).
 * Resolvers keep their own role checks; this is the floor every field stands on.
 */
export function enforceAccessTable(schema: GraphQLSchema): GraphQLSchema {
  const roots: Array<[keyof typeof ACCESS, Operation]> = [['Query', 'query'], ['Mutation', 'mutation'], ['Subscription', 'subscription']];
  for (const [typeName, op] of roots) {
    const type = typeName === 'Query' ? schema.getQueryType() : typeName === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
    for (const field of Object.values(type?.getFields() ?? {})) {
      const access = ACCESS[typeName][field.name];
      const check = (ctx: GraphQLContext) => {
        const decision = decide(access, callerOf(ctx.principal), op);
        if (decision === 'unauthenticated') throw unauthenticated();
        if (decision === 'forbidden') throw forbidden(ctx.principal?.kind === 'token' ? `This API token (scope ${ctx.principal.scope}) cannot do that` : 'You are not allowed to do that');
      };
      const wrap = (inner: GraphQLFieldResolver<unknown, GraphQLContext>): GraphQLFieldResolver<unknown, GraphQLContext> => (source, args, ctx, info) => {
        check(ctx);
        return inner(source, args, ctx, info);
      };
      // A subscription is checked when it starts (its per-event resolve may run once for many subscribers).
      if (op === 'subscription') field.subscribe = wrap((field.subscribe ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, GraphQLContext>);
      else field.resolve = wrap((field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, GraphQLContext>);
    }
  }
  return schema;
}
