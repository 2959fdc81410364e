import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { Invoice } from '../invoices/invoice.entity.js';
import { CreditMemo } from '../payments/payment.entity.js';
import { ClientCredit } from './client-credit.entity.js';

@ObjectType()
export class ApplyClientCreditResult {
  @Field(() => ClientCredit, { description: 'The ledger row that spent the credit (negative).' }) entry: ClientCredit;
  @Field(() => CreditMemo, { description: 'The credit memo "Client credit applied" that lowered the balance.' })
  creditMemo: CreditMemo;
  @Field(() => Invoice) invoice: Invoice;
}

@InputType({
  description: 'With clientId, that client\u2019s override (null clears it); without, the organization default.',
})
export class ClientCreditSettingsInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() clientId?: string | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() applyCreditAutomatically?: boolean | null;
}
