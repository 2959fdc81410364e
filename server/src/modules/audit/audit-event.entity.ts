import { PrimaryGeneratedColumn } from 'typeorm';
import { OrgIdColumn } from '../../platform/database/columns.js';
import { JsonbField, TextField, TimestampField, UuidField } from '../../platform/database/graphql-columns.js';
import { Field, ID } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ActorType, sourceLabel } from '../../platform/actor.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { actionLabel } from './audit-labels.js';
import { ActorSource } from './actor-source.js';
import { registerDescribedEnum } from '../../graphql/described-enum.js';

export { ActorType };
registerDescribedEnum(ActorType, 'ActorType', 'Who made a change.', {
  USER: 'A staff user, in the admin app or with their session.',
  TOKEN: 'An API token.',
  PORTAL_USER: "A client's portal user.",
  SYSTEM: 'Settle itself (a schedule or an automatic rule).',
  PROVIDER: 'Stripe or QuickBooks, through their webhooks or sync.',
});

@GraphQLEntity('audit_events', 'One state change: who did it, through what, and the entity before and after.')
export class AuditEvent {
  @Field(() => ID, { description: "The event's id (a growing number: later events have larger ids)." })
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;
  @OrgIdColumn() orgId: string;
  @TextField('actor_type', { type: () => ActorType, description: 'What kind of actor did it.' }) actorType: ActorType;
  @TextField('actor_id', {
    nullable: true,
    description: 'The user, token or portal user who did it (null for Settle itself and providers).',
  })
  actorId: string | null;
  @TextField('actor_label', {
    description: 'Who did it, as people read it ("Ann <ann@example.com>", "Stripe", "Automatic billing").',
  })
  actorLabel: string;
  @TextField({
    type: () => ActorSource,
    description: 'Where the change came from (see `via` for the words people read).',
  })
  source: string;
  @TextField('entity_type', { description: 'The kind of entity that changed (`invoice`, `payment`, `client`…).' })
  entityType: string;
  @UuidField('entity_id', { description: 'The id of the entity that changed.' }) entityId: string;
  @TextField({
    description: 'What happened, as a stable code (`invoice.sent`, `payment.recorded`…); `label` says it in words.',
  })
  action: string;
  @JsonbField({
    type: () => GraphQLJSONObject,
    nullable: true,
    description: 'The entity before the change (null for a creation).',
  })
  before: Record<string, unknown> | null;
  @JsonbField({
    type: () => GraphQLJSONObject,
    nullable: true,
    description: 'The entity after the change, as Settle stored it (null for a deletion).',
  })
  after: Record<string, unknown> | null;
  @TimestampField('created_at', { description: 'When it happened.' }) createdAt: Date;

  @Field(() => String, { description: 'Where it was done, for people: "Admin app", "Client portal", "API", "Stripe"…' })
  get via(): string {
    return sourceLabel(this.source);
  }

  @Field(() => String, { description: 'What happened, in words: "invoice.sent" reads "Sent"' })
  get label(): string {
    return actionLabel(this.action);
  }
}
