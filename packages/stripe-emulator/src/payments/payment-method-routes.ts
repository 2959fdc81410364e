import type { ApiContext, Actor } from '../runtime.js';
import type { WPaymentMethod } from '../core/wire-types.js';
import type { ParamObject } from '../api/form-params.js';
import { route, type Route } from '../api/routes.js';
import { str, obj, int, applyMetadata, oneOf } from '../api/param-helpers.js';
import { newestFirst, paginate, filterCreated } from '../api/list.js';
import { emitEvent, diffPrevious, snapshot } from '../webhooks/events.js';
import { getOr404, getParamObject } from '../core/resource-helpers.js';
import { cardDeclined, invalidRequest, missingParam, resourceMissing } from '../core/errors.js';
import {
  resolvePaymentMethod,
  cardNumberOfToken,
  outcomeOf,
  isTestPaymentMethodId,
  type PaymentMethodInput,
} from './payment-methods.js';

const TYPES = ['card', 'us_bank_account'] as const;

/** `type=card` with `card[token]=tok_visa` (or a test `card[number]`), or `type=us_bank_account` with its numbers. */
function inputOf(p: ParamObject): PaymentMethodInput {
  const type = oneOf(p, 'type', TYPES);
  if (!type) throw missingParam('type');
  const billing = obj(p, 'billing_details');
  const name = billing ? str(billing, 'name') : undefined;
  const email = billing ? str(billing, 'email') : undefined;
  if (type === 'us_bank_account') {
    const b = obj(p, 'us_bank_account');
    if (!b) throw missingParam('us_bank_account');
    return {
      kind: 'us_bank_account',
      accountNumber: str(b, 'account_number') ?? '',
      routingNumber: str(b, 'routing_number'),
      name,
      email,
    };
  }
  const card = obj(p, 'card');
  if (!card) throw missingParam('card');
  const token = str(card, 'token');
  const number = token ? cardNumberOfToken(token) : str(card, 'number');
  if (token && !number) throw resourceMissing('token', token, 'card[token]', 400);
  if (!number) throw missingParam('card[number]');
  return {
    kind: 'card',
    number,
    expMonth: int(card, 'exp_month', false, 'card[exp_month]'),
    expYear: int(card, 'exp_year', false, 'card[exp_year]'),
    name,
    email,
  };
}

/**
 * Attaches a PaymentMethod to a customer. A `pm_card_*` id makes a new PaymentMethod, as in Stripe test mode.
 * Cards that decline also fail to attach, except 4000000000000341 (`pm_card_chargeCustomerFail`).
 */
export function attachPaymentMethod(actor: Actor, pmId: string, customerId: string, param = 'payment_method') {
  const customer = getParamObject(actor.acct, 'customers', customerId, 'customer', 'customer');
  const pm = isTestPaymentMethodId(pmId)
    ? resolvePaymentMethod(actor, { kind: 'id', id: pmId }).pm
    : getParamObject(actor.acct, 'payment_methods', pmId, 'PaymentMethod', param);
  if (pm.customer === customer.id) return pm;
  if (pm.customer)
    throw invalidRequest('The payment method you provided has already been attached to a customer.', param);
  const outcome = outcomeOf(actor, pm.id);
  if (outcome.kind === 'decline' && !outcome.attachOk)
    throw cardDeclined({ code: outcome.code, declineCode: outcome.declineCode, message: outcome.message });
  pm.customer = customer.id;
  emitEvent(actor, 'payment_method.attached', pm);
  return pm;
}

/** Detaching also clears the customer's default payment method if it was this one (`customer.updated`). */
export function detachPaymentMethod(actor: Actor, pm: WPaymentMethod): WPaymentMethod {
  const customerId = pm.customer as string | null;
  if (!customerId)
    throw invalidRequest(
      'The payment method you provided is not attached to a customer so detachment is impossible.',
      'payment_method',
    );
  pm.customer = null;
  const customer = actor.acct.collections.customers[customerId];
  if (customer && customer.invoice_settings.default_payment_method === pm.id) {
    const before = snapshot(customer);
    customer.invoice_settings.default_payment_method = null;
    emitEvent(actor, 'customer.updated', customer, diffPrevious(before, customer));
  }
  emitEvent(actor, 'payment_method.detached', pm, { customer: customerId });
  return pm;
}

/** The customer's PaymentMethods, newest first, optionally of one `type`. */
function listOf(ctx: ApiContext, customerId: string | undefined, url: string) {
  let items = newestFirst(ctx.acct.collections.payment_methods);
  if (customerId) items = items.filter((pm) => pm.customer === customerId);
  const type = str(ctx.params, 'type');
  if (type) items = items.filter((pm) => pm.type === type);
  return paginate(filterCreated(items, ctx.params), ctx.params, url, 'payment_method');
}

export const paymentMethodRoutes: Route[] = [
  route('POST', '/v1/payment_methods', (ctx) => {
    const { pm } = resolvePaymentMethod(ctx, inputOf(ctx.params));
    pm.metadata = applyMetadata(pm.metadata ?? {}, ctx.params);
    return pm;
  }),
  route('GET', '/v1/payment_methods', (ctx) => {
    const customer = str(ctx.params, 'customer');
    if (customer) getParamObject(ctx.acct, 'customers', customer, 'customer', 'customer');
    return listOf(ctx, customer, '/v1/payment_methods');
  }),
  route('GET', '/v1/payment_methods/:id', (ctx) =>
    getOr404(ctx.acct, 'payment_methods', ctx.path.id!, 'PaymentMethod', 'payment_method'),
  ),
  route('POST', '/v1/payment_methods/:id', (ctx) => {
    const pm = getOr404(ctx.acct, 'payment_methods', ctx.path.id!, 'PaymentMethod', 'payment_method');
    const before = snapshot(pm);
    const billing = obj(ctx.params, 'billing_details');
    if (billing) {
      for (const k of ['name', 'email', 'phone'] as const)
        if (billing[k] !== undefined) pm.billing_details[k] = str(billing, k) ?? null;
    }
    const card = obj(ctx.params, 'card');
    if (card && pm.card) {
      pm.card.exp_month = int(card, 'exp_month', false, 'card[exp_month]') ?? pm.card.exp_month;
      pm.card.exp_year = int(card, 'exp_year', false, 'card[exp_year]') ?? pm.card.exp_year;
    }
    pm.metadata = applyMetadata(pm.metadata ?? {}, ctx.params);
    const prev = diffPrevious(before, pm);
    if (prev) emitEvent(ctx, 'payment_method.updated', pm, prev);
    return pm;
  }),
  route('POST', '/v1/payment_methods/:id/attach', (ctx) => {
    const id = ctx.path.id!;
    if (!isTestPaymentMethodId(id)) getOr404(ctx.acct, 'payment_methods', id, 'PaymentMethod', 'payment_method');
    return attachPaymentMethod(ctx, id, str(ctx.params, 'customer', true)!);
  }),
  route('POST', '/v1/payment_methods/:id/detach', (ctx) =>
    detachPaymentMethod(ctx, getOr404(ctx.acct, 'payment_methods', ctx.path.id!, 'PaymentMethod', 'payment_method')),
  ),
  route('GET', '/v1/customers/:id/payment_methods', (ctx) => {
    const customer = getOr404(ctx.acct, 'customers', ctx.path.id!, 'customer');
    return listOf(ctx, customer.id, `/v1/customers/${customer.id}/payment_methods`);
  }),
  route('GET', '/v1/customers/:customer/payment_methods/:id', (ctx) => {
    const customer = getOr404(ctx.acct, 'customers', ctx.path.customer!, 'customer', 'customer');
    const pm = ctx.acct.collections.payment_methods[ctx.path.id!];
    if (!pm || pm.customer !== customer.id) throw resourceMissing('PaymentMethod', ctx.path.id!, 'payment_method');
    return pm;
  }),
];
