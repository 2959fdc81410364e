import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { ToyNote } from './toy-note.entity.js';
import { toys } from './toy.service.js';

@Resolver(() => ToyNote)
export class ToyResolver {
  @Query(() => [ToyNote])
  toyNotes(@OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return toys.of(ctx.container).list(orgId);
  }

  @Mutation(() => ToyNote)
  addToyNote(@Arg('text', () => String) text: string, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext) {
    return toys.of(ctx.container).add(orgId, text);
  }
}
