import { Args, ArgsType, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { IdArg } from '../../graphql/args.js';
import { Length } from 'class-validator';
import { ArchivablePageArgs, Connection, Filter, toConnection } from '../../graphql/connection.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { SignedIn, Staff, type StaffAccess } from '../../graphql/guards.js';
import { staffEdits } from '../../graphql/staff-writes.js';
import { badInput, notFound } from '../../platform/errors.js';
import { isKnownCurrency } from '../../platform/money.js';
import { unknownMemoVariables } from '../invoices/memo-template.js';
import type { Principal } from '../auth/principal.js';
import { Client } from './client.entity.js';
import { ClientRate } from './client-rate.entity.js';
import { CreateClientInput, UpdateClientInput, type ClientInput } from './client.types.js';

function checkClientInput(input: ClientInput): void {
  if (input.currency && !isKnownCurrency(input.currency))
    throw badInput('currency', `${input.currency} is not an ISO 4217 currency code`);
  const unknown = input.memoTemplate ? unknownMemoVariables(input.memoTemplate) : [];
  if (unknown.length) throw badInput('memoTemplate', `Unknown variable(s): ${unknown.map((v) => `{${v}}`).join(', ')}`);
  // One negotiated rate per service (a second one broke the unique key: an INTERNAL_SERVER_ERROR).
  const services = new Set<string>();
  input.rates?.forEach((r, i) => {
    const id = r.serviceId.toLowerCase(); // a uuid in capitals is the same service
    if (services.has(id)) throw badInput(`rates.${i}.serviceId`, `Service ${id} is given twice; one rate per service`);
    services.add(id);
  });
}

@ArgsType()
class ClientPageArgs extends ArchivablePageArgs {
  @Filter(() => String, 'Part of the name.') @Length(1, 100) search?: string;
}

@ObjectType({ description: 'A page of clients by name (50 when no size is given, at most 500).' })
class ClientConnection extends Connection(Client, 'Client', 'clients') {}

@Resolver(() => Client)
export class ClientResolver extends staffEdits({
  type: Client,
  name: 'Client',
  noun: 'client',
  who: 'billing staff',
  createInput: CreateClientInput,
  updateInput: UpdateClientInput,
  updateDescription: "Changes a client's details (billing staff); fields left out keep their value.",
  service: (c) => c.clients,
  check: checkClientInput,
}) {
  @Query(() => ClientConnection, { description: "The org's clients by name." })
  async clients(@Args(() => ClientPageArgs) a: ClientPageArgs, @Staff() { orgId, container }: StaffAccess) {
    return toConnection(await container.clients.list(orgId, a, a));
  }

  @Query(() => Client, { description: 'A client by id; portal users may read their own client.' })
  client(@IdArg('id', 'The client.') id: string, @SignedIn() p: Principal, @Ctx() ctx: GraphQLContext) {
    if (p.kind === 'portal' && id !== p.clientId) throw notFound('Client');
    return ctx.container.clients.get(p.orgId, id);
  }

  @FieldResolver(() => [ClientRate], {
    description: "Prices negotiated with this client, overriding the catalog's (billing staff and admins).",
  })
  rates(@Root() c: Client, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.ratesByClient.load(c.id);
  }
}
