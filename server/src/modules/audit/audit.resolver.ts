import { Args, ArgsType, ID, ObjectType, Query, Resolver } from 'type-graphql';

import { Connection, DateRangeInput, Filter, PageArgs, toConnection } from '../../graphql/connection.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { ADMIN, callerOf, decide } from '../../graphql/access-policy.js';
import { AuditEvent, ActorType } from './audit-event.entity.js';
import { ADMIN_ONLY_ENTITY_TYPES, parseActivityArgs } from './audit-filter.js';

@ArgsType()
class AuditEventPageArgs extends PageArgs {
  @Filter(() => String, 'Object type, e.g. Invoice') entityType?: string;
  @Filter(() => ID, 'One object') entityId?: string;
  @Filter(() => ActorType, 'Who acted: a user, an API token, a portal user, Settle.') actorType?: ActorType;
  @Filter(() => String, 'A user, API token or portal user id') actorId?: string;
  @Filter(() => String, 'e.g. invoice.sent') action?: string;
  @Filter(() => DateRangeInput, 'Happened on these dates (UTC).') occurred?: DateRangeInput;
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
    @Staff() { orgId, principal, container }: StaffAccess,
  ) {
    // What only admins may list (staff users, API tokens, webhook endpoints) stays theirs in the trail too.
    const admin = decide(ADMIN, callerOf(principal), 'query') === 'allow';
    const filter = { ...parseActivityArgs(a), ...(admin ? {} : { hiddenEntityTypes: ADMIN_ONLY_ENTITY_TYPES }) };
    return toConnection(await container.audit.list(orgId, filter, a));
  }
}
