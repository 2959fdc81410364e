import { Args, Ctx, Field, FieldResolver, InputType, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ArchivablePageArgs, Connection, toConnection } from '../../graphql/connection.js';
import { IsBoolean, Length, Matches, Min } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { NameText, NestedList, OptionalField } from '../../graphql/input-rules.js';
import { staffEdits } from '../../graphql/staff-writes.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { badInput } from '../../platform/errors.js';
import { isKnownCurrency } from '../../platform/money.js';
import { Service, ServicePrice } from './service.entity.js';

@InputType({ description: 'A unit price of a service in one currency.' })
class ServicePriceInput {
  @Field(() => String, { description: 'ISO 4217 currency code (e.g. USD).' }) @Length(3, 3) currency: string;
  @Field(() => MoneyScalar, { description: 'Price per unit (per hour for time) in minor units of the currency.' })
  @Min(0, { message: 'unitAmount cannot be negative' })
  unitAmount: number;
}

@InputType({ description: 'Changes to a catalog service; fields left out keep their value.' })
class ServiceInput {
  @OptionalField(
    () => String,
    'A short code, unique in the org (letters, digits, dot, dash or underscore; at most 40).',
  )
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'code is 1-40 letters, digits, dot, dash or underscore' })
  code?: string;
  @OptionalField(() => String, 'Its name on invoices.') @NameText(200) name?: string;
  @OptionalField(() => String, 'What it is, as invoice lines may show it.') @Length(0, 2000) description?: string;
  @OptionalField(() => Boolean, 'false archives the service.') @IsBoolean() active?: boolean;
  @OptionalField(() => [ServicePriceInput], 'Unit prices per currency (upserted).')
  @NestedList()
  prices?: ServicePriceInput[];
}

@InputType({ description: 'A service of the catalog to create.' })
class CreateServiceInput extends ServiceInput {
  @Field(() => String, {
    description: 'A short code, unique in the org (letters, digits, dot, dash or underscore; at most 40).',
  })
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'code is 1-40 letters, digits, dot, dash or underscore' })
  declare code: string;
  @Field(() => String, { description: 'Its name on invoices.' }) @NameText(200) declare name: string;
}

function checkPrices(input: ServiceInput): void {
  const seen = new Set<string>();
  input.prices?.forEach((p, i) => {
    if (!isKnownCurrency(p.currency))
      throw badInput(`prices.${i}.currency`, `${p.currency} is not an ISO 4217 currency code`);
    // One price per currency: it also bounds the list (20,000 prices were 20,000 upserts in one request).
    const currency = p.currency.toUpperCase();
    if (seen.has(currency))
      throw badInput(`prices.${i}.currency`, `${currency} is given twice; one price per currency`);
    seen.add(currency);
  });
}

@ObjectType({ description: 'A page of catalog services by code (50 when no size is given, at most 500).' })
class ServiceConnection extends Connection(Service, 'Service', 'services') {}

@Resolver(() => Service)
export class CatalogResolver extends staffEdits({
  type: Service,
  name: 'Service',
  noun: 'catalog service',
  who: 'billing staff',
  createInput: CreateServiceInput,
  updateInput: ServiceInput,
  updateDescription: 'Edit, archive (active: false) or restore a service.',
  service: (c) => c.catalog,
  check: checkPrices,
}) {
  @Query(() => ServiceConnection, { description: 'The catalog by code.' })
  async services(@Args(() => ArchivablePageArgs) a: ArchivablePageArgs, @Staff() { orgId, container }: StaffAccess) {
    return toConnection(await container.catalog.list(orgId, a.includeArchived, a));
  }

  @FieldResolver(() => [ServicePrice], { description: 'Its unit prices, one per currency (billing staff and admins).' })
  prices(@Root() s: Service, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.pricesByService.load(s.id);
  }
}
