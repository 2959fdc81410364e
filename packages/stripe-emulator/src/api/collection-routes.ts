import type { ApiContext } from '../runtime.js';
import type { CollectionName, Collections } from '../core/store.js';
import type { ParamObject } from './form-params.js';
import { getOr404 } from '../core/resource-helpers.js';
import { route, type Route } from './routes.js';
import { str } from './param-helpers.js';
import { filterCreated, newestFirst, paginate } from './list.js';

type Item<C extends CollectionName> = Collections[C];

/** Keeps the items whose field equals the string param of the same name; an absent or empty param keeps all. */
export function whereParams<T>(items: T[], params: ParamObject, fields: readonly string[]): T[] {
  for (const field of fields) {
    const value = str(params, field);
    if (value) items = items.filter((i) => (i as Record<string, unknown>)[field] === value);
  }
  return items;
}

interface ListOptions<C extends CollectionName> {
  /** Runs on every stored item first (e.g. lazy expiry, so a status filter sees the current status). */
  each?(ctx: ApiContext, item: Item<C>): void;
  /** Filters that are not a plain equality (booleans, nested params). */
  refine?(ctx: ApiContext, items: Item<C>[]): Item<C>[];
}

/**
 * Stripe's list endpoint for one collection: newest first, `equalFields` filters (a param and the field it
 * matches share a name), `refine`, `created` ranges, then cursor pagination.
 */
export function listRoute<C extends CollectionName>(
  path: string,
  coll: C,
  objectName: string,
  equalFields: readonly string[],
  opts: ListOptions<C> = {},
): Route {
  return route('GET', path, (ctx) => {
    let items = newestFirst<Item<C>>(ctx.acct.collections[coll]);
    if (opts.each) for (const item of items) opts.each(ctx, item);
    items = whereParams(items, ctx.params, equalFields);
    if (opts.refine) items = opts.refine(ctx, items);
    return paginate(filterCreated(items, ctx.params), ctx.params, path, objectName);
  });
}

/** `GET …/:id` of one collection, in the caller's account only (`param` names the id in a 404). */
export function retrieveRoute<C extends CollectionName>(
  path: string,
  coll: C,
  objectName: string,
  param?: string,
): Route {
  return route('GET', path, (ctx) => getOr404(ctx.acct, coll, ctx.path.id!, objectName, param));
}
