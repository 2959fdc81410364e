import type { ApiContext } from '../runtime.js';
import type { WRefund, WCharge } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { listRoute, retrieveRoute } from '../api/collection-routes.js';
import { str, int, applyMetadata, oneOf } from '../api/param-helpers.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404, getParamObject } from '../core/resource-helpers.js';
import { invalidRequest, missingParam } from '../core/errors.js';
import { createBalanceTransaction } from './balance.js';
import { refundCourse, scheduleRefund } from './refund-outcomes.js';
import { requireTenStep } from './minimum-charge.js';

const fmt = (amount: number, currency: string) =>
  `${currency === 'usd' ? '$' : ''}${(amount / 100).toFixed(2)}${currency === 'usd' ? '' : ` ${currency}`}`;

/**
 * Partial and repeated refunds keep a running `amount_refunded`; `refunded` only when full. A refund that
 * is pending, or fails later, counts as refunded until it fails (refund-outcomes.ts gives it back then).
 */
function create(ctx: ApiContext): WRefund {
  const p = ctx.params;
  const chargeId = str(p, 'charge');
  const piId = str(p, 'payment_intent');
  if (!chargeId && !piId) throw missingParam('charge');
  let ch: WCharge;
  if (chargeId) ch = getParamObject(ctx.acct, 'charges', chargeId, 'charge', 'charge');
  else {
    const pi = getParamObject(ctx.acct, 'payment_intents', piId!, 'payment_intent', 'payment_intent');
    if (!pi.latest_charge || pi.status !== 'succeeded') {
      throw invalidRequest(
        `This PaymentIntent does not have a successful charge to refund.`,
        'payment_intent',
        'charge_not_refundable',
      );
    }
    ch = getParamObject(ctx.acct, 'charges', pi.latest_charge as string, 'charge', 'payment_intent');
  }
  if (ch.status !== 'succeeded')
    throw invalidRequest(
      `Charge ${ch.id} has not succeeded and cannot be refunded.`,
      'charge',
      'charge_not_refundable',
    );
  if (ch.disputed) {
    const disputes = Object.values(ctx.acct.collections.disputes).filter((d) => d.charge === ch.id);
    // A lost dispute has already sent the money back to the cardholder (a chargeback): nothing is left to refund.
    if (disputes.some((d) => d.status === 'lost'))
      throw invalidRequest(
        `Charge ${ch.id} has been charged back; cannot issue a refund.`,
        'charge',
        'charge_disputed',
      );
    if (disputes.some((d) => !['won', 'warning_closed', 'prevented'].includes(d.status)))
      throw invalidRequest(`Charge ${ch.id} has been disputed and cannot be refunded.`, 'charge', 'charge_disputed');
  }
  if (!ch.captured)
    throw invalidRequest(
      `Charge ${ch.id} has not been captured. The emulator releases an authorization only by canceling its PaymentIntent.`,
      'charge',
      'charge_not_refundable',
    );
  // After a partial capture the released remainder already counts as refunded.
  const remaining = ch.amount - ch.amount_refunded;
  if (remaining <= 0)
    throw invalidRequest(`Charge ${ch.id} has already been refunded.`, 'charge', 'charge_already_refunded');
  const amount = int(p, 'amount') ?? remaining;
  if (amount <= 0) throw invalidRequest('Invalid positive integer', 'amount');
  requireTenStep(amount, ch.currency);
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${fmt(amount, ch.currency)}) is greater than unrefunded amount on charge (${fmt(remaining, ch.currency)})`,
      'amount',
      'amount_too_large',
    );
  }
  const refundId = newId('re');
  // A bank debit's refund, and the refund test cards', change later (refund-outcomes.ts).
  const course = refundCourse(ctx, ch);
  const bt = createBalanceTransaction(ctx, {
    amount: -amount,
    currency: ch.currency,
    fee: 0,
    source: refundId,
    type: 'refund',
    reporting_category: 'refund',
    description: 'REFUND FOR CHARGE',
  });
  const refund: WRefund = {
    id: refundId,
    object: 'refund',
    amount,
    balance_transaction: bt.id,
    charge: ch.id,
    created: nowSeconds(),
    currency: ch.currency,
    customer: ch.customer,
    customer_account: null,
    destination_details: (ch.payment_method_details?.type === 'us_bank_account'
      ? { type: 'us_bank_transfer', us_bank_transfer: { reference: null, reference_status: 'pending' } }
      : {
          type: 'card',
          card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
        }) as WRefund['destination_details'],
    metadata: applyMetadata({}, p),
    payment_intent: ch.payment_intent,
    payment_method: ch.payment_method,
    reason: (oneOf(p, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null) as WRefund['reason'],
    receipt_number: null,
    source_transfer_reversal: null,
    status: course.status,
    ...(course.status === 'pending' ? { pending_reason: 'processing' as const } : {}),
    transfer_reversal: null,
  };
  ctx.acct.collections.refunds[refund.id] = refund;
  const before = snapshot(ch);
  ch.amount_refunded += amount;
  ch.refunded = ch.amount_refunded >= ch.amount;
  emitEvent(ctx, 'refund.created', refund);
  emitEvent(ctx, 'charge.refunded', ch, diffPrevious(before, ch));
  if (course.then) scheduleRefund(ctx, refund.id, course.then);
  return refund;
}

export const refundRoutes: Route[] = [
  route('POST', '/v1/refunds', create),
  listRoute('/v1/refunds', 'refunds', 'refund', ['charge', 'payment_intent']),
  retrieveRoute('/v1/refunds/:id', 'refunds', 'refund'),
  route('POST', '/v1/refunds/:id', (ctx) => {
    const r = getOr404(ctx.acct, 'refunds', ctx.path.id!, 'refund');
    const before = snapshot(r);
    r.metadata = applyMetadata(r.metadata ?? {}, ctx.params);
    const prev = diffPrevious(before, r);
    if (prev) emitEvent(ctx, 'refund.updated', r, prev);
    return r;
  }),
];
