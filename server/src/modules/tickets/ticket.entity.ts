import { CreatedAtField, TextField } from '../../platform/database/graphql-columns.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('tickets', 'A unit of work for a client that time is logged against.', { node: true })
export class Ticket extends ClientRecord {
  @TextField({ description: 'What the ticket is about.' }) title: string;
  @CreatedAtField() createdAt: Date;
}
