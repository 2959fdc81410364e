import type { Actor } from '../runtime.js';
import type { WCharge, WRefund } from '../core/wire-types.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { createBalanceTransaction } from './balance.js';
import { outcomeOf } from './payment-methods.js';

/** Why a refund failed, as Stripe names it (`Refund.failure_reason`). */
export const REFUND_FAILURE_REASONS = [
  'lost_or_stolen_card',
  'expired_or_canceled_card',
  'charge_for_pending_refund_disputed',
  'insufficient_funds',
  'declined',
  'merchant_request',
  'unknown',
] as const;
export type RefundFailureReason = (typeof REFUND_FAILURE_REASONS)[number];

/** How a new refund starts, and what it becomes later (null: nothing, it is final at once). */
export interface RefundCourse {
  status: 'pending' | 'succeeded';
  then: { outcome: 'succeeded' | 'failed'; failureReason?: RefundFailureReason } | null;
}

/**
 * How a refund of this charge goes (docs.stripe.com/testing, "Refunds"): a bank debit's refund is
 * `pending` until the bank takes it, then `succeeded`; card 4000000000007726 (`pm_card_pendingRefund`)
 * the same; card 4000000000005126 (`pm_card_refundFail`) "appears successful at first" and fails
 * asynchronously with `expired_or_canceled_card`. Every other card's refund succeeds at once.
 */
export function refundCourse(actor: Actor, ch: WCharge): RefundCourse {
  const pm = typeof ch.payment_method === 'string' ? ch.payment_method : null;
  const outcome = pm ? outcomeOf(actor, pm) : null;
  if (outcome?.kind === 'async' || (outcome?.kind === 'succeed' && outcome.refund === 'pending'))
    return { status: 'pending', then: { outcome: 'succeeded' } };
  if (outcome?.kind === 'succeed' && outcome.refund === 'fail')
    return { status: 'succeeded', then: { outcome: 'failed', failureReason: 'expired_or_canceled_card' } };
  return { status: 'succeeded', then: null };
}

/** Remembers the refund's later change (it survives a restart with a state file) and arms its timer. */
export function scheduleRefund(actor: Actor, refundId: string, then: NonNullable<RefundCourse['then']>): void {
  const dueAt = Date.now() + actor.rt.opts.asyncRefundDelayMs;
  actor.acct.pendingRefunds = { ...(actor.acct.pendingRefunds ?? {}), [refundId]: { dueAt, ...then } };
  actor.rt.scheduleRefund(actor.acct, refundId);
}

/**
 * The later change of a refund, when its timer fires or the control API says so (`forced` overrides the
 * scheduled outcome and failure reason). Succeeded: `refund.updated` and `charge.refund.updated`. Failed:
 * the money comes back to the balance (a `refund_failure` balance transaction, the refund's
 * `failure_balance_transaction`), the charge's `amount_refunded` goes back down (`refunded` false again),
 * `failure_reason` says why, and `refund.updated`, `charge.refund.updated` and `refund.failed` are sent.
 * Returns false when the refund had no change due (already final, or unknown).
 */
export function settleRefund(
  actor: Actor,
  refundId: string,
  forced: { outcome?: 'succeeded' | 'failed'; failureReason?: RefundFailureReason } = {},
): boolean {
  const due = actor.acct.pendingRefunds?.[refundId];
  const r = actor.acct.collections.refunds[refundId];
  if (!due || !r) return false;
  delete actor.acct.pendingRefunds![refundId];
  const before = snapshot(r);
  const outcome = forced.outcome ?? due.outcome;
  delete (r as Partial<WRefund>).pending_reason;
  if (outcome === 'succeeded') r.status = 'succeeded';
  else fail(actor, r, forced.failureReason ?? (due.failureReason as RefundFailureReason | undefined) ?? 'unknown');
  const previous = diffPrevious(before, r);
  emitEvent(actor, 'refund.updated', r, previous);
  emitEvent(actor, 'charge.refund.updated', r, previous);
  if (r.status === 'failed') emitEvent(actor, 'refund.failed', r);
  actor.rt.store.changed();
  return true;
}

function fail(actor: Actor, r: WRefund, reason: RefundFailureReason): void {
  const bt = createBalanceTransaction(actor, {
    amount: r.amount,
    currency: r.currency,
    fee: 0,
    source: r.id,
    type: 'refund_failure',
    reporting_category: 'refund_failure',
    description: 'REFUND FAILURE',
  });
  Object.assign(r, { status: 'failed', failure_reason: reason, failure_balance_transaction: bt.id });
  const ch = actor.acct.collections.charges[r.charge as string];
  if (!ch) return;
  ch.amount_refunded -= r.amount;
  ch.refunded = ch.amount_refunded >= ch.amount;
}
