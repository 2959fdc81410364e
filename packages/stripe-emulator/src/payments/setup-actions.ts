import type { Actor } from '../runtime.js';
import type { WSetupIntent } from '../core/wire-types.js';
import { newId, nowSeconds, randomBase62 } from '../core/ids.js';
import { emitEvent, snapshot } from '../webhooks/events.js';
import { cardDeclined, invalidRequest, StripeApiError } from '../core/errors.js';
import { resolvePaymentMethod, type PaymentMethodInput } from './payment-methods.js';
import { markSetUp } from './payments.js';
import { authenticationAction } from './authentication.js';

export interface NewSetupIntent {
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  usage: 'on_session' | 'off_session';
  /** `allowed_payment_method_types` as given (endive's create param), or null for the default. */
  allowed: string[] | null;
}

export function createSetupIntent(actor: Actor, o: NewSetupIntent): WSetupIntent {
  const id = newId('seti');
  const si: WSetupIntent = {
    id,
    object: 'setup_intent',
    allowed_payment_method_types: o.allowed as WSetupIntent['allowed_payment_method_types'],
    application: null,
    automatic_payment_methods: null,
    cancellation_reason: null,
    client_secret: `${id}_secret_${randomBase62(32)}`,
    created: nowSeconds(),
    customer: o.customer,
    customer_account: null,
    description: o.description,
    excluded_payment_method_types: null,
    flow_directions: null,
    last_setup_error: null,
    latest_attempt: null,
    livemode: !!actor.acct.livemode,
    mandate: null,
    metadata: o.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: o.allowed ?? ['card'],
    single_use_mandate: null,
    status: 'requires_payment_method',
    usage: o.usage,
  };
  actor.acct.collections.setup_intents[id] = si;
  emitEvent(actor, 'setup_intent.created', si);
  return si;
}

export type SetupResult =
  | { status: 'succeeded' | 'requires_action'; si: WSetupIntent }
  | { status: 'failed'; si: WSetupIntent; error: StripeApiError };

/**
 * Confirms a SetupIntent with a payment method, as Stripe does with the test cards: a card that declines fails
 * (`setup_intent.setup_failed`, except 4000000000000341 which attaches and only fails when charged); a card that
 * asks for 3-D Secure at setup (4000002760003184, 4000002500003155) waits in `requires_action` unless a person
 * on the hosted page authenticates (`authenticated`). Success saves the PaymentMethod to the customer
 * (`payment_method.attached`), then `setup_intent.succeeded`.
 */
export function confirmSetupIntent(
  actor: Actor,
  si: WSetupIntent,
  input: PaymentMethodInput,
  opts: { authenticated?: boolean; returnUrl?: string } = {},
): SetupResult {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(si.status))
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${si.status}.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  const { pm, outcome } = resolvePaymentMethod(actor, input);
  if (!si.payment_method_types.includes(pm.type)) {
    if (si.allowed_payment_method_types)
      throw invalidRequest(
        `The PaymentMethod provided (${pm.type}) is not allowed for this SetupIntent.`,
        'payment_method',
        'payment_method_invalid_parameter',
      );
    si.payment_method_types = [...si.payment_method_types, pm.type];
  }
  if (outcome.kind === 'decline' && !outcome.attachOk) {
    const err = cardDeclined({ code: outcome.code, declineCode: outcome.declineCode, message: outcome.message });
    Object.assign(si, {
      status: 'requires_payment_method',
      payment_method: null,
      next_action: null,
      last_setup_error: { ...err.body, payment_method: pm },
    });
    emitEvent(actor, 'setup_intent.setup_failed', si);
    const error = cardDeclined({
      code: outcome.code,
      declineCode: outcome.declineCode,
      message: outcome.message,
      paymentMethod: pm,
    });
    error.body.setup_intent = snapshot(si);
    return { status: 'failed', si, error };
  }
  if (outcome.kind === 'succeed' && outcome.auth && !opts.authenticated) {
    Object.assign(si, {
      status: 'requires_action',
      payment_method: pm.id,
      last_setup_error: null,
      next_action: authenticationAction(actor, si.id, opts.returnUrl),
    });
    emitEvent(actor, 'setup_intent.requires_action', si);
    return { status: 'requires_action', si };
  }
  const customer = typeof si.customer === 'string' ? si.customer : null;
  if (customer && pm.customer !== customer) {
    if (pm.customer)
      throw invalidRequest(
        'The payment method you provided has already been attached to a customer.',
        'payment_method',
      );
    pm.customer = customer;
    emitEvent(actor, 'payment_method.attached', pm);
  }
  if (si.usage === 'off_session') markSetUp(actor, pm.id);
  Object.assign(si, { status: 'succeeded', payment_method: pm.id, last_setup_error: null, next_action: null });
  emitEvent(actor, 'setup_intent.succeeded', si);
  return { status: 'succeeded', si };
}

export function cancelSetupIntent(actor: Actor, si: WSetupIntent, reason: WSetupIntent['cancellation_reason']): void {
  if (si.status === 'succeeded' || si.status === 'canceled' || si.status === 'processing')
    throw invalidRequest(
      `You cannot cancel this SetupIntent because it has a status of ${si.status}.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  si.status = 'canceled';
  si.cancellation_reason = reason;
  si.next_action = null;
  emitEvent(actor, 'setup_intent.canceled', si);
}
