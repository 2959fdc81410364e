import { Entity } from 'typeorm';
import { CreatedAtColumn, UuidColumn, TextColumn } from '../../platform/database/columns.js';
import { Field, ID, ObjectType } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';

@ObjectType({ description: 'A unit of work for a client that time is logged against.' })
@Entity('tickets')
export class Ticket extends OrgRecord {
  @Field(() => ID) @UuidColumn('client_id') clientId: string;
  @Field(() => String) @TextColumn() title: string;
  @Field(() => Date) @CreatedAtColumn() createdAt: Date;
}
