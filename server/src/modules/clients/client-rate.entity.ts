import { MinorUnitsColumn, UuidColumn } from '../../platform/database/columns.js';
import { Field, ID } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('client_rates', "A client's negotiated rate for one service, in the client's currency.", { node: true })
export class ClientRate extends ClientRecord {
  @Field(() => ID, { description: 'The catalog service the rate is for.' }) @UuidColumn('service_id') serviceId: string;
  @Field(() => MoneyScalar, {
    description: "The client's price per unit (per hour for time) in minor units of the client's currency.",
  })
  @MinorUnitsColumn('unit_amount')
  unitAmount: number;
}
