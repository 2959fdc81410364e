import { CreatedAtColumn, TextColumn } from '../../platform/database/columns.js';
import { Field } from 'type-graphql';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('tickets', 'A unit of work for a client that time is logged against.', { node: true })
export class Ticket extends ClientRecord {
  @Field(() => String, { description: 'What the ticket is about.' }) @TextColumn() title: string;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}
