import { ArrayMinSize, IsDateString, IsIn, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { NestedList } from '../../graphql/input-rules.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { InvoiceLineKind } from '../invoices/invoice-line.entity.js';
import { BillingTiming, ContractCycle } from './contract-cycle.js';
import { PriceSource } from './contract.entity.js';

// What the contracts API takes and gives back (ContractService).
@InputType()
export class ContractLineInput {
  @Field(() => ID) @IsUUID() serviceId: string;
  @Field(() => String, { nullable: true, description: "Printed on the invoice; the service's name when empty." })
  @IsOptional()
  @Length(0, 200)
  description?: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(1_000_000) quantity: number;
  @Field(() => PriceSource, { defaultValue: 'NEGOTIATED' }) @IsIn(Object.keys(PriceSource)) priceSource: PriceSource;
  @Field(() => MoneyScalar, { nullable: true, description: 'FIXED only: the unit price in minor units.' })
  @IsOptional()
  unitPrice?: number | null;
}

@InputType()
export class CreateContractInput {
  @Field(() => ID) @IsUUID() clientId: string;
  @Field(() => String) @Length(1, 200) name: string;
  @Field(() => ContractCycle) @IsIn(Object.keys(ContractCycle)) cycle: ContractCycle;
  @Field(() => Int, { nullable: true, description: 'WEEKLY: weeks per period (default 1).' })
  @IsOptional()
  @IsInt()
  intervalWeeks?: number;
  @Field(() => Int, {
    nullable: true,
    description: "Day of the month periods start (1–31; WEEKLY: weekday 1–7). Default: the start date's.",
  })
  @IsOptional()
  @IsInt()
  anchorDay?: number;
  @Field(() => BillingTiming, { defaultValue: 'ADVANCE' })
  @IsIn(Object.keys(BillingTiming))
  billingTiming: BillingTiming;
  @Field(() => DateScalar) @IsDateString() startDate: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() @IsDateString() endDate?: string | null;
  @Field(() => [ContractLineInput])
  @ArrayMinSize(1, { message: 'A contract needs at least one recurring line' })
  @NestedList(100)
  lines: ContractLineInput[];
}

@InputType()
export class UpdateContractInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) name?: string;
  @Field(() => DateScalar, { nullable: true, description: 'Ends the contract after this day (null: open-ended).' })
  @IsOptional()
  @IsDateString()
  endDate?: string | null;
}

@InputType()
export class ChangeQuantityInput {
  @Field(() => ID) @IsUUID() lineId: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(1_000_000) quantity: number;
  @Field(() => DateScalar, { nullable: true, description: 'From this day on (default: today). Not in the past.' })
  @IsOptional()
  @IsDateString()
  effectiveDate?: string;
}

@ObjectType({ description: 'A line the next invoice would carry.' })
export class PreviewLine {
  @Field(() => InvoiceLineKind) kind: InvoiceLineKind;
  @Field(() => String) description: string;
  @Field(() => String) quantity: string;
  @Field(() => MoneyScalar) unitPrice: number;
  @Field(() => MoneyScalar) amount: number;
}

@ObjectType({ description: "The client's next automatic invoice: when, and what it would carry as things stand." })
export class NextInvoicePreview {
  @Field(() => DateScalar, { nullable: true, description: 'The billing date (null: nothing scheduled).' })
  billDate: string | null;
  @Field(() => String) currency: string;
  @Field(() => [PreviewLine]) lines: PreviewLine[];
  @Field(() => MoneyScalar, { description: 'Before tax.' }) subtotal: number;
  @Field(() => MoneyScalar) total: number;
  @Field(() => String, { nullable: true, description: 'What stops the invoice (a missing price, say).' })
  problem: string | null;
}
