import {
  CreatedAtColumn,
  CurrencyColumn,
  TextColumn,
  IntegerColumn,
  BooleanColumn,
  TimestampColumn,
} from '../../platform/database/columns.js';
import { Field, Int } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';

@GraphQLEntity('clients', 'A customer of the service business, billed in one currency.')
export class Client extends OrgRecord {
  @Field(() => String) @TextColumn() name: string;
  @Field(() => String) @TextColumn('billing_email') billingEmail: string;
  @Field(() => String) @CurrencyColumn() currency: string;
  @Field(() => Int, { nullable: true, description: 'Overrides the org default tax rate (basis points).' })
  @IntegerColumn('tax_rate_bps', { nullable: true })
  taxRateBps: number | null;
  @Field(() => Int, { nullable: true, description: 'Overrides the org default days until due.' })
  @IntegerColumn('days_until_due', { nullable: true })
  daysUntilDue: number | null;
  @Field(() => String, { nullable: true, description: 'Overrides the org memo template.' })
  @TextColumn('memo_template', { nullable: true })
  memoTemplate: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Overrides whether the client may pay part of a balance.' })
  @BooleanColumn('allow_partial_payments', { nullable: true })
  allowPartialPayments: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Overrides whether invoice emails carry a pay link.' })
  @BooleanColumn('email_pay_link', { nullable: true })
  emailPayLink: boolean | null;
  @Field(() => Date, { nullable: true }) @TimestampColumn('archived_at', { nullable: true }) archivedAt: Date | null;
  @Field(() => Date) @CreatedAtColumn() createdAt: Date;
}
