import { IsEmail, IsEnum, IsUUID, Length, Min, ValidateNested } from 'class-validator';
import { PostalAddressInput } from './postal-address.js';
import { Field, ID, InputType } from 'type-graphql';
import {
  NameText,
  NestedList,
  OptionalField,
  OptionalBoolean,
  OptionalInt,
  OptionalText,
} from '../../graphql/input-rules.js';
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
  @OptionalField(() => String, "The client's name.")
  @NameText(200)
  name?: string;
  @OptionalField(() => String, 'Where invoices and reminders are emailed.')
  @IsEmail({}, { message: 'billingEmail must be an email address' })
  billingEmail?: string;
  @OptionalText('ISO 4217 code, e.g. USD, JPY, KWD.', 3, 3) currency?: string;
  @OptionalField(() => PostalAddressInput, 'Billing address; null removes it.')
  @ValidateNested()
  billingAddress?: PostalAddressInput | null;
  @OptionalInt("Sales tax in basis points (825 = 8.25%; null: the org's rate).", 0, 10000) taxRateBps?: number | null;
  @OptionalInt("Payment terms in days after issue (null: the org's).", 0, 365) daysUntilDue?: number | null;
  @OptionalText("The invoice memo for this client (placeholders like {period}; null: the org's).", 0, 2000)
  memoTemplate?: string | null;
  @OptionalBoolean("Let the client pay part of an invoice online (null: the org's setting).") allowPartialPayments?:
    boolean | null;
  @OptionalBoolean("Put the pay link in invoice emails (null: the org's setting).") emailPayLink?: boolean | null;
  @OptionalField(() => TimeItemization, "How this client's invoices list time; null: the org's.")
  @IsEnum(TimeItemization)
  timeItemization?: TimeItemization | null;
  @OptionalField(() => [ClientRateInput], 'Negotiated rates; replaces the whole set when given.')
  @NestedList()
  rates?: ClientRateInput[];
}

@InputType({ description: 'A client to create.' })
export class CreateClientInput extends ClientInput {
  @Field(() => String, { description: "The client's name." }) @NameText(200) declare name: string;
  @Field(() => String, { description: 'Where invoices and reminders are emailed.' })
  @IsEmail({}, { message: 'billingEmail must be an email address' })
  declare billingEmail: string;
  @Field(() => String, { description: "The currency it is billed in (ISO 4217; default the org's)." })
  @Length(3, 3)
  declare currency: string;
}

@InputType({ description: 'Changes to a client; fields left out keep their value, null clears an override.' })
export class UpdateClientInput extends ClientInput {
  @OptionalBoolean('Archive (true) or restore (false) the client.') archived?: boolean;
}
