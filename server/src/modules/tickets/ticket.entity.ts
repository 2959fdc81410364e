import { CreatedAtColumn, UuidColumn, TextColumn } from '../../platform/database/columns.js';
import { Field, ID } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('tickets', 'A unit of work for a client that time is logged against.')
export class Ticket extends OrgRecord {
  @Field(() => ID) @UuidColumn('client_id') clientId: string;
  @Field(() => String) @TextColumn() title: string;
  @Field(() => Date) @CreatedAtColumn() createdAt: Date;
}
