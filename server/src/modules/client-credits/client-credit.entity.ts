import { Entity } from 'typeorm';
import { Field, ObjectType } from 'type-graphql';
import { BooleanColumn, UuidColumn } from '../../platform/database/columns.js';
import { MinorUnitsField, TextField, UuidField } from '../../platform/database/graphql-columns.js';
import { GraphQLEntity } from '../../platform/database/graphql-entity.js';
import { AppliedSettings, OrgOrClientSettingsRecord } from '../../platform/database/org-record.js';
import { ClientMoneyRecord } from '../payments/payment.entity.js';
import { describedEnum } from '../../graphql/described-enum.js';
import { MoneyScalar } from '../../graphql/scalars.js';

export const ClientCreditSource = describedEnum(
  'ClientCreditSource',
  "Where a movement of a client's credit came from.",
  {
    CREDIT_MEMO: 'Granted: a credit memo on a paid invoice kept as credit on the account.',
    OVERPAYMENT: 'Granted: money paid past an invoice balance, kept as credit (a payment exception).',
    APPLIED: 'Used: credit spent on an invoice (a credit memo "Client credit applied" on it).',
    REVERSED: 'A correction of an earlier row.',
    CONTRACT_END:
      "Granted: a contract's unused time after it ended, past what the client's next invoice could hold (that invoice).",
    TAKEN_BACK:
      'Taken back: the money it came from is gone (a payment deleted or lowered in the books, a chargeback); the payment row that took it, and the invoice.',
  },
);
export type ClientCreditSource = keyof typeof ClientCreditSource;

/**
 * One movement of a client's credit: + granted, − used. The balance per client and currency is the sum
 * of the rows (in SQL), never negative: rows that use credit are written under the client's row lock.
 */
@GraphQLEntity('client_credits', "A movement of a client's credit: positive when granted, negative when used.", {
  node: true,
})
export class ClientCredit extends ClientMoneyRecord {
  @MinorUnitsField({ description: 'Minor units; + granted, − used.' }) amount: number;
  @TextField({ type: () => ClientCreditSource, description: 'Where the credit came from, or what used it.' })
  source: ClientCreditSource;
  @UuidField('credit_memo_id', {
    nullable: true,
    description: 'The credit memo that granted it (CREDIT_MEMO) or spent it (APPLIED).',
  })
  creditMemoId: string | null;
  @UuidField('payment_exception_id', {
    nullable: true,
    description: 'The payment exception whose excess was kept (OVERPAYMENT).',
  })
  paymentExceptionId: string | null;
  @UuidField('invoice_id', {
    nullable: true,
    description: 'The invoice it came from (granted) or was spent on (APPLIED).',
  })
  invoiceId: string | null;
  @UuidColumn('reverses_id', { nullable: true }) reversesId: string | null;
  @UuidField('payment_id', {
    nullable: true,
    description: 'The payment row (a correction, a chargeback, a refund) that took the money back (TAKEN_BACK).',
  })
  paymentId: string | null;
}

/** Whether credit is applied to newly finalized invoices: the org's default (client_id null) or one client's override. */
@Entity('client_credit_settings')
export class ClientCreditSettingsRow extends OrgOrClientSettingsRecord {
  @BooleanColumn('apply_automatically', { nullable: true }) applyAutomatically: boolean | null;
}

@ObjectType({ description: "A client's credit in one currency." })
export class ClientCreditBalance {
  @Field(() => String, { description: 'ISO 4217 currency code of the balance.' }) currency: string;
  @Field(() => MoneyScalar, { description: 'Minor units; never negative.' }) amount: number;
}

@ObjectType({ description: 'Whether client credit is applied to new invoices by itself, as it applies here.' })
export class ClientCreditSettings extends AppliedSettings {
  @Field(() => Boolean, {
    description: 'When an invoice of a client with credit is finalized, the credit is applied to it at once.',
  })
  applyCreditAutomatically: boolean;
  @Field(() => Boolean, { description: 'The client sets this itself (else it follows the organization).' })
  overridden: boolean;
}
