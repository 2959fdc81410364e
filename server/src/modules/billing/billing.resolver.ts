import { Arg, Args, ArgsType, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import { badInput } from '../../platform/errors.js';
import { StaffWith, type StaffCaller } from '../../graphql/guards.js';
import { NextInvoicePreview } from '../contracts/contract.types.js';
import { UpcomingBilling } from './billing-forecast.js';
import { BillingSettings, BillingSettingsInput } from './billing-settings.js';
import { BillingRun, BillingRunStatus } from './billing.entities.js';
import { Connection, Filter, IdFilter, PageArgs, toConnection } from '../../graphql/connection.js';
import { billingOf, type BillingModule } from './billing.services.js';

/** A request waits for what it bills; more than this is left to the sweep. */
const RUN_NOW_LIMIT = 200;

type BillingStaff = StaffCaller & { billing: BillingModule };
const BillingStaff = () => StaffWith((c) => ({ billing: billingOf(c) }));

@ArgsType()
class BillingRunPageArgs extends PageArgs {
  @IdFilter("Only this client's runs.") clientId?: string;
  @Filter(() => [BillingRunStatus], 'Only runs with these outcomes.') status?: BillingRunStatus[];
}

@ObjectType({ description: 'A page of billing runs, newest first (50 when no size is given, at most 200).' })
class BillingRunConnection extends Connection(BillingRun, 'BillingRun', 'runs') {}

@Resolver()
export class BillingResolver {
  @Query(() => BillingSettings, {
    description: "The organization's billing settings, or a client's as they apply to it.",
  })
  billingSettings(
    @OptionalArg('clientId', () => ID, "A client's settings (its override, or the org's); left out: the org's.")
    clientId: string | undefined,
    @BillingStaff() s: BillingStaff,
  ) {
    return s.billing.settings.get(s.orgId, clientId ?? null);
  }

  @Mutation(() => BillingSettings, {
    description: "Sets the org's automatic billing settings, or one client's override.",
  })
  updateBillingSettings(
    @InputArg(() => BillingSettingsInput, 'The settings, and the client they override for (if any).')
    input: BillingSettingsInput,
    @BillingStaff() s: BillingStaff,
  ) {
    return s.billing.settings.set(s.orgId, s.actor, input);
  }

  @Query(() => NextInvoicePreview, { description: "The client's next automatic invoice as things stand now." })
  nextInvoicePreview(
    @IdArg('clientId', 'The client whose next automatic invoice to preview.') clientId: string,
    @BillingStaff() s: BillingStaff,
  ) {
    return s.billing.forecast.preview(s.orgId, clientId);
  }

  @Query(() => [UpcomingBilling], { description: 'Who the billing run bills in the coming days, soonest first.' })
  upcomingBilling(
    @Arg('days', () => Int, { description: 'How many days ahead to look (default 31).', defaultValue: 31 })
    days: number,
    @BillingStaff() s: BillingStaff,
  ) {
    return s.billing.forecast.upcoming(s.orgId, checkDays(days));
  }

  @Query(() => BillingRunConnection, {
    description: 'The billing runs per client and date, newest first, with their outcome.',
  })
  async billingRuns(@Args(() => BillingRunPageArgs) a: BillingRunPageArgs, @BillingStaff() s: BillingStaff) {
    return toConnection(await s.billing.runner.recent(s.orgId, a, a));
  }

  @Mutation(() => Int, {
    description: `Bills what is due now for this organization, at most ${RUN_NOW_LIMIT} client billing dates per call (the run every few minutes does the rest). Returns the dates billed.`,
  })
  async runBillingNow(@BillingStaff() s: BillingStaff) {
    return (await s.billing.runner.runDue({ orgId: s.orgId, maxDates: RUN_NOW_LIMIT })).billed;
  }
}

function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > 366) throw badInput('days', 'Look ahead 1 to 366 days');
  return days;
}
