import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { badInput } from '../../platform/errors.js';
import { Email } from './email.entity.js';

@Resolver()
export class EmailResolver {
  @Query(() => [Email], { description: 'Emails Settle sent or kept in the outbox (no SMTP_URL), newest first.' })
  emails(
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (first < 1 || first > 500) throw badInput('first', 'first must be between 1 and 500');
    return ctx.container.email.list(orgId, first);
  }
}
