import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
  IsArray,
} from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { OrgId, SignedIn, Staff, type StaffAccess } from '../../graphql/guards.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { badInput, notFound } from '../../platform/errors.js';
import { isKnownCurrency } from '../../platform/money.js';
import { unknownMemoVariables } from '../invoices/memo-template.js';
import type { Principal } from '../auth/principal.js';
import { Client } from './client.entity.js';
import { ClientRate } from './client-rate.entity.js';

@InputType()
class ClientRateInput {
  @Field(() => ID) @IsUUID() serviceId: string;
  @Field(() => MoneyScalar, { description: 'Hourly/unit rate in minor units of the client currency.' })
  @Min(0)
  unitAmount: number;
}

@InputType()
class ClientInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'billingEmail must be an email address' })
  billingEmail?: string;
  @Field(() => String, { nullable: true, description: 'ISO 4217 code, e.g. USD, JPY, KWD.' })
  @IsOptional()
  @Length(3, 3)
  currency?: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10000) taxRateBps?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(365) daysUntilDue?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) memoTemplate?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() allowPartialPayments?: boolean | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() emailPayLink?: boolean | null;
  @Field(() => [ClientRateInput], {
    nullable: true,
    description: 'Negotiated rates; replaces the whole set when given.',
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  rates?: ClientRateInput[];
}

@InputType()
class CreateClientInput extends ClientInput {
  @Field(() => String) @Length(1, 200) declare name: string;
  @Field(() => String) @IsEmail({}, { message: 'billingEmail must be an email address' }) declare billingEmail: string;
  @Field(() => String) @Length(3, 3) declare currency: string;
}

@InputType()
class UpdateClientInput extends ClientInput {
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() archived?: boolean;
}

function checkClientInput(input: ClientInput): void {
  if (input.currency && !isKnownCurrency(input.currency))
    throw badInput('currency', `${input.currency} is not an ISO 4217 currency code`);
  const unknown = input.memoTemplate ? unknownMemoVariables(input.memoTemplate) : [];
  if (unknown.length) throw badInput('memoTemplate', `Unknown variable(s): ${unknown.map((v) => `{${v}}`).join(', ')}`);
}

@Resolver(() => Client)
export class ClientResolver {
  @Query(() => [Client])
  clients(
    @Arg('includeArchived', () => Boolean, { defaultValue: false }) includeArchived: boolean,
    @Arg('search', () => String, { nullable: true }) search: string | undefined,
    @OrgId() orgId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.container.clients.list(orgId, { includeArchived, search });
  }

  @Query(() => Client, { description: 'A client by id; portal users may read their own client.' })
  client(@Arg('id', () => ID) id: string, @SignedIn() p: Principal, @Ctx() ctx: GraphQLContext) {
    if (p.kind === 'portal' && id !== p.clientId) throw notFound('Client');
    return ctx.container.clients.get(p.orgId, id);
  }

  @Mutation(() => Client)
  createClient(
    @Arg('input', () => CreateClientInput) input: CreateClientInput,
    @Staff() { orgId, actor }: StaffAccess,
    @Ctx() ctx: GraphQLContext,
  ) {
    checkClientInput(input);
    return ctx.container.clients.create(orgId, actor, input);
  }

  @Mutation(() => Client)
  updateClient(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateClientInput) input: UpdateClientInput,
    @Staff() { orgId, actor }: StaffAccess,
    @Ctx() ctx: GraphQLContext,
  ) {
    checkClientInput(input);
    return ctx.container.clients.update(orgId, actor, id, input);
  }

  @FieldResolver(() => [ClientRate])
  rates(@Root() c: Client, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.ratesByClient.load(c.id);
  }
}
