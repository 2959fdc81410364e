import { ArrayMinSize, IsDateString, IsIn, IsInt, IsUUID, Length, Max, Min } from 'class-validator';
import {
  KeptDate,
  NestedList,
  OptionalField,
  OptionalDate,
  OptionalInt,
  OptionalText,
} from '../../graphql/input-rules.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import { BillingTiming, ContractCycle } from './contract-cycle.js';
import { PriceSource } from './contract.entity.js';

// What the contracts API takes and gives back (ContractService).
@InputType({ description: 'A line of a contract: a catalog service, a quantity and where its price comes from.' })
export class ContractLineInput {
  @Field(() => ID, { description: 'The catalog service it bills.' }) @IsUUID() serviceId: string;
  @OptionalText("Printed on the invoice; the service's name when empty.", 0, 200) description?: string;
  @Field(() => Int, { description: 'How many units bill each period (0 to 1,000,000).' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quantity: number;
  @Field(() => PriceSource, {
    description: 'Where its unit price comes from (default NEGOTIATED).',
    defaultValue: 'NEGOTIATED',
  })
  @IsIn(Object.keys(PriceSource))
  priceSource: PriceSource;
  @OptionalField(() => MoneyScalar, "FIXED only: the unit price in minor units of the client's currency.")
  unitPrice?: number | null;
  @OptionalText(
    "The currency the caller priced the line in (ISO 4217): refused unless it is the client's when the line is written. Omitted: the client's currency as it stands then.",
    3,
    3,
  )
  currency?: string | null;
}

@InputType({ description: 'A recurring contract to create.' })
export class CreateContractInput {
  @Field(() => ID, { description: 'The client billed.' }) @IsUUID() clientId: string;
  @Field(() => String, { description: "The contract's name, as the admin app shows it." }) @Length(1, 200) name: string;
  @Field(() => ContractCycle, { description: 'How often it bills.' })
  @IsIn(Object.keys(ContractCycle))
  cycle: ContractCycle;
  @OptionalInt('WEEKLY: weeks per period (default 1).') intervalWeeks?: number;
  @OptionalInt("Day of the month periods start (1–31; WEEKLY: weekday 1–7). Default: the start date's.")
  anchorDay?: number;
  @Field(() => BillingTiming, {
    description: 'Bill each period at its start (ADVANCE) or after it ends (ARREARS).',
    defaultValue: 'ADVANCE',
  })
  @IsIn(Object.keys(BillingTiming))
  billingTiming: BillingTiming;
  @Field(() => DateScalar, { description: 'The first day it bills for.' }) @IsDateString() startDate: string;
  @OptionalDate('The last day it bills for (null: open-ended).') endDate?: string | null;
  @Field(() => [ContractLineInput], { description: 'What it bills each period.' })
  @ArrayMinSize(1, { message: 'A contract needs at least one recurring line' })
  @NestedList(100)
  lines: ContractLineInput[];
}

@InputType({ description: 'Changes to a contract; fields left out keep their value.' })
export class UpdateContractInput {
  @OptionalText("The contract's name.", 1, 200) name?: string | null;
  @OptionalDate('Ends the contract after this day (null: open-ended).') @KeptDate() endDate?: string | null;
}

@InputType({ description: 'A new quantity for one contract line, from a date.' })
export class ChangeQuantityInput {
  @Field(() => ID, { description: 'The contract line.' }) @IsUUID() lineId: string;
  @Field(() => Int, { description: 'The new quantity (0 to 1,000,000).' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  quantity: number;
  @OptionalDate('From this day on (default: today). Not in the past.') effectiveDate?: string;
}

@ObjectType({ description: 'A line the next invoice would carry.' })
export class PreviewLine {
  @Field(() => InvoiceLineKind, { description: 'What kind of line it is.' }) kind: InvoiceLineKind;
  @Field(() => String, { description: 'What the line bills, as the invoice would print it.' }) description: string;
  @Field(() => String, { description: 'How many units, as a decimal string (time in hours).' }) quantity: string;
  @Field(() => MoneyScalar, { description: 'Price per unit in minor units.' }) unitPrice: number;
  @Field(() => MoneyScalar, { description: "The line's amount in minor units." }) amount: number;
}

@ObjectType({ description: "The client's next automatic invoice: when, and what it would carry as things stand." })
export class NextInvoicePreview {
  @Field(() => DateScalar, { nullable: true, description: 'The billing date (null: nothing scheduled).' })
  billDate: string | null;
  @Field(() => String, { description: 'ISO 4217 currency code of the amounts.' }) currency: string;
  @Field(() => [PreviewLine], { description: 'The lines the invoice would have.' }) lines: PreviewLine[];
  @Field(() => MoneyScalar, { description: 'Before tax.' }) subtotal: number;
  @Field(() => MoneyScalar, { description: 'Its total in minor units of `currency`.' }) total: number;
  @Field(() => String, { nullable: true, description: 'What stops the invoice (a missing price, say).' })
  problem: string | null;
}
