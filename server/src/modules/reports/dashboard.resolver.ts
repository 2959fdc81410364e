import { Arg, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { dashboards, overdueLimitOf } from './dashboard.service.js';

@ObjectType({ description: 'Open balances by how far past due they are.' })
class ArAging {
  @Field(() => MoneyScalar, { description: 'Not yet due.' }) current: number;
  @Field(() => MoneyScalar, { description: 'Owed 1 to 30 days past due, in minor units.' }) days1to30: number;
  @Field(() => MoneyScalar, { description: 'Owed 31 to 60 days past due, in minor units.' }) days31to60: number;
  @Field(() => MoneyScalar, { description: 'Owed 61 to 90 days past due, in minor units.' }) days61to90: number;
  @Field(() => MoneyScalar, { description: 'Owed more than 90 days past due, in minor units.' }) days90plus: number;
}

@ObjectType({ description: 'Receivables in one currency.' })
class CurrencySummaryView {
  @Field(() => String, { description: 'ISO 4217 currency code.' }) currency: string;
  @Field(() => ArAging, { description: 'What is owed past due, by age.' }) aging: ArAging;
  @Field(() => MoneyScalar, { description: 'Everything still owed in this currency, in minor units.' })
  outstanding: number;
  @Field(() => MoneyScalar, {
    description: 'Unpaid balance of invoices marked uncollectible; not part of outstanding.',
  })
  writtenOff: number;
  @Field(() => MoneyScalar, { description: 'Net payments received since the first of this month.' })
  collectedThisMonth: number;
}

@ObjectType({ description: 'The receivables overview of the admin dashboard.' })
class Dashboard {
  @Field(() => [CurrencySummaryView], { description: 'Receivables per currency.' }) currencies: CurrencySummaryView[];
  @Field(() => [Invoice], { description: 'Open invoices past due, oldest due date first.' }) overdue: Invoice[];
}

@Resolver()
export class DashboardResolver {
  @Query(() => Dashboard, { description: 'AR aging, collections this month and the overdue list.' })
  async dashboard(
    @Arg('overdueLimit', () => Int, {
      description: 'How many overdue invoices to list (default 20).',
      defaultValue: 20,
    })
    overdueLimit: number,
    @Staff() { orgId, container }: StaffAccess,
  ): Promise<Dashboard> {
    return dashboards.of(container).dashboard(orgId, overdueLimitOf(overdueLimit));
  }
}
