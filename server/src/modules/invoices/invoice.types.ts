import { Connection, DateRangeInput, Filter, IdFilter, PageArgs } from '../../graphql/connection.js';
import { IsArray, IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerDescribedEnum } from '../../graphql/described-enum.js';
import { NestedList } from '../../graphql/input-rules.js';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../graphql/scalars.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceLineKind } from './invoice-line.entity.js';
import { InvoiceDisplayStatus } from './invoice-status.js';
import { VoidPaymentsHandling } from '../payments/payment-refunds.js';

registerDescribedEnum(
  VoidPaymentsHandling,
  'VoidPaymentsHandling',
  {
    REFUND: 'Give it back: card payments through their provider, others recorded as refunded by hand.',
    CREDIT: "Keep it as the client's credit (a credit memo on the void invoice).",
    KEEP: 'Keep it as it is; the note says why.',
  },
  'What becomes of the money paid on an invoice that is voided.',
);

@InputType({ description: 'Filters for the invoices list; all optional and combined with AND.' })
export class InvoiceFilterInput {
  @Field(() => [InvoiceDisplayStatus], { nullable: true, description: 'Any of these statuses; OVERDUE is derived.' })
  @IsOptional()
  @IsArray()
  @IsEnum(InvoiceDisplayStatus, { each: true })
  status?: InvoiceDisplayStatus[];
  @IdFilter("Only this client's invoices.") clientId?: string;
  @Filter(() => DateRangeInput, 'Issued on these dates.') issued?: DateRangeInput;
  @Filter(() => DateRangeInput, 'Due on these dates.') due?: DateRangeInput;
  @Filter(() => String, 'Matches the number or memo.')
  @Length(1, 100)
  search?: string;
}

@ArgsType()
export class InvoicePageArgs extends PageArgs {
  @Field(() => InvoiceFilterInput, { nullable: true }) @IsOptional() filter?: InvoiceFilterInput;
}

@InputType({ description: 'One invoice line. Give `id` to keep an existing line (and the time billed on it).' })
export class InvoiceLineInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() id?: string;
  @Field(() => InvoiceLineKind, { defaultValue: InvoiceLineKind.MANUAL })
  @IsEnum(InvoiceLineKind)
  kind: InvoiceLineKind;
  @Field(() => String) @Length(1, 500) description: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() serviceId?: string;
  @Field(() => DecimalScalar, { description: 'Hours or units, e.g. "1.5".' }) quantity: string;
  @Field(() => MoneyScalar) @Min(0, { message: 'unitPrice cannot be negative' }) unitPrice: number;
  @Field(() => MoneyScalar, { defaultValue: 0 }) @Min(0, { message: 'discount cannot be negative' }) discount: number;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(10000) taxRateBps: number;
}

@InputType()
export class CreateInvoiceInput {
  @Field(() => ID) @IsUUID() clientId: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() issueDate?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() dueDate?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) notes?: string;
  @Field(() => [InvoiceLineInput]) @NestedList(500) lines: InvoiceLineInput[];
}

@InputType({ description: 'Changes to a DRAFT invoice. `lines`, when given, replaces the whole list.' })
export class UpdateDraftInvoiceInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) notes?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 5000) memo?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() issueDate?: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() dueDate?: string;
  @Field(() => [InvoiceLineInput], { nullable: true }) @IsOptional() @NestedList(500) lines?: InvoiceLineInput[];
}

@ObjectType({ description: 'A page of invoices, newest first (at most 200; 25 when no size is given).' })
export class InvoiceConnection extends Connection(Invoice, 'Invoice', 'invoices') {}

@ObjectType({ description: 'Sent whenever an invoice changes status or balance.' })
export class InvoiceUpdate {
  @Field(() => ID) invoiceId: string;
  @Field(() => ID) clientId: string;
  @Field(() => Invoice) invoice: Invoice;
}

@InputType({ description: 'What becomes of the money paid on an invoice that is voided.' })
export class VoidPaymentsInput {
  @Field(() => VoidPaymentsHandling) @IsEnum(VoidPaymentsHandling) handling: VoidPaymentsHandling;
  @Field(() => String, {
    nullable: true,
    description: 'Why the money is kept (KEEP), how payments recorded by hand went back (REFUND), or a credit note.',
  })
  @IsOptional()
  @Length(0, 500)
  note?: string;
}
