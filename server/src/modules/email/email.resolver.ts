import { Args, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, toConnection } from '../../graphql/connection.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { Email } from './email.entity.js';
import { redactEmail } from './email.service.js';

@ObjectType({ description: 'A page of emails, newest first (50 when no size is given, at most 500).' })
class EmailConnection extends Connection(Email, 'Email', 'emails') {}

@Resolver()
export class EmailResolver {
  @Query(() => EmailConnection, {
    description: 'Emails Settle sent or kept in the outbox (no SMTP_URL), newest first; sign-in links redacted.',
  })
  async emails(@Args(() => PageArgs) page: PageArgs, @Staff() { orgId, container }: StaffAccess) {
    return toConnection(await container.email.list(orgId, page), redactEmail);
  }
}
