import { PrimaryGeneratedColumn } from 'typeorm';
import { OrgIdColumn, UuidColumn, TextColumn, TimestampColumn, JsonbColumn } from '../../platform/database/columns.js';
import { Field, ID } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ActorType, sourceLabel } from '../../platform/actor.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { actionLabel } from './audit-labels.js';
import { ActorSource } from './actor-source.js';
import { registerDescribedEnum } from '../../graphql/described-enum.js';

export { ActorType };
registerDescribedEnum(
  ActorType,
  'ActorType',
  {
    USER: 'A staff user, in the admin app or with their session.',
    TOKEN: 'An API token.',
    PORTAL_USER: "A client's portal user.",
    SYSTEM: 'Settle itself (a schedule or an automatic rule).',
    PROVIDER: 'Stripe or QuickBooks, through their webhooks or sync.',
  },
  'Who made a change.',
);

@GraphQLEntity('audit_events', 'One state change: who did it, through what, and the entity before and after.')
export class AuditEvent {
  @Field(() => ID, { description: "The event's id (a growing number: later events have larger ids)." })
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @OrgIdColumn() orgId: string;
  @Field(() => ActorType, { description: 'What kind of actor did it.' }) @TextColumn('actor_type') actorType: ActorType;
  @Field(() => String, {
    description: 'The user, token or portal user who did it (null for Settle itself and providers).',
    nullable: true,
  })
  @TextColumn('actor_id', { nullable: true })
  actorId: string | null;
  @Field(() => String, {
    description: 'Who did it, as people read it ("Ann <ann@example.com>", "Stripe", "Automatic billing").',
  })
  @TextColumn('actor_label')
  actorLabel: string;
  @Field(() => ActorSource, { description: 'Where the change came from (see `via` for the words people read).' })
  @TextColumn()
  source: string;
  @Field(() => String, { description: 'The kind of entity that changed (`invoice`, `payment`, `client`…).' })
  @TextColumn('entity_type')
  entityType: string;
  @Field(() => ID, { description: 'The id of the entity that changed.' }) @UuidColumn('entity_id') entityId: string;
  @Field(() => String, {
    description: 'What happened, as a stable code (`invoice.sent`, `payment.recorded`…); `label` says it in words.',
  })
  @TextColumn()
  action: string;
  @Field(() => GraphQLJSONObject, {
    description: 'The entity before the change (null for a creation).',
    nullable: true,
  })
  @JsonbColumn({ nullable: true })
  before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, {
    description: 'The entity after the change, as Settle stored it (null for a deletion).',
    nullable: true,
  })
  @JsonbColumn({ nullable: true })
  after: Record<string, unknown> | null;
  @Field(() => Date, { description: 'When it happened.' }) @TimestampColumn('created_at') createdAt: Date;

  @Field(() => String, { description: 'Where it was done, for people: "Admin app", "Client portal", "API", "Stripe"…' })
  get via(): string {
    return sourceLabel(this.source);
  }

  @Field(() => String, { description: 'What happened, in words: "invoice.sent" reads "Sent"' })
  get label(): string {
    return actionLabel(this.action);
  }
}
