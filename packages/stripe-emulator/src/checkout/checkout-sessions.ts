import type { ApiContext } from '../runtime.js';
import type { WSession, WLineItem, WPrice } from '../core/wire-types.js';
import type { ParamObject } from '../api/form-params.js';
import { route, type Route } from '../api/routes.js';
import { listRoute } from '../api/collection-routes.js';
import { str, int, applyMetadata, obj, arr, oneOf, strArray, currencyParam } from '../api/param-helpers.js';
import { paginate } from '../api/list.js';
import { requireChargeableSession, requireTenStep } from '../payments/minimum-charge.js';
import { newId, nowSeconds, randomBase62 } from '../core/ids.js';
import { getOr404, getParamObject } from '../core/resource-helpers.js';
import { invalidRequest, missingParam } from '../core/errors.js';
import { createPrice } from '../catalog/prices.js';
import { registerIncludable } from '../api/expand.js';
import { expireSession, lazyExpire } from './checkout-actions.js';
import { createSetupIntent } from '../payments/setup-actions.js';

/** Creation-time bounds from the docs: 30 minutes to 24 hours after creation (10 s clock slack). */
function expiresAt(p: ParamObject, created: number): number {
  const v = int(p, 'expires_at');
  if (v === undefined) return created + 86400;
  if (v < created + 1800 - 10)
    throw invalidRequest(
      'The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.',
      'expires_at',
    );
  if (v > created + 86400 + 10)
    throw invalidRequest(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
      'expires_at',
    );
  return v;
}

function lineItem(ctx: ApiContext, li: ParamObject, i: number): WLineItem {
  let price: WPrice;
  const priceId = str(li, 'price');
  const priceData = obj(li, 'price_data');
  if (priceId) price = getParamObject(ctx.acct, 'prices', priceId, 'price', `line_items[${i}][price]`);
  else if (priceData) {
    // Named as Stripe names it on a session, before createPrice would name the bare `unit_amount`.
    const cur = str(priceData, 'currency')?.toLowerCase();
    requireTenStep(int(priceData, 'unit_amount'), cur, `line_items[${i}][price_data][unit_amount]`);
    price = createPrice(ctx, priceData);
  } else throw missingParam(`line_items[${i}][price]`);
  if (!price.active)
    throw invalidRequest(
      `The price specified (${price.id}) is inactive. This field only accepts active prices.`,
      `line_items[${i}][price]`,
    );
  const quantity = int(li, 'quantity', false, `line_items[${i}][quantity]`) ?? 1;
  if (quantity < 1) throw invalidRequest('Quantity must be greater than 0.', `line_items[${i}][quantity]`);
  if (price.custom_unit_amount && quantity !== 1)
    throw invalidRequest('Quantity must be 1 for prices with custom_unit_amount.', `line_items[${i}][quantity]`);
  const unit = price.custom_unit_amount
    ? (price.custom_unit_amount.preset ?? 0)
    : Math.round(Number(price.unit_amount_decimal ?? price.unit_amount ?? 0));
  const product = ctx.acct.collections.products[price.product as string];
  return {
    id: newId('li'),
    object: 'item',
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: unit * quantity,
    amount_tax: 0,
    amount_total: unit * quantity,
    currency: price.currency,
    description: product?.name ?? null,
    metadata: applyMetadata({}, li),
    price: JSON.parse(JSON.stringify(price)) as WLineItem['price'],
    quantity,
  };
}

function create(ctx: ApiContext): WSession {
  const p = ctx.params;
  const mode = oneOf(p, 'mode', ['payment', 'setup', 'subscription'], true)!;
  if (mode === 'subscription')
    throw invalidRequest('The emulator supports mode=payment and mode=setup only (got subscription).', 'mode');
  const setup = mode === 'setup';
  const created = nowSeconds();
  const exp = expiresAt(p, created);
  const rawItems = arr(p, 'line_items');
  if (setup && rawItems?.length) throw invalidRequest('You cannot pass `line_items` in `setup` mode.', 'line_items');
  if (!setup && !rawItems?.length) throw missingParam('line_items');
  const items = (rawItems ?? []).map((li, i) => {
    if (typeof li !== 'object' || Array.isArray(li)) throw invalidRequest('Invalid object', `line_items[${i}]`);
    return lineItem(ctx, li, i);
  });
  const currency = setup ? (currencyParam(p, 'currency', false) ?? null) : items[0]!.currency;
  if (items.some((i) => i.currency !== currency))
    throw invalidRequest('All line items must use the same currency.', 'line_items');
  const customer = str(p, 'customer') ?? null;
  if (customer) getParamObject(ctx.acct, 'customers', customer, 'customer', 'customer');
  const customerEmail = str(p, 'customer_email') ?? null;
  if (customer && customerEmail)
    throw invalidRequest('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
  const pid = obj(p, 'payment_intent_data');
  const allowed = strArray(p, 'allowed_payment_method_types');
  const excluded = strArray(p, 'excluded_payment_method_types') ?? [];
  const types = (allowed ?? ['card', 'us_bank_account']).filter((t) => !excluded.includes(t));
  const total = setup ? null : items.reduce((s, i) => s + i.amount_total, 0);
  // A custom-amount price is checked when the payer chooses the amount, not here.
  if (total !== null && !items.some((i) => i.price?.custom_unit_amount)) requireChargeableSession(total, currency!);
  const id = `cs_test_${randomBase62(58)}`;
  // Setup mode: the SetupIntent exists from the start; the hosted page confirms it.
  const sid = obj(p, 'setup_intent_data');
  const si = setup
    ? createSetupIntent(ctx, {
        customer,
        description: sid ? (str(sid, 'description') ?? null) : null,
        metadata: sid ? applyMetadata({}, sid) : {},
        usage: 'off_session',
        allowed: allowed ?? null,
      })
    : null;
  if (si) si.payment_method_types = types;
  const ic = obj(p, 'invoice_creation');
  const s: WSession = {
    id,
    object: 'checkout.session',
    adaptive_pricing: { enabled: false },
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: allowed ?? null,
    amount_subtotal: total,
    amount_total: total,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: str(p, 'cancel_url') ?? null,
    client_reference_id: str(p, 'client_reference_id') ?? null,
    client_secret: null,
    collected_information: null,
    consent: null,
    consent_collection: null,
    created,
    currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer,
    customer_account: null,
    customer_creation: customer || setup ? null : 'if_required',
    customer_details: null,
    customer_email: customerEmail,
    discounts: [],
    expires_at: exp,
    integration_identifier: null,
    invoice: null,
    invoice_creation: {
      enabled: ic?.enabled === 'true',
      invoice_data: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: null,
        metadata: {},
        rendering_options: null,
      },
    },
    livemode: !!ctx.acct.livemode,
    locale: (str(p, 'locale') ?? null) as WSession['locale'],
    managed_payments: null,
    metadata: applyMetadata({}, p),
    mode,
    origin_context: null,
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: types,
    payment_status: setup ? 'no_payment_required' : 'unpaid',
    permissions: null,
    phone_number_collection: { enabled: false },
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: si?.id ?? null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: 'open',
    submit_type: (str(p, 'submit_type') ?? null) as WSession['submit_type'],
    subscription: null,
    success_url: str(p, 'success_url') ?? null,
    total_details: setup ? null : { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted_page' as WSession['ui_mode'],
    url: `${ctx.rt.baseUrl}/checkout/pay/${id}`,
    wallet_options: null,
  };
  ctx.acct.collections.checkout_sessions[id] = s;
  ctx.acct.sessionLineItems[id] = items;
  // Hidden: PI params applied when the customer pays (session metadata is NOT copied to the PI).
  ctx.acct.sessionPaymentIntentData = {
    ...(ctx.acct.sessionPaymentIntentData ?? {}),
    [id]: {
      metadata: pid ? applyMetadata({}, pid) : {},
      description: pid ? (str(pid, 'description') ?? null) : null,
      captureMethod: pid && oneOf(pid, 'capture_method', ['automatic', 'automatic_async', 'manual']),
      setupFutureUsage: pid && oneOf(pid, 'setup_future_usage', ['on_session', 'off_session']),
    },
  };
  return s;
}

export const checkoutRoutes: Route[] = [
  route('POST', '/v1/checkout/sessions', create),
  listRoute(
    '/v1/checkout/sessions',
    'checkout_sessions',
    'checkout.session',
    ['payment_intent', 'customer', 'status'],
    {
      each: lazyExpire,
    },
  ),
  route('GET', '/v1/checkout/sessions/:id', (ctx) => {
    const s = getOr404(ctx.acct, 'checkout_sessions', ctx.path.id!, 'checkout.session', 'session');
    lazyExpire(ctx, s);
    return s;
  }),
  route('GET', '/v1/checkout/sessions/:id/line_items', (ctx) => {
    const s = getOr404(ctx.acct, 'checkout_sessions', ctx.path.id!, 'checkout.session', 'session');
    return paginate(
      ctx.acct.sessionLineItems[s.id] ?? [],
      ctx.params,
      `/v1/checkout/sessions/${s.id}/line_items`,
      'line_item',
    );
  }),
  route('POST', '/v1/checkout/sessions/:id/expire', (ctx) => {
    const s = getOr404(ctx.acct, 'checkout_sessions', ctx.path.id!, 'checkout.session', 'session');
    if (s.status !== 'open')
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
        'session',
      );
    expireSession(ctx, s);
    return s;
  }),
];

registerIncludable('checkout.session', 'line_items', (acct, o) => ({
  object: 'list',
  data: JSON.parse(JSON.stringify(acct.sessionLineItems[o.id as string] ?? [])),
  has_more: false,
  url: `/v1/checkout/sessions/${String(o.id)}/line_items`,
}));
