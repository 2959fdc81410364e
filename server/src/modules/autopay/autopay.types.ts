import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MoneyScalar } from '../../graphql/scalars.js';
import { stringEnum } from '../../platform/string-enum.js';
import type { SavedMethodView } from './autopay-rules.js';

export const SavedPaymentMethodType = stringEnum('CARD', 'US_BANK_ACCOUNT');
export type SavedPaymentMethodType = keyof typeof SavedPaymentMethodType;
registerEnumType(SavedPaymentMethodType, { name: 'SavedPaymentMethodType' });

@ObjectType({ description: "A payment method saved at Stripe on the client's customer, masked (never a full number)." })
export class SavedPaymentMethod implements SavedMethodView {
  @Field(() => ID, { description: "Stripe's PaymentMethod id." }) id: string;
  @Field(() => SavedPaymentMethodType) type: SavedPaymentMethodType;
  @Field(() => String, { nullable: true, description: 'Card brand (visa, mastercard…).' }) brand: string | null;
  @Field(() => String, { nullable: true }) last4: string | null;
  @Field(() => Int, { nullable: true }) expMonth: number | null;
  @Field(() => Int, { nullable: true }) expYear: number | null;
  @Field(() => String, { nullable: true }) bankName: string | null;
  @Field(() => Boolean, { description: 'The method autopay charges.' }) isDefault: boolean;
}

/** When autopay charges an invoice: on its due date, or as soon as it is issued (send method AUTO_CHARGE). */
export const AutopayChargeTiming = stringEnum('DUE_DATE', 'ISSUE_DATE');
export type AutopayChargeTiming = keyof typeof AutopayChargeTiming;
registerEnumType(AutopayChargeTiming, {
  name: 'AutopayChargeTiming',
  valuesConfig: {
    DUE_DATE: { description: 'Each invoice is charged on its due date.' },
    ISSUE_DATE: {
      description: "Each invoice is charged when it is issued (the client's billing send method is AUTO_CHARGE).",
    },
  },
});

@ObjectType({ description: "A client's autopay: whether it is on, and when it charges an invoice." })
export class AutopayStatus {
  @Field(() => ID) clientId: string;
  @Field(() => Boolean) enabled: boolean;
  @Field(() => AutopayChargeTiming, {
    description: "When an invoice is charged, from the client's (else the org's) billing send method.",
  })
  chargedOn: AutopayChargeTiming;
}

export const AutopayAttemptOutcome = stringEnum(
  'SUCCEEDED',
  'PROCESSING',
  'DECLINED',
  'AUTHENTICATION_REQUIRED',
  'PAY_LINK',
);
export type AutopayAttemptOutcome = keyof typeof AutopayAttemptOutcome;
registerEnumType(AutopayAttemptOutcome, {
  name: 'AutopayAttemptOutcome',
  description:
    'SUCCEEDED: charged. PROCESSING: a bank debit on its way. DECLINED: refused, retried at nextRetryAt. ' +
    'AUTHENTICATION_REQUIRED: the bank wants the client present (3-D Secure). PAY_LINK: declined with no ' +
    'retry left; the client pays with the emailed pay link. Every refusal emails the client a pay link.',
});

@ObjectType({ description: 'One off-session charge of an invoice by autopay, as Stripe answered it.' })
export class AutopayAttemptView {
  @Field(() => ID) id: string;
  @Field(() => ID) invoiceId: string;
  @Field(() => String) invoiceNumber: string;
  @Field(() => Int, { description: "1 for the invoice's first charge, then one more per retry." }) attemptNo: number;
  @Field(() => Date) attemptedAt: Date;
  @Field(() => MoneyScalar) amount: number;
  @Field(() => String) currency: string;
  @Field(() => String, { nullable: true, description: 'Card brand; null for a bank debit or when unknown.' })
  methodBrand: string | null;
  @Field(() => String, { nullable: true }) methodLast4: string | null;
  @Field(() => AutopayAttemptOutcome) outcome: AutopayAttemptOutcome;
  @Field(() => String, { nullable: true, description: "Stripe's decline code (insufficient_funds…)." })
  declineCode: string | null;
  @Field(() => String, { nullable: true, description: "Stripe's decline message." }) message: string | null;
  @Field(() => Date, { nullable: true, description: 'When a declined charge is tried again; null: not again.' })
  nextRetryAt: Date | null;
}
