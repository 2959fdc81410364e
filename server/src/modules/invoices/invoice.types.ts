import { Connection, DateRangeInput, Filter, IdFilter, PageArgs } from '../../graphql/connection.js';
import { IsArray, IsEnum, IsInt, IsUUID, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { registerDescribedEnum } from '../../graphql/described-enum.js';
import { KeptDate, NestedList, OptionalField, OptionalId, OptionalText } from '../../graphql/input-rules.js';
import { DateScalar, DecimalScalar, MoneyScalar } from '../../graphql/scalars.js';
import { Invoice } from './invoice.entity.js';
import { InvoiceLineKind } from './invoice-line.entity.js';
import { InvoiceDisplayStatus } from './invoice-status.js';
import { VoidPaymentsHandling } from '../payments/payment-refunds.js';

registerDescribedEnum(
  VoidPaymentsHandling,
  'VoidPaymentsHandling',
  'What becomes of the money paid on an invoice that is voided.',
  {
    REFUND: 'Give it back: card payments through their provider, others recorded as refunded by hand.',
    CREDIT: "Keep it as the client's credit (a credit memo on the void invoice).",
    KEEP: 'Keep it as it is; the note says why.',
  },
);

@InputType({ description: 'Filters for the invoices list; all optional and combined with AND.' })
export class InvoiceFilterInput {
  @OptionalField(() => [InvoiceDisplayStatus], 'Any of these statuses; OVERDUE is derived.')
  @IsArray()
  @IsEnum(InvoiceDisplayStatus, { each: true })
  status?: InvoiceDisplayStatus[];
  @IdFilter("Only this client's invoices.") clientId?: string;
  @Filter(() => DateRangeInput, 'Issued on these dates.') issued?: DateRangeInput;
  @Filter(() => DateRangeInput, 'Due on these dates.') due?: DateRangeInput;
  @Filter(() => String, 'Matches the number or memo (empty: any).')
  @MaxLength(100)
  search?: string;
}

@ArgsType()
export class InvoicePageArgs extends PageArgs {
  @OptionalField(() => InvoiceFilterInput, 'Narrow the list; every filter given must hold.')
  @ValidateNested() // else its own rules (a client id, the search's length) never run
  filter?: InvoiceFilterInput;
}

@InputType({ description: 'One invoice line. Give `id` to keep an existing line (and the time billed on it).' })
export class InvoiceLineInput {
  @OptionalId('An existing line to keep (and the time entries billed on it); left out, a new line.') id?: string;
  @Field(() => InvoiceLineKind, { description: 'What the line is.', defaultValue: InvoiceLineKind.MANUAL })
  @IsEnum(InvoiceLineKind)
  kind: InvoiceLineKind;
  @Field(() => String, { description: "What the line bills (default: the service's name)." })
  @Length(1, 500)
  description: string;
  @OptionalId('The catalog service it bills (for catalog lines).') serviceId?: string;
  @Field(() => DecimalScalar, { description: 'Hours or units, e.g. "1.5".' }) quantity: string;
  @Field(() => MoneyScalar, { description: "Price per unit in minor units of the invoice's currency." })
  @Min(0, { message: 'unitPrice cannot be negative' })
  unitPrice: number;
  @Field(() => MoneyScalar, { description: 'Discount on the line in minor units (default 0).', defaultValue: 0 })
  @Min(0, { message: 'discount cannot be negative' })
  discount: number;
  @Field(() => Int, { description: 'Tax rate in basis points (825 = 8.25%; default 0).', defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(10000)
  taxRateBps: number;
}

@InputType({ description: 'A draft invoice to create by hand.' })
export class CreateInvoiceInput {
  @Field(() => ID, { description: 'The client billed (the invoice takes its currency).' }) @IsUUID() clientId: string;
  @OptionalField(() => DateScalar, 'The issue date (default today).')
  issueDate?: string;
  @OptionalField(() => DateScalar, "When payment is due (default: issue date plus the client's payment terms).")
  dueDate?: string;
  @OptionalText('Internal notes, never shown to the client.', 0, 5000) notes?: string;
  @Field(() => [InvoiceLineInput], { description: 'Its lines (at most 500).' })
  @NestedList(500)
  lines: InvoiceLineInput[];
}

@InputType({ description: 'Changes to a DRAFT invoice. `lines`, when given, replaces the whole list.' })
export class UpdateDraftInvoiceInput {
  @OptionalText('Internal notes, never shown to the client.', 0, 5000) notes?: string;
  @OptionalText('The memo printed on the invoice.', 0, 5000) memo?: string;
  @OptionalField(() => DateScalar, 'The issue date.') @KeptDate() issueDate?: string;
  @OptionalField(() => DateScalar, 'When payment is due.') @KeptDate() dueDate?: string;
  @OptionalField(
    () => [InvoiceLineInput],
    'The lines it should have (replacing the current ones; keep a line by its id).',
  )
  @NestedList(500)
  lines?: InvoiceLineInput[];
}

@ObjectType({ description: 'A page of invoices, newest first (at most 200; 25 when no size is given).' })
export class InvoiceConnection extends Connection(Invoice, 'Invoice', 'invoices') {}

@ObjectType({ description: 'Sent whenever an invoice changes status or balance.' })
export class InvoiceUpdate {
  @Field(() => ID, { description: 'The invoice that changed.' }) invoiceId: string;
  @Field(() => ID, { description: 'The client of the invoice.' }) clientId: string;
  @Field(() => Invoice, { description: 'The invoice as it is now.' }) invoice: Invoice;
}

@InputType({ description: 'What becomes of the money paid on an invoice that is voided.' })
export class VoidPaymentsInput {
  @Field(() => VoidPaymentsHandling, { description: 'What to do with the money already paid on the invoice.' })
  @IsEnum(VoidPaymentsHandling)
  handling: VoidPaymentsHandling;
  @OptionalText(
    'Why the money is kept (KEEP), how payments recorded by hand went back (REFUND), or a credit note.',
    0,
    500,
  )
  note?: string;
}
