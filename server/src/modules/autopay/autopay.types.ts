import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
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

@ObjectType({ description: "A client's autopay: whether it is on, and whether there is a default method to charge." })
export class AutopayStatus {
  @Field(() => ID) clientId: string;
  @Field(() => Boolean) enabled: boolean;
}
