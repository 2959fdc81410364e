import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { DateScalar } from '../../graphql/scalars.js';
import { todayIn } from '../../platform/time-zone.js';
import { CreditMemo } from './payment.entity.js';

/**
 * A credit memo's date as people read it: the day on the organization's wall (its time zone) when it was
 * issued, as issue, due and received dates are, never the UTC day of `createdAt` (a New York MSP's credit
 * issued at 8 pm on the 31st is dated the 31st, not the 1st).
 */
@Resolver(() => CreditMemo)
export class CreditMemoDateResolver {
  @FieldResolver(() => DateScalar, {
    description: "The day it was issued, in the organization's time zone (as invoice and payment dates are).",
  })
  async issuedOn(@Root() memo: CreditMemo, @Ctx() ctx: GraphQLContext): Promise<string> {
    return todayIn(await ctx.loaders.orgTimeZone(), memo.createdAt);
  }
}
