import type { Actor } from '../runtime.js';
import type { WDispute, WCharge } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { listRoute, retrieveRoute } from '../api/collection-routes.js';
import { str, applyMetadata } from '../api/param-helpers.js';
import { emitEvent, snapshot, diffPrevious } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404 } from '../core/resource-helpers.js';
import { invalidRequest } from '../core/errors.js';
import { createBalanceTransaction } from './balance.js';

const DISPUTE_FEE = 1500; // Stripe's US dispute fee, withdrawn with the disputed amount

const EVIDENCE_KEYS = [
  'access_activity_log',
  'billing_address',
  'cancellation_policy',
  'cancellation_policy_disclosure',
  'cancellation_rebuttal',
  'customer_communication',
  'customer_email_address',
  'customer_name',
  'customer_purchase_ip',
  'customer_signature',
  'duplicate_charge_documentation',
  'duplicate_charge_explanation',
  'duplicate_charge_id',
  'product_description',
  'receipt',
  'refund_policy',
  'refund_policy_disclosure',
  'refund_refusal_explanation',
  'service_date',
  'service_documentation',
  'shipping_address',
  'shipping_carrier',
  'shipping_date',
  'shipping_documentation',
  'shipping_tracking_number',
  'uncategorized_file',
  'uncategorized_text',
];

/** The dispute's `payment_method_details`: the disputed charge's card brand and network, or its method's type. */
function disputedMethod(ch: WCharge): WDispute['payment_method_details'] {
  const card = ch.payment_method_details?.card;
  if (!card) return { type: ch.payment_method_details?.type ?? 'card' };
  return {
    type: 'card',
    card: {
      brand: card.brand ?? 'unknown',
      case_type: 'chargeback',
      network: card.network ?? card.brand ?? 'unknown',
      network_reason_code: '10.4',
    },
  };
}

/** Disputes only come from customers' banks, so they are created through the control API. */
export function createDispute(actor: Actor, ch: WCharge, o: { amount?: number; reason?: string }): WDispute {
  if (ch.status !== 'succeeded') throw invalidRequest('Only succeeded charges can be disputed.', 'charge');
  // Stripe: "Disputes and chargebacks aren't possible on credit card charges that are fully refunded." A
  // partly refunded charge can still be disputed, for up to its whole amount.
  if (ch.amount_refunded >= ch.amount)
    throw invalidRequest('A fully refunded charge cannot be disputed.', 'charge', 'charge_already_refunded');
  const amount = o.amount ?? ch.amount - ch.amount_refunded;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > ch.amount)
    throw invalidRequest(`A dispute is for 1 to ${ch.amount} of the charge's amount.`, 'amount');
  const id = newId('dp');
  const bt = createBalanceTransaction(actor, {
    amount: -amount,
    currency: ch.currency,
    fee: DISPUTE_FEE,
    source: id,
    type: 'adjustment',
    reporting_category: 'dispute',
    description: `Chargeback withdrawal for ${ch.id}`,
    feeDescription: 'Dispute fee',
  });
  const now = nowSeconds();
  const d: WDispute = {
    id,
    object: 'dispute',
    amount,
    balance_transactions: [bt],
    charge: ch.id,
    created: now,
    currency: ch.currency,
    enhanced_eligibility_types: [],
    evidence: {
      ...Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, null])),
      enhanced_evidence: {},
    } as unknown as WDispute['evidence'],
    evidence_details: {
      due_by: now + 7 * 86400,
      enhanced_eligibility: {},
      has_evidence: false,
      past_due: false,
      submission_count: 0,
      submission_method: 'not_submitted',
    },
    intended_submission_method: null,
    is_charge_refundable: false,
    livemode: !!actor.acct.livemode,
    metadata: {},
    payment_intent: ch.payment_intent,
    payment_method_details: disputedMethod(ch),
    reason: o.reason ?? 'fraudulent',
    status: 'needs_response',
  };
  actor.acct.collections.disputes[d.id] = d;
  const before = snapshot(ch);
  ch.disputed = true;
  emitEvent(actor, 'charge.dispute.created', d);
  emitEvent(actor, 'charge.dispute.funds_withdrawn', d);
  emitEvent(actor, 'charge.updated', ch, diffPrevious(before, ch));
  return d;
}

/** Moves a dispute along; `won`/`lost` close it (won reinstates the funds). */
export function updateDisputeStatus(actor: Actor, d: WDispute, status: WDispute['status']): WDispute {
  if (d.status === 'won' || d.status === 'lost') throw invalidRequest('This dispute is already closed.', 'dispute');
  const before = snapshot(d);
  d.status = status;
  if (status === 'won') {
    const bt = createBalanceTransaction(actor, {
      amount: d.amount,
      currency: d.currency,
      fee: -DISPUTE_FEE,
      source: d.id,
      type: 'adjustment',
      reporting_category: 'dispute_reversal',
      description: `Chargeback reversal for ${String(d.charge)}`,
    });
    d.balance_transactions = [...d.balance_transactions, bt];
  }
  if (status === 'won' || status === 'lost') {
    emitEvent(actor, 'charge.dispute.closed', d, diffPrevious(before, d));
    if (status === 'won') emitEvent(actor, 'charge.dispute.funds_reinstated', d);
  } else emitEvent(actor, 'charge.dispute.updated', d, diffPrevious(before, d));
  return d;
}

export const disputeRoutes: Route[] = [
  listRoute('/v1/disputes', 'disputes', 'dispute', ['charge', 'payment_intent']),
  retrieveRoute('/v1/disputes/:id', 'disputes', 'dispute'),
  route('POST', '/v1/disputes/:id', (ctx) => {
    const d = getOr404(ctx.acct, 'disputes', ctx.path.id!, 'dispute');
    const before = snapshot(d);
    d.metadata = applyMetadata(d.metadata, ctx.params);
    const ev = ctx.params.evidence;
    if (ev && typeof ev === 'object' && !Array.isArray(ev)) {
      for (const [k, v] of Object.entries(ev))
        if (EVIDENCE_KEYS.includes(k) && typeof v === 'string')
          (d.evidence as unknown as Record<string, string>)[k] = v;
      d.evidence_details.has_evidence = true;
    }
    if (str(ctx.params, 'submit') !== 'false') {
      d.status = 'under_review';
      d.evidence_details.submission_count += 1;
    }
    emitEvent(ctx, 'charge.dispute.updated', d, diffPrevious(before, d));
    return d;
  }),
  route('POST', '/v1/disputes/:id/close', (ctx) => {
    const d = getOr404(ctx.acct, 'disputes', ctx.path.id!, 'dispute');
    return updateDisputeStatus(ctx, d, 'lost');
  }),
];
