import DataLoader from 'dataloader';
import { Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IdArg, InputArg, OptionalArg } from '../../graphql/args.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, Staff, type StaffAccess } from '../../graphql/guards.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { remindersOf } from './reminders.integration.js';
import { remindersOfInvoices } from './reminder-view.js';
import { EffectiveReminderPolicy, InvoiceReminder, ReminderPolicyInput } from './reminder.types.js';

@Resolver()
export class ReminderPolicyResolver {
  @Query(() => EffectiveReminderPolicy, {
    description:
      "The payment reminder schedule of the organization, or the one that applies to a client (its own or the organization's).",
  })
  reminderPolicy(
    @OptionalArg('clientId', () => ID, "A client's policy (its override or the org's); left out: the org's.")
    clientId: string | null | undefined,
    @Staff() { orgId, container }: StaffAccess,
  ): Promise<EffectiveReminderPolicy> {
    return remindersOf(container).policies.effective(orgId, clientId ?? null);
  }

  @Mutation(() => EffectiveReminderPolicy, {
    description:
      "Sets the organization's payment reminder schedule, or a client's own when clientId is given (audited).",
  })
  setReminderPolicy(
    @InputArg(() => ReminderPolicyInput, 'The policy, and the client it is for (if any).')
    input: ReminderPolicyInput,
    @Staff() { orgId, actor, container }: StaffAccess,
  ): Promise<EffectiveReminderPolicy> {
    return remindersOf(container).policies.set(orgId, actor, input);
  }

  @Mutation(() => EffectiveReminderPolicy, {
    description: "Drops a client's own reminder schedule: it follows the organization's again (audited).",
  })
  clearClientReminderPolicy(
    @IdArg('clientId', "The client whose override to remove (it follows the org's policy again).")
    clientId: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ): Promise<EffectiveReminderPolicy> {
    return remindersOf(container).policies.clearClient(orgId, actor, clientId);
  }
}

/** One loader per request (the context's loaders object) and org: a list of invoices reads reminders in one batch. */
const loaders = new WeakMap<object, DataLoader<string, InvoiceReminder[]>>();
function remindersLoader(ctx: GraphQLContext, orgId: string): DataLoader<string, InvoiceReminder[]> {
  let loader = loaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader((ids) => remindersOfInvoices(ctx.container, orgId, ids));
    loaders.set(ctx.loaders, loader);
  }
  return loader;
}

@Resolver(() => Invoice)
export class InvoiceRemindersResolver {
  @FieldResolver(() => [InvoiceReminder], {
    description:
      'Payment reminders of this invoice: sent, skipped, failed and planned, by offset (billing staff only).',
  })
  reminders(@Root() inv: Invoice, @OrgId() orgId: string, @Ctx() ctx: GraphQLContext): Promise<InvoiceReminder[]> {
    return remindersLoader(ctx, orgId).load(inv.id);
  }
}
