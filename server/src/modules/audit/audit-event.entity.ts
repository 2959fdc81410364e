import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ActorType } from '../../platform/actor.js';

export { ActorType };
registerEnumType(ActorType, { name: 'ActorType' });

@ObjectType({ description: 'One state change: who did it, through what, and the entity before and after.' })
@Entity('audit_events')
export class AuditEvent {
  @Field(() => ID) @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ActorType) @Column({ type: 'text', name: 'actor_type' }) actorType: ActorType;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', name: 'actor_id', nullable: true }) actorId: string | null;
  @Field(() => String) @Column({ type: 'text', name: 'actor_label' }) actorLabel: string;
  @Field(() => String, { description: 'api, portal, stripe, quickbooks, system' }) @Column({ type: 'text' }) source: string;
  @Field(() => String) @Column({ type: 'text', name: 'entity_type' }) entityType: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'entity_id' }) entityId: string;
  @Field(() => String) @Column({ type: 'text' }) action: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) @Column({ type: 'jsonb', nullable: true }) before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) @Column({ type: 'jsonb', nullable: true }) after: Record<string, unknown> | null;
  @Field(() => Date) @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
