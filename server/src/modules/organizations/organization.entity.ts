import {
  IdColumn,
  CreatedAtColumn,
  CurrencyColumn,
  TextColumn,
  IntegerColumn,
  BooleanColumn,
} from '../../platform/database/columns.js';
import { Field, ID, Int } from 'type-graphql';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { TimeItemization } from '../invoices/time-itemization.js';

@GraphQLEntity('organizations', 'A tenant: one service business and its billing settings.')
export class Organization {
  @Field(() => ID) @IdColumn() id: string;
  @Field(() => String) @TextColumn() name: string;
  @Field(() => String) @TextColumn() slug: string;
  @Field(() => String) @CurrencyColumn('default_currency') defaultCurrency: string;
  @Field(() => String) @TextColumn('invoice_prefix') invoicePrefix: string;
  @Field(() => Int) @IntegerColumn('next_invoice_number') nextInvoiceNumber: number;
  @Field(() => Int) @IntegerColumn('days_until_due') daysUntilDue: number;
  @Field(() => Int, { description: 'Default tax rate in basis points (825 = 8.25%).' })
  @IntegerColumn('tax_rate_bps')
  taxRateBps: number;
  @Field(() => String) @TextColumn('memo_template') memoTemplate: string;
  @Field(() => Boolean) @BooleanColumn('email_pay_link') emailPayLink: boolean;
  @Field(() => Boolean) @BooleanColumn('email_payment_confirmation') emailPaymentConfirmation: boolean;
  @Field(() => Boolean) @BooleanColumn('allow_partial_payments') allowPartialPayments: boolean;
  @Field(() => TimeItemization, { description: 'How generated invoices list approved time; clients may override it.' })
  @TextColumn('time_itemization')
  timeItemization: TimeItemization;
  @Field(() => Boolean, {
    description:
      'Outbound webhooks may target private, loopback and link-local addresses (off by default: public only).',
  })
  @BooleanColumn('allow_private_webhook_urls')
  allowPrivateWebhookUrls: boolean;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}
