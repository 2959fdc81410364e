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

@GraphQLEntity('organizations', 'A tenant: one service business and its billing settings.', { node: true })
export class Organization {
  @Field(() => ID, { description: "The organization's id." }) @IdColumn() id: string;
  @Field(() => String, { description: "The organization's name, as invoices and emails show it." })
  @TextColumn()
  name: string;
  @Field(() => String, { description: 'Short unique name, used to pick the organization at sign-in.' })
  @TextColumn()
  slug: string;
  @Field(() => String, { description: 'Currency of new clients (ISO 4217).' })
  @CurrencyColumn('default_currency')
  defaultCurrency: string;
  @Field(() => String, { description: 'Put before invoice numbers (e.g. INV-).' })
  @TextColumn('invoice_prefix')
  invoicePrefix: string;
  @Field(() => Int, { description: 'The sequence number the next invoice gets.' })
  @IntegerColumn('next_invoice_number')
  nextInvoiceNumber: number;
  @Field(() => Int, { description: 'Default payment terms: days from issue to due date.' })
  @IntegerColumn('days_until_due')
  daysUntilDue: number;
  @Field(() => Int, { description: 'Default tax rate in basis points (825 = 8.25%).' })
  @IntegerColumn('tax_rate_bps')
  taxRateBps: number;
  @Field(() => String, { description: 'Default invoice memo; placeholders like {period} are filled in.' })
  @TextColumn('memo_template')
  memoTemplate: string;
  @Field(() => Boolean, { description: 'Put the pay link in invoice emails (clients may override).' })
  @BooleanColumn('email_pay_link')
  emailPayLink: boolean;
  @Field(() => Boolean, { description: 'Email the client a receipt when a payment lands.' })
  @BooleanColumn('email_payment_confirmation')
  emailPaymentConfirmation: boolean;
  @Field(() => Boolean, { description: 'Let clients pay part of an invoice online (clients may override).' })
  @BooleanColumn('allow_partial_payments')
  allowPartialPayments: boolean;
  @Field(() => TimeItemization, { description: 'How generated invoices list approved time; clients may override it.' })
  @TextColumn('time_itemization')
  timeItemization: TimeItemization;
  @Field(() => Date, { description: 'When it was created.' }) @CreatedAtColumn() createdAt: Date;
}
