import {
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { PostalAddressInput } from './postal-address.js';
import { Field, ID, InputType, Int } from 'type-graphql';
import { NestedList } from '../../graphql/input-rules.js';
import { MoneyScalar } from '../../graphql/scalars.js';
import { TimeItemization } from '../invoices/time-itemization.js';

@InputType()
export class ClientRateInput {
  @Field(() => ID) @IsUUID() serviceId: string;
  @Field(() => MoneyScalar, { description: 'Hourly/unit rate in minor units of the client currency.' })
  @Min(0)
  unitAmount: number;
}

@InputType()
export class ClientInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'billingEmail must be an email address' })
  billingEmail?: string;
  @Field(() => String, { nullable: true, description: 'ISO 4217 code, e.g. USD, JPY, KWD.' })
  @IsOptional()
  @Length(3, 3)
  currency?: string;
  @Field(() => PostalAddressInput, { nullable: true, description: 'Billing address; null removes it.' })
  @IsOptional()
  @ValidateNested()
  billingAddress?: PostalAddressInput | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10000) taxRateBps?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(365) daysUntilDue?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 2000) memoTemplate?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() allowPartialPayments?: boolean | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() emailPayLink?: boolean | null;
  @Field(() => TimeItemization, {
    nullable: true,
    description: "How this client's invoices list time; null: the org's.",
  })
  @IsOptional()
  @IsEnum(TimeItemization)
  timeItemization?: TimeItemization | null;
  @Field(() => [ClientRateInput], {
    nullable: true,
    description: 'Negotiated rates; replaces the whole set when given.',
  })
  @IsOptional()
  @NestedList()
  rates?: ClientRateInput[];
}

@InputType()
export class CreateClientInput extends ClientInput {
  @Field(() => String) @Length(1, 200) declare name: string;
  @Field(() => String) @IsEmail({}, { message: 'billingEmail must be an email address' }) declare billingEmail: string;
  @Field(() => String) @Length(3, 3) declare currency: string;
}

@InputType()
export class UpdateClientInput extends ClientInput {
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() archived?: boolean;
}
