import type { ApiContext } from '../runtime.js';
import type { WPrice } from '../core/wire-types.js';
import type { ParamObject } from '../api/form-params.js';
import { route, type Route } from '../api/routes.js';
import { listRoute, retrieveRoute } from '../api/collection-routes.js';
import { str, bool, int, applyMetadata, obj, currencyParam, oneOf } from '../api/param-helpers.js';
import { requireChargeable, requireTenStep } from '../payments/minimum-charge.js';
import { emitEvent, diffPrevious, snapshot } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404, getParamObject } from '../core/resource-helpers.js';
import { invalidRequest, missingParam } from '../core/errors.js';
import { createProduct } from './products.js';

/** Validates the decimal-string form Stripe uses (at most 12 decimal places). */
export function decimalParam(p: ParamObject, name: string, param = name): string | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+(\.\d{1,12})?$/.test(v)) throw invalidRequest(`Invalid decimal: ${v}`, param);
  // Stripe echoes decimals without trailing zeros ("12.50" → "12.5").
  return v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v;
}

export function createPrice(ctx: ApiContext, params: ParamObject): WPrice {
  const currency = currencyParam(params)!;
  let product = str(params, 'product');
  const productData = obj(params, 'product_data');
  if (!product && !productData) throw missingParam('product');
  if (product && productData)
    throw invalidRequest('You may only specify one of these parameters: product, product_data.', 'product');
  if (product) getParamObject(ctx.acct, 'products', product, 'product', 'product');
  else product = createProduct(ctx, productData!).id;
  const unitAmount = int(params, 'unit_amount');
  const unitDecimal = decimalParam(params, 'unit_amount_decimal');
  const cua = obj(params, 'custom_unit_amount');
  let custom: WPrice['custom_unit_amount'] = null;
  if (cua) {
    const enabled = bool(cua, 'enabled');
    if (enabled !== true)
      throw invalidRequest('custom_unit_amount[enabled] must be true.', 'custom_unit_amount[enabled]');
    const minimum = int(cua, 'minimum', false, 'custom_unit_amount[minimum]') ?? null;
    const maximum = int(cua, 'maximum', false, 'custom_unit_amount[maximum]') ?? null;
    const preset = int(cua, 'preset', false, 'custom_unit_amount[preset]') ?? null;
    if (minimum !== null && maximum !== null && minimum > maximum)
      throw invalidRequest(
        'custom_unit_amount[minimum] must be less than or equal to custom_unit_amount[maximum].',
        'custom_unit_amount[minimum]',
      );
    if (preset !== null && ((minimum !== null && preset < minimum) || (maximum !== null && preset > maximum))) {
      throw invalidRequest(
        'custom_unit_amount[preset] must be between minimum and maximum.',
        'custom_unit_amount[preset]',
      );
    }
    if (minimum !== null) requireChargeable(minimum, currency, 'custom_unit_amount[minimum]');
    requireTenStep(minimum, currency, 'custom_unit_amount[minimum]');
    requireTenStep(maximum, currency, 'custom_unit_amount[maximum]');
    requireTenStep(preset, currency, 'custom_unit_amount[preset]');
    custom = { maximum, minimum, preset };
    if (unitAmount !== undefined || unitDecimal !== undefined)
      throw invalidRequest(
        'You may only specify one of these parameters: custom_unit_amount, unit_amount.',
        'unit_amount',
      );
  } else if (unitAmount === undefined && unitDecimal === undefined && !params.tiers) {
    throw missingParam('unit_amount');
  }
  if (unitAmount !== undefined && unitAmount < 0)
    throw invalidRequest('This value must be greater than or equal to 0.', 'unit_amount');
  requireTenStep(unitAmount, currency, 'unit_amount');
  const rec = obj(params, 'recurring');
  const price: WPrice = {
    id: newId('price'),
    object: 'price',
    active: bool(params, 'active') ?? true,
    billing_scheme: 'per_unit',
    created: nowSeconds(),
    currency,
    custom_unit_amount: custom,
    livemode: !!ctx.acct.livemode,
    lookup_key: str(params, 'lookup_key') ?? null,
    metadata: applyMetadata({}, params),
    nickname: str(params, 'nickname') ?? null,
    product,
    recurring: rec
      ? {
          interval: oneOf(rec, 'interval', ['day', 'week', 'month', 'year'], true)!,
          interval_count: int(rec, 'interval_count') ?? 1,
          meter: null,
          trial_period_days: null,
          usage_type: 'licensed',
        }
      : null,
    tax_behavior: (str(params, 'tax_behavior') ?? 'unspecified') as WPrice['tax_behavior'],
    tiers_mode: null,
    transform_quantity: null,
    type: rec ? 'recurring' : 'one_time',
    unit_amount: custom
      ? null
      : (unitAmount ?? (unitDecimal !== undefined && /^\d+$/.test(unitDecimal) ? Number(unitDecimal) : null)),
    unit_amount_decimal: custom ? null : (unitDecimal ?? String(unitAmount)),
  };
  ctx.acct.collections.prices[price.id] = price;
  emitEvent(ctx, 'price.created', price);
  return price;
}

export const priceRoutes: Route[] = [
  route('POST', '/v1/prices', (ctx) => createPrice(ctx, ctx.params)),
  listRoute('/v1/prices', 'prices', 'price', ['product', 'currency', 'type'], {
    refine(ctx, items) {
      const active = bool(ctx.params, 'active');
      return active === undefined ? items : items.filter((p) => p.active === active);
    },
  }),
  retrieveRoute('/v1/prices/:id', 'prices', 'price'),
  // Amount and currency are immutable on Stripe prices; only these fields can change.
  route('POST', '/v1/prices/:id', (ctx) => {
    const price = getOr404(ctx.acct, 'prices', ctx.path.id!, 'price');
    const before = snapshot(price);
    const active = bool(ctx.params, 'active');
    if (active !== undefined) price.active = active;
    if (ctx.params.nickname !== undefined) price.nickname = str(ctx.params, 'nickname') ?? null;
    if (ctx.params.lookup_key !== undefined) price.lookup_key = str(ctx.params, 'lookup_key') ?? null;
    price.metadata = applyMetadata(price.metadata, ctx.params);
    const prev = diffPrevious(before, price);
    if (prev) emitEvent(ctx, 'price.updated', price, prev);
    return price;
  }),
];
