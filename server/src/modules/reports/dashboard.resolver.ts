import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { dashboards } from './dashboard.service.js';

@ObjectType({ description: 'Open balances by how far past due they are.' })
class ArAging {
  @Field(() => MoneyScalar, { description: 'Not yet due.' }) current: number;
  @Field(() => MoneyScalar) days1to30: number;
  @Field(() => MoneyScalar) days31to60: number;
  @Field(() => MoneyScalar) days61to90: number;
  @Field(() => MoneyScalar) days90plus: number;
}

@ObjectType({ description: 'Receivables in one currency.' })
class CurrencySummaryView {
  @Field(() => String) currency: string;
  @Field(() => ArAging) aging: ArAging;
  @Field(() => MoneyScalar) outstanding: number;
  @Field(() => MoneyScalar, {
    description: 'Unpaid balance of invoices marked uncollectible; not part of outstanding.',
  })
  writtenOff: number;
  @Field(() => MoneyScalar, { description: 'Net payments received since the first of this month.' })
  collectedThisMonth: number;
}

@ObjectType()
class Dashboard {
  @Field(() => [CurrencySummaryView]) currencies: CurrencySummaryView[];
  @Field(() => [Invoice], { description: 'Open invoices past due, oldest due date first.' }) overdue: Invoice[];
}

@Resolver()
export class DashboardResolver {
  @Query(() => Dashboard, { description: 'AR aging, collections this month and the overdue list.' })
  async dashboard(
    @Arg('overdueLimit', () => Int, { defaultValue: 20 }) overdueLimit: number,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<Dashboard> {
    return dashboards.of(ctx.container).dashboard(orgId, Math.min(Math.max(overdueLimit, 1), 100));
  }
}
