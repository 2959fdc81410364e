import type { ApiContext } from '../runtime.js';
import type { WProduct } from '../core/wire-types.js';
import type { ParamObject } from '../api/form-params.js';
import { route, type Route } from '../api/routes.js';
import { listRoute, retrieveRoute } from '../api/collection-routes.js';
import { str, bool, applyMetadata, strArray, obj, oneOf } from '../api/param-helpers.js';
import { emitEvent, diffPrevious, snapshot } from '../webhooks/events.js';
import { newId, nowSeconds } from '../core/ids.js';
import { getOr404, getParamObject, deleted } from '../core/resource-helpers.js';
import { invalidRequest } from '../core/errors.js';
import { createPrice } from './prices.js';

function apply(p: WProduct, params: ParamObject): void {
  if (params.name !== undefined) p.name = str(params, 'name', true)!;
  const active = bool(params, 'active');
  if (active !== undefined) p.active = active;
  if (params.description !== undefined) p.description = str(params, 'description') ?? null;
  if (params.images !== undefined) p.images = strArray(params, 'images') ?? [];
  if (params.shippable !== undefined) p.shippable = bool(params, 'shippable') ?? null;
  if (params.statement_descriptor !== undefined) p.statement_descriptor = str(params, 'statement_descriptor') ?? null;
  if (params.tax_code !== undefined) p.tax_code = str(params, 'tax_code') ?? null;
  if (params.unit_label !== undefined) p.unit_label = str(params, 'unit_label') ?? null;
  if (params.url !== undefined) p.url = str(params, 'url') ?? null;
  p.metadata = applyMetadata(p.metadata, params);
  p.updated = nowSeconds();
}

/** Also used by `product_data` on prices and `price_data.product_data` on Checkout. */
export function createProduct(ctx: ApiContext, params: ParamObject, emit = true): WProduct {
  const name = str(params, 'name', true)!;
  const id = str(params, 'id') ?? newId('prod', 14).replace('_1', '_');
  if (ctx.acct.collections.products[id])
    throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
  const p: WProduct = {
    id,
    object: 'product',
    active: true,
    created: nowSeconds(),
    default_price: null,
    description: null,
    images: [],
    livemode: !!ctx.acct.livemode,
    marketing_features: [],
    metadata: {},
    name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    unit_label: null,
    updated: nowSeconds(),
    url: null,
    type: (oneOf(params, 'type', ['good', 'service']) ?? 'service') as WProduct['type'],
  };
  apply(p, params);
  ctx.acct.collections.products[p.id] = p;
  if (emit) emitEvent(ctx, 'product.created', p);
  const dpd = obj(params, 'default_price_data');
  if (dpd) {
    const price = createPrice(ctx, { ...dpd, product: p.id });
    p.default_price = price.id;
  }
  return p;
}

export const productRoutes: Route[] = [
  route('POST', '/v1/products', (ctx) => createProduct(ctx, ctx.params)),
  listRoute('/v1/products', 'products', 'product', [], {
    refine(ctx, items) {
      const active = bool(ctx.params, 'active');
      if (active !== undefined) items = items.filter((p) => p.active === active);
      const ids = strArray(ctx.params, 'ids');
      return ids ? items.filter((p) => ids.includes(p.id)) : items;
    },
  }),
  retrieveRoute('/v1/products/:id', 'products', 'product'),
  route('POST', '/v1/products/:id', (ctx) => {
    const p = getOr404(ctx.acct, 'products', ctx.path.id!, 'product');
    const before = snapshot(p);
    apply(p, ctx.params);
    const dp = str(ctx.params, 'default_price');
    if (dp !== undefined) {
      getParamObject(ctx.acct, 'prices', dp, 'price', 'default_price');
      p.default_price = dp;
    }
    const prev = diffPrevious(before, p);
    if (prev) emitEvent(ctx, 'product.updated', p, prev);
    return p;
  }),
  route('DELETE', '/v1/products/:id', (ctx) => {
    const p = getOr404(ctx.acct, 'products', ctx.path.id!, 'product');
    if (Object.values(ctx.acct.collections.prices).some((pr) => pr.product === p.id)) {
      throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.');
    }
    delete ctx.acct.collections.products[p.id];
    emitEvent(ctx, 'product.deleted', p);
    return deleted(p.id, 'product');
  }),
];
