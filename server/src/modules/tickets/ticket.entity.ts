import { Entity } from 'typeorm';
import { IdColumn, OrgIdColumn, CreatedAtColumn, UuidColumn, TextColumn } from '../../platform/database/columns.js';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A unit of work for a client that time is logged against.' })
@Entity('tickets')
export class Ticket {
  @Field(() => ID) @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
  @Field(() => ID) @UuidColumn('client_id') clientId: string;
  @Field(() => String) @TextColumn() title: string;
  @Field(() => Date) @CreatedAtColumn() createdAt: Date;
}
