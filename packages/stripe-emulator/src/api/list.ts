import type { ParamObject } from './form-params.js';
import { invalidRequest } from '../core/errors.js';
import { int, str } from './param-helpers.js';

export interface ApiList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** Applies `created` range filters (`created=123` or `created[gte]=…`), as on every Stripe list. */
export function filterCreated<T>(
  items: T[],
  p: ParamObject,
  name = 'created',
  get: (i: T) => number = (i) => (i as { created: number }).created,
): T[] {
  const c = p[name];
  if (c === undefined) return items;
  if (typeof c === 'string') {
    const n = int(p, name)!;
    return items.filter((i) => get(i) === n);
  }
  if (typeof c !== 'object' || Array.isArray(c)) throw invalidRequest('Invalid hash', name);
  const bound = (k: string) => (c[k] === undefined ? undefined : int(c, k, false, `${name}[${k}]`));
  const gt = bound('gt');
  const gte = bound('gte');
  const lt = bound('lt');
  const lte = bound('lte');
  return items.filter(
    (i) =>
      (gt === undefined || get(i) > gt) &&
      (gte === undefined || get(i) >= gte) &&
      (lt === undefined || get(i) < lt) &&
      (lte === undefined || get(i) <= lte),
  );
}

/**
 * Cursor pagination over items already sorted newest first (Stripe's order). Cursors must be
 * ids in the filtered set, as Stripe rejects unknown cursors.
 */
export function paginate<T extends { id: string }>(
  items: T[],
  p: ParamObject,
  url: string,
  objectName = 'object',
): ApiList<T> {
  const limit = int(p, 'limit') ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest('This value must be less than or equal to 100 and greater than or equal to 1.', 'limit');
  const after = str(p, 'starting_after');
  const before = str(p, 'ending_before');
  if (after && before)
    throw invalidRequest(
      'You may only specify one of these parameters: ending_before, starting_after.',
      'ending_before',
    );
  let data: T[];
  let hasMore: boolean;
  if (after) {
    const idx = items.findIndex((i) => i.id === after);
    if (idx < 0) throw invalidRequest(`No such ${objectName}: '${after}'`, 'starting_after', 'resource_missing');
    const rest = items.slice(idx + 1);
    data = rest.slice(0, limit);
    hasMore = rest.length > limit;
  } else if (before) {
    const idx = items.findIndex((i) => i.id === before);
    if (idx < 0) throw invalidRequest(`No such ${objectName}: '${before}'`, 'ending_before', 'resource_missing');
    const prior = items.slice(0, idx);
    data = prior.slice(Math.max(0, prior.length - limit));
    hasMore = prior.length > limit;
  } else {
    data = items.slice(0, limit);
    hasMore = items.length > limit;
  }
  return { object: 'list', data, has_more: hasMore, url };
}

/** Newest first; insertion order breaks ties within the same second (JS keeps key order). */
export function newestFirst<T>(record: Record<string, T>): T[] {
  return Object.values(record).reverse();
}
