import {
  IdColumn,
  OrgIdColumn,
  CreatedAtColumn,
  MinorUnitsColumn,
  CurrencyColumn,
  UuidColumn,
  TextColumn,
  BooleanColumn,
} from '../../platform/database/columns.js';
import { Field } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('services', 'A billable service in the catalog. Archived (inactive) rather than deleted once used.', {
  node: true,
})
export class Service extends OrgRecord {
  @Field(() => String) @TextColumn() code: string;
  @Field(() => String) @TextColumn() name: string;
  @Field(() => String) @TextColumn() description: string;
  @Field(() => Boolean) @BooleanColumn() active: boolean;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

@GraphQLEntity('service_prices', 'Unit price of a service (per hour for time) in one currency.')
export class ServicePrice {
  @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
  @UuidColumn('service_id') serviceId: string;
  @Field(() => String) @CurrencyColumn() currency: string;
  @Field(() => MoneyScalar) @MinorUnitsColumn('unit_amount') unitAmount: number;
}
