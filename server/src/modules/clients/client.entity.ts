import {
  BooleanField,
  CreatedAtField,
  CurrencyField,
  IntegerField,
  JsonbField,
  TextField,
  TimestampField,
} from '../../platform/database/graphql-columns.js';
import { Int } from 'type-graphql';
import { OrgRecord } from '../../platform/database/org-record.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { PostalAddress } from './postal-address.js';
import { TimeItemization } from '../invoices/time-itemization.js';

/**
 * The client's own value of an organization setting; null means the organization's applies. A nullable
 * column named like the property in snake_case, of the column type the GraphQL type stands for, and a
 * nullable field described as "Overrides <what>.".
 */
function OrgOverride(
  type: () => typeof Int | StringConstructor | BooleanConstructor | typeof TimeItemization,
  what: string,
): PropertyDecorator {
  return (target, key) => {
    const name = String(key).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const field = type() === Int ? IntegerField : type() === Boolean ? BooleanField : TextField;
    field(name, { type, nullable: true, description: `Overrides ${what}.` })(target, key);
  };
}

@GraphQLEntity('clients', 'A customer of the service business, billed in one currency.', { node: true })
export class Client extends OrgRecord {
  @TextField({ description: "The client's name, as invoices show it." }) name: string;
  @TextField('billing_email', { description: 'Where invoices and reminders are emailed.' }) billingEmail: string;
  @CurrencyField({ description: 'The currency it is billed in (ISO 4217); invoices of the client use it.' })
  currency: string;
  @JsonbField('billing_address', {
    type: () => PostalAddress,
    nullable: true,
    description: 'Where invoices are addressed; QuickBooks keeps it too.',
  })
  billingAddress: PostalAddress | null;
  @OrgOverride(() => Int, 'the org default tax rate (basis points)') taxRateBps: number | null;
  @OrgOverride(() => Int, 'the org default days until due') daysUntilDue: number | null;
  @OrgOverride(() => String, 'the org memo template') memoTemplate: string | null;
  @OrgOverride(() => Boolean, 'whether the client may pay part of a balance') allowPartialPayments: boolean | null;
  @OrgOverride(() => Boolean, 'whether invoice emails carry a pay link') emailPayLink: boolean | null;
  @OrgOverride(() => TimeItemization, 'how generated invoices list approved time')
  timeItemization: TimeItemization | null;
  @TimestampField('archived_at', {
    nullable: true,
    description: 'When it was archived (null while active); archived clients are hidden from lists by default.',
  })
  archivedAt: Date | null;
  @CreatedAtField() createdAt: Date;
}
