import {
  BooleanField,
  CreatedAtField,
  CurrencyField,
  IdField,
  IntegerField,
  TextField,
} from '../../platform/database/graphql-columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { TimeItemization } from '../invoices/time-itemization.js';

@GraphQLEntity('organizations', 'A tenant: one service business and its billing settings.', { node: true })
export class Organization {
  @IdField("The organization's id.") id: string;
  @TextField({ description: "The organization's name, as invoices and emails show it." }) name: string;
  @TextField({ description: 'Short unique name, used to pick the organization at sign-in.' }) slug: string;
  @CurrencyField('default_currency', { description: 'Currency of new clients (ISO 4217).' }) defaultCurrency: string;
  @TextField('invoice_prefix', { description: 'Put before invoice numbers (e.g. INV-).' }) invoicePrefix: string;
  @IntegerField('next_invoice_number', { description: 'The sequence number the next invoice gets.' })
  nextInvoiceNumber: number;
  @IntegerField('days_until_due', { description: 'Default payment terms: days from issue to due date.' })
  daysUntilDue: number;
  @IntegerField('tax_rate_bps', { description: 'Default tax rate in basis points (825 = 8.25%).' }) taxRateBps: number;
  @TextField('memo_template', { description: 'Default invoice memo; placeholders like {period} are filled in.' })
  memoTemplate: string;
  @BooleanField('email_pay_link', { description: 'Put the pay link in invoice emails (clients may override).' })
  emailPayLink: boolean;
  @BooleanField('email_payment_confirmation', { description: 'Email the client a receipt when a payment lands.' })
  emailPaymentConfirmation: boolean;
  @BooleanField('allow_partial_payments', {
    description: 'Let clients pay part of an invoice online (clients may override).',
  })
  allowPartialPayments: boolean;
  @TextField('time_itemization', {
    type: () => TimeItemization,
    description: 'How generated invoices list approved time; clients may override it.',
  })
  timeItemization: TimeItemization;
  @TextField('time_zone', {
    description: "IANA time zone (e.g. America/New_York) in which the organization's business dates are decided.",
  })
  timeZone: string;
  @TextField('billing_email', {
    nullable: true,
    description:
      "Where clients' replies to its emails go (their Reply-To), and the address they are told to contact; null: none.",
  })
  billingEmail: string | null;
  @CreatedAtField() createdAt: Date;
}
