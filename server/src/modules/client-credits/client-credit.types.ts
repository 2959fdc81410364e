import { Field, InputType, ObjectType } from 'type-graphql';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreditMemo } from '../payments/payment.entity.js';
import { ClientCredit } from './client-credit.entity.js';
import { OptionalBoolean, OptionalId } from '../../graphql/input-rules.js';

@ObjectType({ description: 'What applying client credit did.' })
export class ApplyClientCreditResult {
  @Field(() => ClientCredit, { description: 'The ledger row that spent the credit (negative).' }) entry: ClientCredit;
  @Field(() => CreditMemo, { description: 'The credit memo "Client credit applied" that lowered the balance.' })
  creditMemo: CreditMemo;
  @Field(() => Invoice, { description: 'The invoice, with its new balance and status.' }) invoice: Invoice;
}

@InputType({
  description: 'With clientId, that client\u2019s override (null clears it); without, the organization default.',
})
export class ClientCreditSettingsInput {
  @OptionalId('The client to override the org default for (left out: the org default).') clientId?: string | null;
  @OptionalBoolean('Apply available credit to invoices as they are finalized.') applyCreditAutomatically?:
    boolean | null;
}
