import type { ApiContext } from '../runtime.js';
import type { WPaymentIntent } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { listRoute } from '../api/collection-routes.js';
import type { ParamObject } from '../api/form-params.js';
import { str, int, bool, applyMetadata, currencyParam, strArray, oneOf } from '../api/param-helpers.js';
import { emitEvent } from '../webhooks/events.js';
import { nowSeconds } from '../core/ids.js';
import { getOr404, getParamObject } from '../core/resource-helpers.js';
import { invalidRequest, missingParam } from '../core/errors.js';
import { requireChargeable, requireTenStep } from './minimum-charge.js';
import { createPaymentIntent, confirmPaymentIntent } from './payments.js';
import { capturePaymentIntent, releaseAuthorization } from './capture.js';

const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'] as const;
const FUTURE_USAGES = ['on_session', 'off_session'] as const;

/** What an update or a confirmation may change about how the payment runs. */
function applyPaymentOptions(pi: WPaymentIntent, p: ParamObject): void {
  const capture = oneOf(p, 'capture_method', CAPTURE_METHODS);
  if (capture) pi.capture_method = capture;
  if (p.setup_future_usage !== undefined) pi.setup_future_usage = oneOf(p, 'setup_future_usage', FUTURE_USAGES) ?? null;
}

/** `off_session` is a boolean, or on create `one_off` / `recurring` (both off-session). */
function offSession(p: ParamObject): boolean {
  const v = str(p, 'off_session');
  if (v === undefined) return false;
  if (!['true', 'false', 'one_off', 'recurring'].includes(v))
    throw invalidRequest(`Invalid boolean: ${v}`, 'off_session');
  return v !== 'false';
}

function confirm(ctx: ApiContext, pi: WPaymentIntent): WPaymentIntent {
  if (
    pi.status !== 'requires_payment_method' &&
    pi.status !== 'requires_confirmation' &&
    pi.status !== 'requires_action'
  ) {
    throw invalidRequest(
      `This PaymentIntent's status is ${pi.status}, but it must be requires_payment_method or requires_confirmation to be confirmed.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  }
  applyPaymentOptions(pi, ctx.params);
  const pm = str(ctx.params, 'payment_method') ?? (pi.payment_method as string | null);
  if (!pm)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with cus_…, specify a payment method attached to this customer along with the customer ID.",
      'payment_method',
      'payment_intent_unexpected_state',
    );
  const r = confirmPaymentIntent(
    ctx,
    pi,
    { kind: 'id', id: pm },
    {
      offSession: offSession(ctx.params),
      returnUrl: str(ctx.params, 'return_url'),
    },
  );
  if (r.status === 'failed') throw r.error;
  return pi;
}

export const paymentIntentRoutes: Route[] = [
  route('POST', '/v1/payment_intents', (ctx) => {
    const p = ctx.params;
    const amount = int(p, 'amount', true)!;
    const currency = currencyParam(p)!;
    requireChargeable(amount, currency);
    requireTenStep(amount, currency);
    const customer = str(p, 'customer') ?? null;
    if (customer) getParamObject(ctx.acct, 'customers', customer, 'customer', 'customer');
    const pi = createPaymentIntent(ctx, {
      amount,
      currency,
      customer,
      description: str(p, 'description') ?? null,
      metadata: applyMetadata({}, p),
      receiptEmail: str(p, 'receipt_email') ?? null,
      // endive renamed the create param `payment_method_types` to `allowed_payment_method_types`.
      paymentMethodTypes: strArray(p, 'allowed_payment_method_types'),
      captureMethod: oneOf(p, 'capture_method', CAPTURE_METHODS),
      setupFutureUsage: oneOf(p, 'setup_future_usage', FUTURE_USAGES),
    });
    if (p.allowed_payment_method_types) pi.allowed_payment_method_types = [...pi.payment_method_types];
    const pm = str(p, 'payment_method');
    if (pm) {
      pi.payment_method = pm;
      pi.status = 'requires_confirmation';
    }
    const confirming = bool(p, 'confirm');
    if (p.off_session !== undefined && !confirming)
      throw invalidRequest('You can only pass in off_session when confirm is set to true.', 'off_session');
    if (confirming) {
      if (!pm) throw missingParam('payment_method');
      pi.status = 'requires_payment_method';
      return confirm(ctx, pi);
    }
    return pi;
  }),
  listRoute('/v1/payment_intents', 'payment_intents', 'payment_intent', ['customer']),
  route('GET', '/v1/payment_intents/:id', (ctx) =>
    getOr404(ctx.acct, 'payment_intents', ctx.path.id!, 'payment_intent'),
  ),
  route('POST', '/v1/payment_intents/:id', (ctx) => {
    const pi = getOr404(ctx.acct, 'payment_intents', ctx.path.id!, 'payment_intent');
    const p = ctx.params;
    const locked = pi.status === 'succeeded' || pi.status === 'processing' || pi.status === 'canceled';
    if (locked && Object.keys(p).some((k) => !['metadata', 'description', 'receipt_email', 'expand'].includes(k))) {
      throw invalidRequest(
        `This PaymentIntent's status is ${pi.status}; it can no longer be updated this way.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    const amount = int(p, 'amount');
    requireTenStep(amount, pi.currency);
    if (amount !== undefined) pi.amount = amount;
    if (p.description !== undefined) pi.description = str(p, 'description') ?? null;
    if (p.receipt_email !== undefined) pi.receipt_email = str(p, 'receipt_email') ?? null;
    const pm = str(p, 'payment_method');
    if (pm) pi.payment_method = pm;
    applyPaymentOptions(pi, p);
    pi.metadata = applyMetadata(pi.metadata, p);
    // Stripe has no payment_intent.updated event: an update alone sends nothing.
    return pi;
  }),
  route('POST', '/v1/payment_intents/:id/confirm', (ctx) =>
    confirm(ctx, getOr404(ctx.acct, 'payment_intents', ctx.path.id!, 'payment_intent')),
  ),
  route('POST', '/v1/payment_intents/:id/capture', (ctx) => {
    const pi = getOr404(ctx.acct, 'payment_intents', ctx.path.id!, 'payment_intent');
    pi.metadata = applyMetadata(pi.metadata, ctx.params);
    const toCapture = int(ctx.params, 'amount_to_capture');
    requireTenStep(toCapture, pi.currency, 'amount_to_capture');
    return capturePaymentIntent(ctx, pi, toCapture);
  }),
  route('POST', '/v1/payment_intents/:id/cancel', (ctx) => {
    const pi = getOr404(ctx.acct, 'payment_intents', ctx.path.id!, 'payment_intent');
    if (pi.status === 'succeeded' || pi.status === 'canceled' || pi.status === 'processing') {
      throw invalidRequest(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    }
    if (pi.status === 'requires_capture') releaseAuthorization(ctx, pi);
    pi.status = 'canceled';
    pi.canceled_at = nowSeconds();
    pi.cancellation_reason = (str(ctx.params, 'cancellation_reason') ??
      'requested_by_customer') as WPaymentIntent['cancellation_reason'];
    emitEvent(ctx, 'payment_intent.canceled', pi);
    return pi;
  }),
];
