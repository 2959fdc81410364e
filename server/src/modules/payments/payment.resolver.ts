import { Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { InputArg } from '../../graphql/args.js';
import { HappenedDate } from '../../graphql/input-rules.js';
import { IsBoolean, IsEnum, IsIn, IsOptional, IsPositive, IsUUID, Length } from 'class-validator';
import type { GraphQLContext } from '../../graphql/context.js';
import { Connection, DateRangeInput, Filter, IdFilter, PageArgs, toConnection } from '../../graphql/connection.js';
import { Staff, VisibleInvoices, type StaffAccess } from '../../graphql/guards.js';
import { DateScalar, MoneyScalar } from '../../graphql/scalars.js';
import { badInput } from '../../platform/errors.js';
import { IdempotentCall, type Idempotent } from '../idempotency/idempotent.decorator.js';
import { storedRecord } from '../idempotency/stored-result.js';
import { Invoice } from '../invoices/invoice.entity.js';
import type { InvoiceScope } from '../invoices/invoice-query.js';
import { CreditMemoPurpose } from './settlement.types.js';
import { PaymentOrder } from './payment.service.js';
import {
  CreditMemo,
  MANUAL_PAYMENT_METHODS,
  Payment,
  PaymentKind,
  PaymentMethod,
  PaymentSource,
} from './payment.entity.js';

@InputType({ description: 'A payment received outside Stripe (check, ACH, wire, cash).' })
class RecordPaymentInput {
  @Field(() => ID, { description: 'The invoice paid.' }) @IsUUID() invoiceId: string;
  @Field(() => MoneyScalar, { description: 'Minor units; at most the balance due.' })
  @IsPositive({ message: 'amount must be greater than zero' })
  amount: number;
  @Filter(() => String, "Must match the invoice's currency when given.")
  @Length(3, 3)
  currency?: string;
  @Field(() => PaymentMethod, { description: 'How it was paid (check, ACH, wire, cash…).' })
  @IsEnum(PaymentMethod)
  method: PaymentMethod;
  @Filter(() => String, 'Check number, wire reference…')
  @Length(0, 200)
  reference?: string;
  // Money not received yet would lower the balance now and be collected in no month until its date comes.
  @Filter(() => DateScalar, 'Defaults to today; not in the future.') @HappenedDate() receivedOn?: string;
}

@InputType({ description: 'A credit memo to issue against an invoice.' })
class IssueCreditMemoInput {
  @Field(() => ID, { description: 'The invoice to credit.' }) @IsUUID() invoiceId: string;
  @Field(() => MoneyScalar, { description: "What to credit, in minor units of the invoice's currency (more than 0)." })
  @IsPositive({ message: 'amount must be greater than zero' })
  amount: number;
  @Field(() => String, { description: 'Why (printed on the credit memo; 1 to 1,000 characters).' })
  @Length(1, 1000)
  reason: string;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "On a PAID or VOID invoice: keep what is credited as credit on the client's account (applied to later invoices) instead of money owed back.",
  })
  @IsOptional()
  toClientCredit?: boolean;
}

@InputType({
  description:
    'A refund of a payment, in full or in part: a card payment is refunded through Stripe; for a payment recorded by hand (check, ACH, wire, cash) it records money that went back outside Settle, or a check that bounced.',
})
class RefundPaymentInput {
  @Field(() => ID, { description: 'The payment to refund.' }) @IsUUID() paymentId: string;
  @Field(() => MoneyScalar, { description: 'Minor units; at most what is left of the payment.' })
  @IsPositive({ message: 'amount must be greater than zero' })
  amount: number;
  @Field(() => String, {
    description: 'Why the money goes back (at most 500 characters); kept with the refund at the provider.',
  })
  reason: string;
  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description:
      'The client no longer owes what is refunded: the invoice is credited by as much (a credit memo with the reason), so its balance due stays as it was. Without it the balance due goes up by the refund.',
  })
  @IsOptional()
  @IsBoolean()
  creditInvoice?: boolean | null;
}

@ObjectType({ description: 'A payment recorded, and the invoice it pays.' })
class RecordPaymentResult {
  @Field(() => Payment, { description: 'The payment recorded (on a replay: the one recorded the first time).' })
  payment: Payment;
  @Field(() => Invoice, { description: 'The invoice, with its new balance and status.' }) invoice: Invoice;
}

@ObjectType({ description: 'A credit memo issued, and the invoice it credits.' })
class CreditMemoResult {
  @Field(() => CreditMemo, { description: 'The credit memo.' }) creditMemo: CreditMemo;
  @Field(() => Invoice, { description: 'The invoice, with its new balance and status.' }) invoice: Invoice;
}

/** What an idempotency key keeps of these mutations' results: the ids of what they return. */
const storedPayment = storedRecord<RecordPaymentResult>({ payment: Payment, invoice: Invoice });
const storedCreditMemo = storedRecord<CreditMemoResult>({ creditMemo: CreditMemo, invoice: Invoice });

@ArgsType()
class PaymentListArgs extends PageArgs {
  @Field(() => PaymentOrder, {
    defaultValue: 'RECORDED_NEWEST',
    description: 'The order of the list; a cursor continues only the order it came from.',
  })
  @IsIn(Object.keys(PaymentOrder))
  orderBy: PaymentOrder;
  @IdFilter('Only the payments of this invoice.') invoiceId?: string;
  @IdFilter("Only this client's payments.") clientId?: string;
  @Filter(() => DateRangeInput, 'Received on these dates.') received?: DateRangeInput;
  @Filter(() => PaymentKind, 'Only this kind: PAYMENT (money received), REFUND or ADJUSTMENT (corrections, voids).')
  kind?: PaymentKind;
}

@ObjectType({ description: 'The payments of one currency that a list matches, added up.' })
class PaymentTotal {
  @Field(() => String, { description: 'ISO 4217 currency code.' }) currency: string;
  @Field(() => MoneyScalar, {
    description: 'Received less refunded, in minor units of `currency` (corrections and voids with their sign).',
  })
  amount: number;
  @Field(() => Int, { description: 'How many payments, refunds and adjustments.' }) count: number;
}

@ObjectType({ description: 'A page of payments and refunds, newest first (see `orderBy`).' })
class PaymentConnection extends Connection(Payment, 'Payment', 'payments') {
  @Field(() => [PaymentTotal], {
    description:
      'What every payment the filters match adds up to (not only this page), per currency, by currency code (one extra query; ask only when needed).',
  })
  totals: PaymentTotal[] | Promise<PaymentTotal[]>;
}

@Resolver()
export class PaymentResolver {
  @Query(() => PaymentConnection, {
    description:
      'Payments and refunds, newest recorded first (or received: `orderBy`). Portal users see only their own.',
  })
  async payments(
    @Args(() => PaymentListArgs) a: PaymentListArgs,
    @VisibleInvoices() scope: InvoiceScope,
    @Ctx() ctx: GraphQLContext,
  ) {
    const filter = {
      invoiceId: a.invoiceId,
      clientId: scope.clientId ?? a.clientId,
      received: a.received,
      kind: a.kind,
      issuedOnly: scope.issuedOnly,
    };
    const connection = toConnection(await ctx.container.payments.list(scope.orgId, filter, a, a.orderBy));
    // A getter, as totalCount: the sums run only when a caller selects them.
    return Object.defineProperty(connection, 'totals', {
      get: () => ctx.container.payments.totals(scope.orgId, filter),
    }) as typeof connection & { totals: Promise<PaymentTotal[]> };
  }

  @Mutation(() => RecordPaymentResult, {
    description:
      'Records a payment made outside Stripe; more than the balance is refused. Live Stripe payment links of the invoice are expired first; CONFLICT when a card payment already completed there.',
  })
  async recordPayment(
    @InputArg(() => RecordPaymentInput, 'The invoice, amount and how it was paid.')
    input: RecordPaymentInput,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    if (!MANUAL_PAYMENT_METHODS.includes(input.method)) {
      throw badInput(
        'method',
        `Record ${input.method} payments through their provider; by hand use ${MANUAL_PAYMENT_METHODS.join(', ')}`,
      );
    }
    return once.inTransaction(storedPayment, async (tx) => {
      const r = await container.settlement.recordManualIn(tx, orgId, actor, { ...input, source: PaymentSource.MANUAL });
      return { payment: r.payment, invoice: r.invoice };
    });
  }

  @Mutation(() => RecordPaymentResult, {
    description:
      'Refunds a payment through the provider that took it (Stripe: a Refund on its PaymentIntent), or records the refund of a payment recorded by hand (money returned outside Settle, a bounced check), as a negative payment on the invoice.',
  })
  async refundPayment(
    @InputArg(() => RefundPaymentInput, 'The payment to refund, how much and why.')
    input: RefundPaymentInput,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    // Keyed like the other money moves: a retry after a lost answer returns the first refund instead of
    // making a second one (the provider's own key changes once the first refund is recorded).
    return once.around(storedPayment, async () => {
      const r = await container.refunds.refund(orgId, actor, { ...input, requestKey: once.scopedKey });
      return { payment: r.payment, invoice: r.invoice };
    });
  }

  @Mutation(() => CreditMemoResult, {
    description:
      'On a PAID or VOID invoice, credits back part of what was paid; on an open invoice, reduces the balance due (at most all of it).',
  })
  issueCreditMemo(
    @InputArg(() => IssueCreditMemoInput, 'The invoice, amount and reason.')
    input: IssueCreditMemoInput,
    @Staff() { orgId, actor, container }: StaffAccess,
    @IdempotentCall() once: Idempotent,
  ) {
    const { toClientCredit, ...memo } = input;
    // Printed on the credit memo the client gets: blanks alone say nothing (as a refund's reason, a void's note).
    memo.reason = memo.reason.trim();
    if (!memo.reason) throw badInput('reason', 'Say why the invoice is credited (it is printed on the credit memo)');
    const purpose = toClientCredit ? CreditMemoPurpose.TO_CLIENT_CREDIT : CreditMemoPurpose.CREDIT;
    return once.inTransaction(storedCreditMemo, (tx) =>
      container.settlement.issueCreditMemoIn(tx, orgId, actor, { ...memo, purpose }),
    );
  }
}
