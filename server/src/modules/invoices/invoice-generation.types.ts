import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsUUID } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { InvoiceDestination } from './invoice-destination.js';
import { Invoice } from './invoice.entity.js';
import { OptionalField } from '../../graphql/input-rules.js';

// What generating invoices from approved time takes and gives back (InvoiceGenerationService).
@InputType({ description: 'What to bill: approved time of some clients up to a date.' })
export class GenerateInvoicesInput {
  @OptionalField(() => [ID], 'Only these clients; all clients with billable time when omitted.')
  @IsArray()
  @IsUUID('all', { each: true })
  // [] is a selection emptied (by a filter, a script), not "everyone": leaving the list out says that.
  @ArrayMinSize(1, { message: 'name at least one client, or leave clientIds out to bill every client' })
  @ArrayMaxSize(5000)
  clientIds?: string[];
  @Field(() => DateScalar, { description: 'Bill approved time worked from this date (inclusive).' })
  @IsDateString()
  periodStart: string;
  @Field(() => DateScalar, { description: 'Bill approved time worked up to this date (inclusive).' })
  @IsDateString()
  periodEnd: string;
  @OptionalField(() => DateScalar, 'The issue date of the invoices (default today).')
  issueDate?: string;
  @OptionalField(
    () => [InvoiceDestination],
    "Where the drafts go at once besides Settle: QUICKBOOKS only. Omitted: the org's settings (QuickBooks: pushOnGenerate); [] sends them nowhere.",
  )
  @IsArray()
  @IsIn(['QUICKBOOKS'], { each: true, message: 'destinations may only name QUICKBOOKS' })
  destinations?: InvoiceDestination[] | null;
}

@ObjectType({ description: 'What generation made, and which clients it skipped and why.' })
export class GenerateInvoicesResult {
  @Field(() => [Invoice], { description: 'The draft invoices made, one per client and currency.' }) invoices: Invoice[];
  @Field(() => [SkippedClient], { description: 'Clients that got no invoice, and why.' }) skipped: SkippedClient[];
}

@ObjectType({ description: 'A client generation made no invoice for.' })
export class SkippedClient {
  @Field(() => ID, { description: 'The client.' }) clientId: string;
  @Field(() => String, {
    description:
      'Why (no approved time in the period, a missing price, a total past the maximum, an unexpected error: nothing was written for it).',
  })
  reason: string;
}
