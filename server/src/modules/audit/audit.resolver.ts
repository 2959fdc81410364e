import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { badInput } from '../../platform/errors.js';
import { AuditEvent } from './audit-event.entity.js';

@Resolver()
export class AuditResolver {
  @Query(() => [AuditEvent], { description: 'Audit trail, newest first. Page with `before` = the last id seen.' })
  auditEvents(
    @Arg('entityType', () => String, { nullable: true }) entityType: string | undefined,
    @Arg('entityId', () => ID, { nullable: true }) entityId: string | undefined,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('before', () => ID, { nullable: true }) before: string | undefined,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (first < 1 || first > 500) throw badInput('first', 'first must be between 1 and 500');
    if (before && !/^\d+$/.test(before)) throw badInput('before', 'before must be an audit event id');
    return ctx.container.audit.list(orgId, { entityType, entityId, limit: first, beforeId: before });
  }
}
