import { IdColumn, OrgIdColumn, UuidColumn } from '../../platform/database/columns.js';
import {
  BooleanField,
  CreatedAtField,
  CurrencyField,
  MinorUnitsField,
  TextField,
} from '../../platform/database/graphql-columns.js';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('services', 'A billable service in the catalog. Archived (inactive) rather than deleted once used.', {
  node: true,
})
export class Service extends OrgRecord {
  @TextField({ description: 'Its short code, unique in the org.' }) code: string;
  @TextField({ description: 'Its name on invoices.' }) name: string;
  @TextField({ description: 'What it is, as invoice lines may show it.' }) description: string;
  @BooleanField({ description: 'False once archived: kept on old invoices, not offered for new work.' })
  active: boolean;
  @CreatedAtField() createdAt: Date;
}

@GraphQLEntity('service_prices', 'Unit price of a service (per hour for time) in one currency.', { node: true })
export class ServicePrice {
  @IdColumn() id: string;
  @OrgIdColumn() orgId: string;
  @UuidColumn('service_id') serviceId: string;
  @CurrencyField({ description: 'ISO 4217 currency code.' }) currency: string;
  @MinorUnitsField('unit_amount', { description: 'Price per unit (per hour for time) in minor units of the currency.' })
  unitAmount: number;
}
