import { Arg, Args, Ctx, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IdArg, OptionalArg } from '../../graphql/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { reconciliationOf } from './reconciliation.integration.js';
import { ReconciliationDiscrepancy, ReconciliationRun } from './reconciliation.entities.js';
import { ReconciledSystem } from './reconciliation-findings.js';
import { Connection, PageArgs, toConnection } from '../../graphql/connection.js';
import { PeriodInput, checkPeriod } from './reconciliation.types.js';

@ObjectType({ description: 'A page of reconciliation runs, newest first (20 when no size is given, at most 100).' })
class ReconciliationRunConnection extends Connection(ReconciliationRun, 'ReconciliationRun', 'runs') {}

@Resolver(() => ReconciliationRun)
export class ReconciliationResolver {
  @Mutation(() => ReconciliationRun, {
    description:
      'Compares Settle, Stripe and QuickBooks for invoices issued in the period (paged list reads only) and stores what disagrees.',
  })
  runReconciliation(
    @Arg('period', () => PeriodInput, { description: 'The period to compare.' }) period: PeriodInput,
    @Staff() { orgId, container }: StaffAccess,
  ): Promise<ReconciliationRun> {
    return reconciliationOf(container).run(orgId, checkPeriod(period), 'MANUAL');
  }

  @Query(() => ReconciliationRunConnection, { description: 'Reconciliation runs, newest first.' })
  async reconciliationRuns(@Args(() => PageArgs) page: PageArgs, @Staff() { orgId, container }: StaffAccess) {
    return toConnection(await reconciliationOf(container).runs(orgId, page));
  }

  @Query(() => ReconciliationRun, { description: 'One reconciliation run with its discrepancies.' })
  reconciliationRun(
    @IdArg('id', 'The run.') id: string,
    @Staff() { orgId, container }: StaffAccess,
  ): Promise<ReconciliationRun> {
    return reconciliationOf(container).findRun(orgId, id);
  }

  @FieldResolver(() => [ReconciliationDiscrepancy], { description: 'What it found.' })
  discrepancies(@Root() run: ReconciliationRun, @Ctx() ctx: GraphQLContext): Promise<ReconciliationDiscrepancy[]> {
    return reconciliationOf(ctx.container).discrepancies(run.orgId, run.id);
  }

  @FieldResolver(() => Int, {
    description: 'Discrepancies of this run not yet confirmed fixed, only those involving `system` when given.',
  })
  async openDiscrepancyCount(
    @Root() run: ReconciliationRun,
    @OptionalArg('system', () => ReconciledSystem, 'Only those that involve this system.')
    system: ReconciledSystem | undefined,
    @Ctx() ctx: GraphQLContext,
  ): Promise<number> {
    const rows = await reconciliationOf(ctx.container).discrepancies(run.orgId, run.id);
    return rows.filter((d) => d.status !== 'FIXED' && (!system || d.systems.includes(system))).length;
  }

  @FieldResolver(() => String, { description: 'Where the CSV of this run downloads (same access as the query).' })
  csvUrl(@Root() run: ReconciliationRun): string {
    return `/api/reconciliation/runs/${run.id}.csv`;
  }

  @Mutation(() => ReconciliationDiscrepancy, {
    description:
      'Applies Settle’s fix to a discrepancy it can fix itself (pushes what is missing to QuickBooks, voids what should be void), logs it in the audit trail and marks it FIXING; a re-check marks it FIXED once the systems agree. Admins only.',
  })
  fixReconciliationDiscrepancy(
    @IdArg('id', 'The discrepancy.') id: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ): Promise<ReconciliationDiscrepancy> {
    return reconciliationOf(container).fix(orgId, actor, id);
  }
}
