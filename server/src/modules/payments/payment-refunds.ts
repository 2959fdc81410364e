import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../platform/actor.js';
import { AppError, badInput, conflict } from '../../platform/errors.js';
import { formatMoney } from '../../platform/money.js';
import { logger } from '../../platform/logger.js';
import { lockInvoice } from '../invoices/invoice-state.js';
import { Payment, PaymentKind } from './payment.entity.js';
import type { PaymentProvider, PaymentProviders, RefundRequest } from './payment-provider.js';
import type { SettlementService } from './settlement.service.js';
import type { SettleInput, SettleResult } from './settlement.types.js';

const MAX_REASON = 500;

/**
 * Asks `provider` to give money back and answers the refund as the settlement path records it (a negative
 * payment keyed on the provider's refund id, so the provider's later refund event replays harmlessly).
 * A provider that refuses, fails or cancels the refund is a CONFLICT saying so; nothing is recorded.
 */
export async function refundThroughProvider(
  provider: PaymentProvider,
  req: RefundRequest,
  label: string,
): Promise<SettleInput> {
  let r: Awaited<ReturnType<PaymentProvider['refund']>>;
  try {
    r = await provider.refund(req);
  } catch (err) {
    if (err instanceof AppError) throw err;
    logger.warn(
      { orgId: req.orgId, paymentId: req.payment.id, err: (err as Error).message },
      'provider refused a refund',
    );
    throw conflict(`${provider.name} did not refund: ${(err as Error).message}`);
  }
  if (r.status === 'failed' || r.status === 'canceled')
    throw conflict(`${provider.name} answered the refund ${r.id} as ${r.status}`);
  return {
    invoiceId: req.payment.invoiceId,
    amount: -r.amount,
    currency: r.currency,
    source: provider.source,
    method: req.payment.method,
    externalId: r.id,
    reference: `${provider.name} refund ${r.id} (${label})`.slice(0, 200),
  };
}

/**
 * Staff refunds of a payment a provider took (a card payment through Stripe), in full or in part, with
 * the reason. Under the invoice's row lock it checks the amount against what is left of the payment,
 * has the provider refund it and records the refund through settlement, in one transaction.
 */
export class PaymentRefunds {
  constructor(
    private readonly db: DataSource,
    private readonly settlement: SettlementService,
    private readonly providers: PaymentProviders,
  ) {}

  async refund(
    orgId: string,
    actor: Actor,
    input: { paymentId: string; amount: number; reason: string },
  ): Promise<SettleResult> {
    const reason = input.reason?.trim() ?? '';
    if (!reason) throw badInput('reason', 'Say why the money goes back (the client sees it on the refund)');
    if (reason.length > MAX_REASON) throw badInput('reason', `The reason can be at most ${MAX_REASON} characters`);
    if (!Number.isInteger(input.amount) || input.amount <= 0)
      throw badInput('amount', 'The refund amount must be greater than zero');
    return this.db.transaction(async (tx) => {
      const found = await tx.findOneBy(Payment, { orgId, id: input.paymentId });
      if (!found || found.kind !== PaymentKind.PAYMENT) throw badInput('paymentId', 'No such payment on this invoice');
      await lockInvoice(tx, orgId, found.invoiceId);
      const payment = await tx.findOneByOrFail(Payment, { orgId, id: found.id });
      const provider = this.providers.of(payment.source);
      if (!provider || !payment.externalId)
        throw badInput(
          'paymentId',
          `A ${payment.method.toLowerCase()} payment recorded by hand goes back outside Settle; issue a credit memo for it instead`,
        );
      const left = await refundable(tx, orgId, payment);
      if (input.amount > left)
        throw badInput(
          'amount',
          left > 0
            ? `The refund can be at most ${formatMoney(left, payment.currency)}, what is left of this payment`
            : 'This payment has been refunded in full already',
        );
      const settleInput = await refundThroughProvider(
        provider,
        {
          orgId,
          payment,
          amount: input.amount,
          // What was refunded so far keys the request: a retry gets the same refund back, a second refund a new one.
          idempotencyKey: `settle-refund-${payment.id}-${payment.amount - left}-${input.amount}`,
          reason: { note: reason },
        },
        reason,
      );
      return this.settlement.settleIn(tx, orgId, actor, settleInput);
    });
  }
}

/**
 * What can still go back of `payment`: the payment, less the refunds its provider has recorded on the
 * invoice beyond its other payments (a refund does not name the payment it returns; the provider refuses
 * one past what it took).
 */
async function refundable(tx: EntityManager, orgId: string, payment: Payment): Promise<number> {
  const [{ paid, refunded }] = (await tx.query(
    `SELECT COALESCE(SUM(amount) FILTER (WHERE amount > 0), 0)::bigint AS paid,
            COALESCE(-SUM(amount) FILTER (WHERE amount < 0), 0)::bigint AS refunded
       FROM payments WHERE org_id = $1 AND invoice_id = $2 AND source = $3`,
    [orgId, payment.invoiceId, payment.source],
  )) as Array<{ paid: string; refunded: string }>;
  const refundedOfThis = Math.max(0, Number(refunded) - (Number(paid) - payment.amount));
  return Math.max(0, payment.amount - refundedOfThis);
}
