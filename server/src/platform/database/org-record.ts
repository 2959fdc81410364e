import { Field, ID, ObjectType } from 'type-graphql';
import { IdColumn, OrgIdColumn } from './columns.js';

/**
 * What most tenant rows open with: a generated uuid id (the row's GraphQL ID where the row is a GraphQL
 * type) and the org the row belongs to (never a field: a caller only ever sees its own org's rows).
 */
@ObjectType()
export abstract class OrgRecord {
  @Field(() => ID) @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
}
