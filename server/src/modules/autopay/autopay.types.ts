import { Node } from '../../graphql/node.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars.js';
import type { SavedMethodView } from './autopay-rules.js';
import { describedEnum } from '../../graphql/described-enum.js';

export const SavedPaymentMethodType = describedEnum('SavedPaymentMethodType', 'The kind of saved payment method.', {
  CARD: 'A card.',
  US_BANK_ACCOUNT: 'A US bank account (ACH debit).',
});
export type SavedPaymentMethodType = keyof typeof SavedPaymentMethodType;

@ObjectType({ description: "A payment method saved at Stripe on the client's customer, masked (never a full number)." })
export class SavedPaymentMethod implements SavedMethodView {
  @Field(() => ID, { description: "Stripe's PaymentMethod id." }) id: string;
  @Field(() => SavedPaymentMethodType, { description: 'Card or bank account.' }) type: SavedPaymentMethodType;
  @Field(() => String, { nullable: true, description: 'Card brand (visa, mastercard…).' }) brand: string | null;
  @Field(() => String, { description: 'Last four digits of the card or account number.', nullable: true }) last4:
    string | null;
  @Field(() => Int, { description: "A card's expiry month (null for a bank account).", nullable: true }) expMonth:
    number | null;
  @Field(() => Int, { description: "A card's expiry year (null for a bank account).", nullable: true }) expYear:
    number | null;
  @Field(() => String, { description: 'The bank of a bank account (null for a card).', nullable: true }) bankName:
    string | null;
  @Field(() => Boolean, { description: 'The method autopay charges.' }) isDefault: boolean;
}

/** When autopay charges an invoice: on its due date, or as soon as it is issued (send method AUTO_CHARGE). */
export const AutopayChargeTiming = describedEnum('AutopayChargeTiming', 'When autopay charges an invoice.', {
  DUE_DATE: 'Each invoice is charged on its due date.',
  ISSUE_DATE: "Each invoice is charged when it is issued (the client's billing send method is AUTO_CHARGE).",
});
export type AutopayChargeTiming = keyof typeof AutopayChargeTiming;

@ObjectType({ description: "A client's autopay: whether it is on, and when it charges an invoice." })
export class AutopayStatus {
  @Field(() => ID, { description: 'The client.' }) clientId: string;
  @Field(() => Boolean, { description: 'Whether due invoices are charged automatically.' }) enabled: boolean;
  @Field(() => AutopayChargeTiming, {
    description: "When an invoice is charged, from the client's (else the org's) billing send method.",
  })
  chargedOn: AutopayChargeTiming;
}

export const AutopayAttemptOutcome = describedEnum(
  'AutopayAttemptOutcome',
  'SUCCEEDED: charged. PROCESSING: a bank debit on its way. DECLINED: refused, retried at nextRetryAt. ' +
    'AUTHENTICATION_REQUIRED: the bank wants the client present (3-D Secure). PAY_LINK: declined with no ' +
    'retry left; the client pays with the emailed pay link. Every refusal emails the client a pay link, ' +
    'except BELOW_MINIMUM: Stripe takes no charge that small (USD 0.50, GBP 0.30…), so nothing is retried ' +
    'or emailed; billing staff collect it another way (a check, a credit memo).',
  {
    SUCCEEDED: 'The charge went through.',
    PROCESSING: 'The charge is processing (bank debits take days).',
    DECLINED: 'The card or bank declined it.',
    AUTHENTICATION_REQUIRED: 'The bank wants the payer to authenticate: they were emailed a pay link.',
    PAY_LINK: 'No charge was possible: the payer was emailed a pay link instead.',
    BELOW_MINIMUM: "The balance is below Stripe's minimum charge for its currency: collect it another way.",
  },
);
export type AutopayAttemptOutcome = keyof typeof AutopayAttemptOutcome;

@ObjectType({
  description: 'One off-session charge of an invoice by autopay, as Stripe answered it.',
  implements: Node,
})
export class AutopayAttemptView {
  @Field(() => ID, { description: "The attempt's id." }) id: string;
  @Field(() => ID, { description: 'The invoice charged.' }) invoiceId: string;
  @Field(() => String, { description: "The invoice's number." }) invoiceNumber: string;
  @Field(() => Int, { description: "1 for the invoice's first charge, then one more per retry." }) attemptNo: number;
  @Field(() => Date, { description: 'When the charge was tried.' }) attemptedAt: Date;
  @Field(() => MoneyScalar, { description: 'What was charged or tried, in minor units of `currency`.' }) amount: number;
  @Field(() => String, { description: 'ISO 4217 currency code.' }) currency: string;
  @Field(() => String, { nullable: true, description: 'Card brand; null for a bank debit or when unknown.' })
  methodBrand: string | null;
  @Field(() => String, {
    description: 'Last four digits of the card or account charged (null if unknown).',
    nullable: true,
  })
  methodLast4: string | null;
  @Field(() => AutopayAttemptOutcome, { description: 'How the charge went.' }) outcome: AutopayAttemptOutcome;
  @Field(() => String, { nullable: true, description: "Stripe's decline code (insufficient_funds…)." })
  declineCode: string | null;
  @Field(() => String, { nullable: true, description: "Stripe's decline message." }) message: string | null;
  @Field(() => Date, { nullable: true, description: 'When a declined charge is tried again; null: not again.' })
  nextRetryAt: Date | null;
}
