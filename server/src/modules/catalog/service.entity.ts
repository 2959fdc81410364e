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
  @Field(() => String, { description: 'Its short code, unique in the org.' }) @TextColumn() code: string;
  @Field(() => String, { description: 'Its name on invoices.' }) @TextColumn() name: string;
  @Field(() => String, { description: 'What it is, as invoice lines may show it.' }) @TextColumn() description: string;
  @Field(() => Boolean, { description: 'False once archived: kept on old invoices, not offered for new work.' })
  @BooleanColumn()
  active: boolean;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}

@GraphQLEntity('service_prices', 'Unit price of a service (per hour for time) in one currency.', { node: true })
export class ServicePrice {
  @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
  @UuidColumn('service_id') serviceId: string;
  @Field(() => String, { description: 'ISO 4217 currency code.' }) @CurrencyColumn() currency: string;
  @Field(() => MoneyScalar, { description: 'Price per unit (per hour for time) in minor units of the currency.' })
  @MinorUnitsColumn('unit_amount')
  unitAmount: number;
}
