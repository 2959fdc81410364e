import { Field } from 'type-graphql';
import { CreatedAtColumn, TextColumn, TimestampColumn } from '../../platform/database/columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { OrgRecord } from '../../platform/database/org-record.js';

@GraphQLEntity('toy_notes', 'A note, to show the shape of a module.')
export class ToyNote extends OrgRecord {
  @Field(() => String) @TextColumn() text: string;
  @Field(() => Date) @CreatedAtColumn() createdAt: Date;
  @Field(() => Date, { nullable: true }) @TimestampColumn('pinged_at', { nullable: true }) pingedAt: Date | null;
}
