import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IdArg, InputArg } from '../../graphql/args.js';
import { ArrayMaxSize, ArrayMinSize, IsUUID } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { BILLING_ROLES, Staff, type StaffAccess } from '../../graphql/guards.js';
import { badInput } from '../../platform/errors.js';
import { charCount } from '../../platform/text-length.js';
import { AdminUserView } from '../auth/auth.types.js';
import { Client } from '../clients/client.entity.js';
import { Service } from '../catalog/service.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { TimeEntry } from './time-entry.entity.js';
import { toConnection } from '../../graphql/connection.js';
import { LogTimeInput, TimeEntryConnection, TimeEntryListArgs, UpdateTimeEntryInput } from './time-entry.types.js';

@ArgsType()
class IdsArgs {
  @Field(() => [ID], { description: 'The entries (at most 500).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'ids must be time entry ids' })
  ids: string[];
}

/** The most a rejection reason holds, in characters (charCount), as refundPayment's reason. */
export const MAX_REJECTION_REASON = 500;

/** The reason trimmed, or BAD_USER_INPUT on `reason` when there is none (`missing`) or too much. */
function rejectionReason(reason: string, missing: string): string {
  const t = reason.trim();
  if (!t) throw badInput('reason', missing);
  if (charCount(t) > MAX_REJECTION_REASON)
    throw badInput('reason', `The reason can be at most ${MAX_REJECTION_REASON} characters`);
  return t;
}

/** A technician works on their own time only: their user id; everyone else: undefined. */
function ownTimeOnly(principal: StaffAccess['principal']): string | undefined {
  return principal.kind === 'user' && principal.role === 'TECHNICIAN' ? principal.userId : undefined;
}

@Resolver(() => TimeEntry)
export class TimeEntryResolver {
  @Query(() => TimeEntryConnection, { description: 'Technicians see their own time; billing staff see everyone’s.' })
  async timeEntries(
    @Args(() => TimeEntryListArgs) a: TimeEntryListArgs,
    @Staff() { orgId, principal, container }: StaffAccess,
  ) {
    const filter = { ...a, technicianId: ownTimeOnly(principal) ?? a.technicianId };
    return toConnection(await container.timeEntries.list(orgId, filter, a));
  }

  @Mutation(() => TimeEntry, {
    description: 'Logs time on a ticket (a draft entry of the signed-in technician, or of another for billing staff).',
  })
  logTime(
    @InputArg(() => LogTimeInput, 'The time to log.') input: LogTimeInput,
    @Staff() { orgId, actor, principal, container }: StaffAccess,
  ) {
    const self = principal.kind === 'user' ? principal.userId : undefined;
    const technicianId = input.technicianId ?? self;
    if (!technicianId) throw badInput('technicianId', 'API tokens must name the technician');
    if (principal.kind === 'user' && !BILLING_ROLES.includes(principal.role)) {
      if (technicianId !== self) throw badInput('technicianId', 'Technicians log their own time');
      // The rate is what the client is billed: billing staff set it, not the person whose time it is.
      if (input.rateOverride != null) throw badInput('rateOverride', 'Only billing staff set a rate for one entry');
    }
    return container.timeEntries.log(orgId, actor, { ...input, technicianId });
  }

  @Mutation(() => TimeEntry, {
    description: 'Edits a DRAFT or REJECTED entry (technicians: their own), and submits it when asked.',
  })
  updateTimeEntry(
    @IdArg('id', 'The entry (draft or rejected).') id: string,
    @InputArg(() => UpdateTimeEntryInput, 'The fields to change.') input: UpdateTimeEntryInput,
    @Staff() { orgId, actor, principal, container }: StaffAccess,
  ) {
    return container.timeEntries.update(orgId, actor, id, input, ownTimeOnly(principal));
  }

  @Mutation(() => [TimeEntry], { description: 'Submits draft time entries for approval.' })
  submitTimeEntries(
    @Args(() => IdsArgs) { ids }: IdsArgs,
    @Staff() { orgId, actor, principal, container }: StaffAccess,
  ) {
    return container.timeEntries.submit(orgId, actor, ids, ownTimeOnly(principal));
  }

  @Mutation(() => [TimeEntry], { description: 'Approves submitted time entries: they can be billed.' })
  approveTimeEntries(@Args(() => IdsArgs) { ids }: IdsArgs, @Staff() { orgId, actor, container }: StaffAccess) {
    return container.timeEntries.approve(orgId, actor, ids);
  }

  @Mutation(() => TimeEntry, { description: 'Rejects a submitted time entry back to its technician.' })
  async rejectTimeEntry(
    @IdArg('id', 'The entry.') id: string,
    @Arg('reason', () => String, { description: 'Why, for the technician.' }) reason: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    const why = rejectionReason(reason, 'Say why the entry is rejected');
    return (await container.timeEntries.reject(orgId, actor, [id], why, 'id'))[0]!;
  }

  @Mutation(() => [TimeEntry], { description: 'Bulk reject with one reason.' })
  rejectTimeEntries(
    @Args(() => IdsArgs) { ids }: IdsArgs,
    @Arg('reason', () => String, { description: 'Why, for the technician.' }) reason: string,
    @Staff() { orgId, actor, container }: StaffAccess,
  ) {
    return container.timeEntries.reject(orgId, actor, ids, rejectionReason(reason, 'Say why the entries are rejected'));
  }

  @FieldResolver(() => Ticket, { description: 'The ticket worked on.' })
  async ticket(@Root() e: TimeEntry, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.ticket.load(e.ticketId))!;
  }

  @FieldResolver(() => Service, { description: 'The service worked.' })
  async service(@Root() e: TimeEntry, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.service.load(e.serviceId))!;
  }

  @FieldResolver(() => Client, { description: 'The client of the ticket.' })
  async client(@Root() e: TimeEntry, @Ctx() ctx: GraphQLContext) {
    return (await ctx.loaders.client.load(e.clientId))!;
  }

  @FieldResolver(() => AdminUserView, { description: 'Who worked.' })
  async technician(@Root() e: TimeEntry, @Ctx() ctx: GraphQLContext) {
    return AdminUserView.from((await ctx.loaders.user.load(e.technicianId))!);
  }
}
