import { MinorUnitsField, UuidField } from '../../platform/database/graphql-columns.js';
import { ClientRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('client_rates', "A client's negotiated rate for one service, in the client's currency.", { node: true })
export class ClientRate extends ClientRecord {
  @UuidField('service_id', { description: 'The catalog service the rate is for.' }) serviceId: string;
  @MinorUnitsField('unit_amount', {
    description: "The client's price per unit (per hour for time) in minor units of the client's currency.",
  })
  unitAmount: number;
}
