import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { AuditEvent, ActorType } from './audit-event.entity.js';
import { parseActivityArgs } from './audit-filter.js';

@Resolver()
export class AuditResolver {
  @Query(() => [AuditEvent], {
    description:
      'The org-wide activity log (audit trail), newest first, narrowed by any of actor, object, action and ' +
      'date range. Page with `before` = the last id seen.',
  })
  auditEvents(
    @Arg('entityType', () => String, { nullable: true, description: 'Object type, e.g. Invoice' })
    entityType: string | undefined,
    @Arg('entityId', () => ID, { nullable: true, description: 'One object' }) entityId: string | undefined,
    @Arg('actorType', () => ActorType, { nullable: true }) actorType: ActorType | undefined,
    @Arg('actorId', () => String, { nullable: true, description: 'A user, API token or portal user id' })
    actorId: string | undefined,
    @Arg('action', () => String, { nullable: true, description: 'e.g. invoice.sent' }) action: string | undefined,
    @Arg('from', () => String, { nullable: true, description: 'From this date or time (inclusive)' })
    from: string | undefined,
    @Arg('to', () => String, { nullable: true, description: 'Up to this time, or through this date' })
    to: string | undefined,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    // String, not ID: audit ids are numbers, and every ID argument must be a UUID (graphql/id-validation.ts).
    @Arg('before', () => String, { nullable: true, description: 'The id of the last event seen' })
    before: string | undefined,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const filter = parseActivityArgs({ entityType, entityId, actorType, actorId, action, from, to, before, first });
    return ctx.container.audit.list(orgId, filter);
  }
}
