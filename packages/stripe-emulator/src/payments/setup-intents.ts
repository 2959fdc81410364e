import type { ApiContext } from '../runtime.js';
import type { WSetupIntent } from '../core/wire-types.js';
import { route, type Route } from '../api/routes.js';
import { listRoute } from '../api/collection-routes.js';
import { str, bool, oneOf, strArray, applyMetadata } from '../api/param-helpers.js';
import { getOr404, getParamObject } from '../core/resource-helpers.js';
import { invalidRequest } from '../core/errors.js';
import { createSetupIntent, confirmSetupIntent, cancelSetupIntent } from './setup-actions.js';

const USAGES = ['on_session', 'off_session'] as const;

/** Confirming needs a payment method, given now or earlier; a failure is thrown as Stripe's 402. */
function confirm(ctx: ApiContext, si: WSetupIntent): WSetupIntent {
  if (sessionOf(ctx, si))
    throw invalidRequest(
      'You cannot confirm this SetupIntent because it belongs to a Checkout Session.',
      undefined,
      'setup_intent_unexpected_state',
    );
  const pm = str(ctx.params, 'payment_method') ?? (si.payment_method as string | null);
  if (!pm)
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
      'payment_method',
      'setup_intent_unexpected_state',
    );
  const r = confirmSetupIntent(ctx, si, { kind: 'id', id: pm }, { returnUrl: str(ctx.params, 'return_url') });
  if (r.status === 'failed') throw r.error;
  return si;
}

const sessionOf = (ctx: ApiContext, si: WSetupIntent) =>
  Object.values(ctx.acct.collections.checkout_sessions).find((s) => s.setup_intent === si.id);

export const setupIntentRoutes: Route[] = [
  route('POST', '/v1/setup_intents', (ctx) => {
    const p = ctx.params;
    const customer = str(p, 'customer') ?? null;
    if (customer) getParamObject(ctx.acct, 'customers', customer, 'customer', 'customer');
    const si = createSetupIntent(ctx, {
      customer,
      description: str(p, 'description') ?? null,
      metadata: applyMetadata({}, p),
      usage: oneOf(p, 'usage', USAGES) ?? 'off_session',
      allowed: strArray(p, 'allowed_payment_method_types') ?? null,
    });
    const pm = str(p, 'payment_method');
    if (pm) {
      si.payment_method = pm;
      si.status = 'requires_confirmation';
    }
    if (bool(p, 'confirm')) return confirm(ctx, si);
    return si;
  }),
  listRoute('/v1/setup_intents', 'setup_intents', 'setup_intent', ['customer', 'payment_method']),
  route('GET', '/v1/setup_intents/:id', (ctx) =>
    getOr404(ctx.acct, 'setup_intents', ctx.path.id!, 'setup_intent', 'intent'),
  ),
  route('POST', '/v1/setup_intents/:id', (ctx) => {
    const si = getOr404(ctx.acct, 'setup_intents', ctx.path.id!, 'setup_intent', 'intent');
    const p = ctx.params;
    if (si.status === 'succeeded' || si.status === 'canceled') {
      if (Object.keys(p).some((k) => !['metadata', 'description', 'expand'].includes(k)))
        throw invalidRequest(
          `This SetupIntent's status is ${si.status}; it can no longer be updated this way.`,
          undefined,
          'setup_intent_unexpected_state',
        );
    }
    const customer = str(p, 'customer');
    if (customer) si.customer = getParamObject(ctx.acct, 'customers', customer, 'customer', 'customer').id;
    if (p.description !== undefined) si.description = str(p, 'description') ?? null;
    const pm = str(p, 'payment_method');
    if (pm) {
      si.payment_method = pm;
      si.status = 'requires_confirmation';
    }
    si.metadata = applyMetadata(si.metadata ?? {}, p);
    // Stripe has no setup_intent.updated event: an update alone sends nothing.
    return si;
  }),
  route('POST', '/v1/setup_intents/:id/confirm', (ctx) =>
    confirm(ctx, getOr404(ctx.acct, 'setup_intents', ctx.path.id!, 'setup_intent', 'intent')),
  ),
  route('POST', '/v1/setup_intents/:id/cancel', (ctx) => {
    const si = getOr404(ctx.acct, 'setup_intents', ctx.path.id!, 'setup_intent', 'intent');
    if (sessionOf(ctx, si))
      throw invalidRequest(
        'You cannot cancel this SetupIntent because it belongs to a Checkout Session. Expire the Checkout Session instead.',
        undefined,
        'setup_intent_unexpected_state',
      );
    const reason = oneOf(ctx.params, 'cancellation_reason', ['abandoned', 'duplicate', 'requested_by_customer']);
    cancelSetupIntent(ctx, si, reason ?? null);
    return si;
  }),
];
