import { Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { IsOptional } from 'class-validator';
import { Connection, DateRangeInput, PageArgs, toConnection } from '../../graphql/connection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId } from '../../graphql/guards.js';
import { AuditEvent, ActorType } from './audit-event.entity.js';
import { parseActivityArgs } from './audit-filter.js';

@ArgsType()
class AuditEventPageArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Object type, e.g. Invoice' }) @IsOptional() entityType?: string;
  @Field(() => ID, { nullable: true, description: 'One object' }) @IsOptional() entityId?: string;
  @Field(() => ActorType, { nullable: true, description: 'Who acted: a user, an API token, a portal user, Settle.' })
  @IsOptional()
  actorType?: ActorType;
  @Field(() => String, { nullable: true, description: 'A user, API token or portal user id' })
  @IsOptional()
  actorId?: string;
  @Field(() => String, { nullable: true, description: 'e.g. invoice.sent' }) @IsOptional() action?: string;
  @Field(() => DateRangeInput, { nullable: true, description: 'Happened on these dates (UTC).' })
  @IsOptional()
  occurred?: DateRangeInput;
}

@ObjectType({ description: 'A page of the activity log, newest first (50 when no size is given, at most 500).' })
class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent', 'events') {}

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description:
      'The org-wide activity log (audit trail), newest first, narrowed by any of actor, object, action and date range.',
  })
  async auditEvents(
    @Args(() => AuditEventPageArgs) a: AuditEventPageArgs,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.container.audit.list(orgId, parseActivityArgs(a), a));
  }
}
