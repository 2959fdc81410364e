import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { ApiTokenScopeEnum, ApiTokenView } from './auth.types.js';

@Resolver(() => ApiTokenView)
export class ApiTokenActsAsResolver {
  @FieldResolver(() => ApiTokenScopeEnum, {
    nullable: true,
    description:
      "What it may do now: its scope within its creator's current role (an admin token of a creator now in billing acts as billing); null: it no longer works (revoked, its creator disabled or gone, or demoted to technician).",
  })
  actsAs(@Root() t: ApiTokenView, @Ctx() ctx: GraphQLContext): Promise<ApiTokenScopeEnum | null> {
    return ctx.container.apiTokens.actsAs(ctx.principal!.orgId, t) as Promise<ApiTokenScopeEnum | null>;
  }
}
