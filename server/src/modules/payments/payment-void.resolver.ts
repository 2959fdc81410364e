import { Field, ID, InputType, Mutation, ObjectType, Resolver } from 'type-graphql';
import { IsString, IsUUID } from 'class-validator';
import { InputArg } from '../../graphql/args.js';
import { Staff, type StaffAccess } from '../../graphql/guards.js';
import { IdempotentCall, type Idempotent } from '../idempotency/idempotent.decorator.js';
import { storedRecord } from '../idempotency/stored-result.js';
import { Invoice } from '../invoices/invoice.entity.js';
import { Payment } from './payment.entity.js';
import { MAX_VOID_REASON, voidPaymentIn } from './payment-void.js';

@InputType({ description: 'A payment recorded by hand by mistake, to take off its invoice.' })
class VoidPaymentInput {
  @Field(() => ID, {
    description: 'The payment to void: recorded by hand (check, ACH, wire, cash), nothing of it refunded.',
  })
  @IsUUID()
  paymentId: string;
  @Field(() => String, {
    description: `Why (a typo in the amount, the wrong invoice…): kept with the void on the invoice's timeline, 1 to ${MAX_VOID_REASON} characters.`,
  })
  // Its length is checked by voidPaymentIn once trimmed (a trailing space is no character too many), in words.
  @IsString()
  reason: string;
}

@ObjectType({ description: 'A payment voided, the correction that took it off its invoice, and the invoice.' })
class VoidPaymentResult {
  @Field(() => Payment, { description: 'The payment voided (its row stays, with its amount, as history).' })
  payment: Payment;
  @Field(() => Payment, {
    description: 'The ADJUSTMENT that took it off the invoice: minus what stood of it, naming it in adjustsPaymentId.',
  })
  adjustment: Payment;
  @Field(() => Invoice, { description: 'The invoice, with its paid amount, balance and status derived again.' })
  invoice: Invoice;
}

/** What an idempotency key keeps of the result: the ids of what it returns. */
const storedVoid = storedRecord<VoidPaymentResult>({ payment: Payment, adjustment: Payment, invoice: Invoice });

@Resolver()
export class PaymentVoidResolver {
  @Mutation(() => VoidPaymentResult, {
    description:
      'Voids a payment recorded by hand by mistake (a typo in the amount, the wrong invoice), as QuickBooks voids a Payment: an ADJUSTMENT takes it off its invoice, whose balance and status follow, and the Payment Settle pushed to QuickBooks is voided there too. Voiding it again answers the same and writes nothing. Refused, writing nothing, for money taken by Stripe (refund it) or recorded in QuickBooks (void it there), and for a payment refunded in part or kept as client credit.',
  })
  voidPayment(
    @InputArg(() => VoidPaymentInput, 'The payment and why it is voided.') input: VoidPaymentInput,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    const deps = { audit: container.audit, events: container.events, exceptions: container.paymentExceptions };
    return once.inTransaction(storedVoid, (tx) => voidPaymentIn(tx, deps, orgId, actor, input));
  }
}
