import DataLoader from 'dataloader';
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { IdArg } from '../../graphql/args.js';
import { badInput } from '../../platform/errors.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { SignedIn } from '../../graphql/guards.js';
import { Node } from '../../graphql/node.js';
import type { Principal } from '../auth/principal.js';
import { nodesOf } from './nodes.services.js';

/**
 * One batch per request: every `node(id:)` and `nodes(ids:)` of an operation (twenty aliased `nodes` of
 * 100 ids each) is looked up together, in a few statements, not two per id.
 */
const loaders = new WeakMap<GraphQLContext, DataLoader<string, object | null>>();
function nodeLoaderOf(ctx: GraphQLContext, p: Principal): DataLoader<string, object | null> {
  let loader = loaders.get(ctx);
  if (!loader) {
    const service = nodesOf(ctx.container);
    loaders.set(ctx, (loader = new DataLoader((ids) => service.findMany(p, ids))));
  }
  return loader;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description:
      "Any object by its id (Relay): null when there is none the caller may see (what only admins may list stays admins'). Portal users reach their own organization, client, the invoices sent to it and their payments only.",
  })
  node(
    @IdArg('id', 'The global id of any object (an invoice, payment, client…).') id: string,
    @SignedIn() p: Principal,
    @Ctx() ctx: GraphQLContext,
  ) {
    return nodeLoaderOf(ctx, p).load(id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by id, in the order asked (at most 100).' })
  async nodes(
    @Arg('ids', () => [ID], {
      description: 'Global ids (at most 100); each answer is in the same place as its id, null where not found.',
    })
    ids: string[],
    @SignedIn() p: Principal,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (ids.length > 100) throw badInput('ids', 'At most 100 ids at a time');
    const loader = nodeLoaderOf(ctx, p);
    return Promise.all(ids.map((id) => loader.load(id)));
  }
}
