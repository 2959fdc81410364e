import { Field, ID, ObjectType } from 'type-graphql';
import { OrgIdColumn, UpdatedAtColumn, UuidColumn, UuidPrimaryColumn } from './columns.js';
import { IdField, UuidField } from './graphql-columns.js';

/**
 * What most tenant rows open with: a generated uuid id (the row's GraphQL ID where the row is a GraphQL
 * type) and the org the row belongs to (never a field: a caller only ever sees its own org's rows).
 */
@ObjectType()
export abstract class OrgRecord {
  @IdField("Settle's id (a UUID, unique across types: `node(id:)` refetches it).") id: string;
  @OrgIdColumn() orgId: string;
}

/** A tenant row that belongs to one client of the org: the client's id is a column and a GraphQL ID field. */
@ObjectType()
export abstract class ClientRecord extends OrgRecord {
  @UuidField('client_id', { description: 'The client it belongs to.' }) clientId: string;
}

/**
 * A level of settings: the org's defaults (client_id null) or one client's overrides of them, where a null
 * setting follows the org's. Never a GraphQL type itself: the API shows the settings as they apply.
 */
export abstract class OrgOrClientSettingsRecord extends OrgRecord {
  @UuidColumn('client_id', { nullable: true }) clientId: string | null;
  @UpdatedAtColumn() updatedAt: Date;
}

/** The GraphQL view of settings as they apply at one level: the org's defaults or one client's. */
@ObjectType()
export abstract class AppliedSettings {
  @Field(() => ID, { nullable: true, description: 'The client these apply to; null: the organization default.' })
  clientId: string | null;
}

/** A table of at most one row per client of the org (its autopay switch, its Stripe customer), keyed by the client. */
export abstract class PerClientRow {
  @UuidPrimaryColumn('client_id') clientId: string;
  @OrgIdColumn() orgId: string;
}
