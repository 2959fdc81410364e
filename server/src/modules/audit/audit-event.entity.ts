import { PrimaryGeneratedColumn } from 'typeorm';
import { OrgIdColumn, UuidColumn, TextColumn, TimestampColumn, JsonbColumn } from '../../platform/database/columns.js';
import { Field, ID, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ActorType, sourceLabel } from '../../platform/actor.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { actionLabel } from './audit-labels.js';
import { ActorSource } from './actor-source.js';

export { ActorType };
registerEnumType(ActorType, { name: 'ActorType' });

@GraphQLEntity('audit_events', 'One state change: who did it, through what, and the entity before and after.')
export class AuditEvent {
  @Field(() => ID) @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @OrgIdColumn() orgId: string;
  @Field(() => ActorType) @TextColumn('actor_type') actorType: ActorType;
  @Field(() => String, { nullable: true }) @TextColumn('actor_id', { nullable: true }) actorId: string | null;
  @Field(() => String) @TextColumn('actor_label') actorLabel: string;
  @Field(() => ActorSource, { description: 'Where the change came from (see `via` for the words people read).' })
  @TextColumn()
  source: string;
  @Field(() => String) @TextColumn('entity_type') entityType: string;
  @Field(() => ID) @UuidColumn('entity_id') entityId: string;
  @Field(() => String) @TextColumn() action: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @JsonbColumn({ nullable: true }) before: Record<
    string,
    unknown
  > | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) @JsonbColumn({ nullable: true }) after: Record<
    string,
    unknown
  > | null;
  @Field(() => Date) @TimestampColumn('created_at') createdAt: Date;

  @Field(() => String, { description: 'Where it was done, for people: "Admin app", "Client portal", "API", "Stripe"…' })
  get via(): string {
    return sourceLabel(this.source);
  }

  @Field(() => String, { description: 'What happened, in words: "invoice.sent" reads "Sent"' })
  get label(): string {
    return actionLabel(this.action);
  }
}
