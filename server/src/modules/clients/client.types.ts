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

@InputType({ description: 'A price negotiated with the client for one catalog service.' })
export class ClientRateInput {
  @Field(() => ID, { description: 'The catalog service.' }) @IsUUID() serviceId: string;
  @Field(() => MoneyScalar, { description: 'Hourly/unit rate in minor units of the client currency.' })
  @Min(0)
  unitAmount: number;
}

@InputType()
export class ClientInput {
  @Field(() => String, { description: "The client's name.", nullable: true })
  @IsOptional()
  @Length(1, 200)
  name?: string;
  @Field(() => String, { description: 'Where invoices and reminders are emailed.', nullable: true })
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
  @Field(() => Int, { description: "Sales tax in basis points (825 = 8.25%; null: the org's rate).", nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  taxRateBps?: number | null;
  @Field(() => Int, { description: "Payment terms in days after issue (null: the org's).", nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  daysUntilDue?: number | null;
  @Field(() => String, {
    description: "The invoice memo for this client (placeholders like {period}; null: the org's).",
    nullable: true,
  })
  @IsOptional()
  @Length(0, 2000)
  memoTemplate?: string | null;
  @Field(() => Boolean, {
    description: "Let the client pay part of an invoice online (null: the org's setting).",
    nullable: true,
  })
  @IsOptional()
  @IsBoolean()
  allowPartialPayments?: boolean | null;
  @Field(() => Boolean, {
    description: "Put the pay link in invoice emails (null: the org's setting).",
    nullable: true,
  })
  @IsOptional()
  @IsBoolean()
  emailPayLink?: boolean | null;
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

@InputType({ description: 'A client to create.' })
export class CreateClientInput extends ClientInput {
  @Field(() => String, { description: "The client's name." }) @Length(1, 200) declare name: string;
  @Field(() => String, { description: 'Where invoices and reminders are emailed.' })
  @IsEmail({}, { message: 'billingEmail must be an email address' })
  declare billingEmail: string;
  @Field(() => String, { description: "The currency it is billed in (ISO 4217; default the org's)." })
  @Length(3, 3)
  declare currency: string;
}

@InputType({ description: 'Changes to a client; fields left out keep their value, null clears an override.' })
export class UpdateClientInput extends ClientInput {
  @Field(() => Boolean, { description: 'Archive (true) or restore (false) the client.', nullable: true })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}
