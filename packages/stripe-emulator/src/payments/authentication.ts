import type { Actor } from '../runtime.js';
import type { WPaymentIntent, WSetupIntent } from '../core/wire-types.js';
import { emitEvent } from '../webhooks/events.js';
import { invalidRequest } from '../core/errors.js';
import { confirmPaymentIntent } from './payments.js';
import { confirmSetupIntent } from './setup-actions.js';

/**
 * 3-D Secure for a PaymentIntent or SetupIntent in `requires_action`. Confirmed with a `return_url`, Stripe's
 * `next_action` is `redirect_to_url` to its authentication page; the emulator's is `/hosted/authenticate/:id`
 * (a form with Complete / Fail, like Stripe's test page), which then redirects to the `return_url` with
 * `payment_intent|setup_intent`, its client secret and `redirect_status`. Without a `return_url` it is
 * `use_stripe_sdk` (Stripe.js; not emulated).
 */
export function authenticationAction(actor: Actor, intentId: string, returnUrl: string | undefined) {
  if (!returnUrl) return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
  return {
    type: 'redirect_to_url',
    redirect_to_url: { return_url: returnUrl, url: `${actor.rt.baseUrl}/hosted/authenticate/${intentId}` },
  };
}

type Intent = WPaymentIntent | WSetupIntent;

/** Completes (`complete`) or fails (`fail`) the authentication; returns where to send the person next. */
export function finishAuthentication(actor: Actor, intent: Intent, action: 'complete' | 'fail'): string {
  if (intent.status !== 'requires_action' || intent.next_action?.type !== 'redirect_to_url')
    throw invalidRequest(`This ${intent.object} does not need authentication (status ${intent.status}).`);
  const returnUrl = intent.next_action.redirect_to_url!.return_url!;
  const pm = intent.payment_method as string;
  let ok = false;
  if (action === 'complete') {
    if (intent.object === 'payment_intent')
      ok = confirmPaymentIntent(actor, intent, { kind: 'id', id: pm }, { authenticated: true }).status !== 'failed';
    else ok = confirmSetupIntent(actor, intent, { kind: 'id', id: pm }, { authenticated: true }).status !== 'failed';
  } else failAuthentication(actor, intent);
  const url = new URL(returnUrl);
  url.searchParams.set(intent.object, intent.id);
  url.searchParams.set(`${intent.object}_client_secret`, intent.client_secret ?? '');
  url.searchParams.set('redirect_status', ok ? 'succeeded' : 'failed');
  return url.toString();
}

function failAuthentication(actor: Actor, intent: Intent): void {
  const pm = actor.acct.collections.payment_methods[intent.payment_method as string];
  const code = `${intent.object}_authentication_failure`;
  const error = {
    type: 'invalid_request_error' as const,
    code,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    message: `The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this ${intent.object === 'payment_intent' ? 'PaymentIntent' : 'SetupIntent'} again.`,
    payment_method: pm,
  };
  if (intent.object === 'payment_intent') {
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      next_action: null,
      last_payment_error: error,
    });
    emitEvent(actor, 'payment_intent.payment_failed', intent);
  } else {
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      next_action: null,
      last_setup_error: error,
    });
    emitEvent(actor, 'setup_intent.setup_failed', intent);
  }
}
