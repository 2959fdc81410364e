import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../graphql/scalars.js';
import { InvoiceDestination } from './invoice-destination.js';
import { Invoice } from './invoice.entity.js';

// What generating invoices from approved time takes and gives back (InvoiceGenerationService).
@InputType()
export class GenerateInvoicesInput {
  @Field(() => [ID], {
    nullable: true,
    description: 'Only these clients; all clients with billable time when omitted.',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  @ArrayMaxSize(5000)
  clientIds?: string[];
  @Field(() => DateScalar) @IsDateString() periodStart: string;
  @Field(() => DateScalar) @IsDateString() periodEnd: string;
  @Field(() => DateScalar, { nullable: true }) @IsOptional() issueDate?: string;
  @Field(() => [InvoiceDestination], {
    nullable: true,
    description:
      "Where the drafts go at once besides Settle: QUICKBOOKS only. Omitted: the org's settings (QuickBooks: pushOnGenerate); [] sends them nowhere.",
  })
  @IsOptional()
  @IsArray()
  @IsIn(['QUICKBOOKS'], { each: true, message: 'destinations may only name QUICKBOOKS' })
  destinations?: InvoiceDestination[] | null;
}

@ObjectType()
export class GenerateInvoicesResult {
  @Field(() => [Invoice]) invoices: Invoice[];
  @Field(() => [SkippedClient], { description: 'Clients that got no invoice, and why.' }) skipped: SkippedClient[];
}

@ObjectType()
export class SkippedClient {
  @Field(() => ID) clientId: string;
  @Field(() => String) reason: string;
}
