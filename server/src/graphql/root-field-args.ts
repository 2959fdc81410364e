import type { GraphQLField, GraphQLFieldResolver, GraphQLSchema } from 'graphql';

type Args = Record<string, unknown>;

/**
 * Puts a step before the resolver of each root field (Query, Mutation, Subscription) that `stepFor`
 * gives one: it checks the arguments (throwing a user error) and answers the arguments the resolver
 * gets. A subscription takes the step when it starts, so a bad argument is refused then and not left
 * waiting for events. Synchronous, and only where asked: no cost for fields without a step.
 */
export function beforeRootResolvers(
  schema: GraphQLSchema,
  stepFor: (field: GraphQLField<unknown, unknown>) => ((args: Args) => Args) | null,
): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const step = stepFor(field);
      if (!step) continue;
      const wrap = (
        inner: GraphQLFieldResolver<unknown, unknown> | undefined,
      ): GraphQLFieldResolver<unknown, unknown> | undefined =>
        inner && ((source, args: Args, ctx, info) => inner(source, step(args), ctx, info));
      field.resolve = wrap(field.resolve);
      field.subscribe = wrap(field.subscribe);
    }
  }
  return schema;
}
