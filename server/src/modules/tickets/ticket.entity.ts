import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A unit of work for a client that time is logged against.' })
@Entity('tickets')
export class Ticket {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'org_id' }) orgId: string;
  @Field(() => ID) @Column({ type: 'uuid', name: 'client_id' }) clientId: string;
  @Field(() => String) @Column({ type: 'text' }) title: string;
  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
