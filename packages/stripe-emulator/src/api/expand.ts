import type { AccountData } from '../core/store.js';
import { collectionForId } from '../core/store.js';
import { invalidRequest } from '../core/errors.js';

type Json = Record<string, unknown>;
/** Fields that only appear when asked for (`expand[]=payments`), per object type. */
export type Includable = (acct: AccountData, obj: Json) => unknown;
const includables = new Map<string, Map<string, Includable>>();

export function registerIncludable(objectType: string, field: string, fn: Includable): void {
  if (!includables.has(objectType)) includables.set(objectType, new Map());
  includables.get(objectType)!.set(field, fn);
}

/** Fields Stripe lets you expand; a null value in one of them stays null, anything else is a 400. */
const EXPANDABLE = new Set([
  'customer',
  'invoice',
  'payment_intent',
  'latest_charge',
  'balance_transaction',
  'charge',
  'payment_method',
  'default_price',
  'product',
  'default_payment_method',
  'default_source',
  'on_behalf_of',
  'application',
  'subscription',
  'test_clock',
  'setup_intent',
  'payment_link',
  'account',
  'latest_revision',
  'failure_balance_transaction',
  'review',
  'application_fee',
  'source_transfer',
  'transfer',
  'transfer_reversal',
  'source_transfer_reversal',
  'recovered_from',
  'payment_record',
  'source',
]);

const MAX_DEPTH = 4; // Stripe's documented expansion depth limit

/**
 * Applies `expand[]` paths to a response without touching the stored objects: every object on an
 * expanded path is copied (one level) before it changes, so nothing has to be deep-cloned first. Ids
 * become objects looked up in the same account; lists (`data`) and plain sub-objects are traversed so
 * paths like `payments.data.payment.payment_intent` or `data.customer` (on lists) work as on Stripe.
 */
export function applyExpand(acct: AccountData, value: unknown, paths: string[]): unknown {
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH + 1) {
      throw invalidRequest(
        `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`,
        'expand',
      );
    }
    value = expandInto(acct, value, segments);
  }
  return value;
}

function expandInto(acct: AccountData, value: unknown, segments: string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => expandInto(acct, v, segments));
  if (!value || typeof value !== 'object' || segments.length === 0) return value;
  const obj = { ...(value as Json) };
  const [head, ...rest] = segments as [string, ...string[]];
  let field = obj[head];
  const inc = typeof obj.object === 'string' ? includables.get(obj.object)?.get(head) : undefined;
  if (inc && (field === undefined || rest.length === 0)) {
    field = inc(acct, obj);
  } else if (field === undefined || (field === null && !EXPANDABLE.has(head))) {
    throw invalidRequest(`This property cannot be expanded (${head}).`, 'expand');
  } else if (typeof field === 'string') {
    if (!EXPANDABLE.has(head)) throw invalidRequest(`This property cannot be expanded (${head}).`, 'expand');
    const coll = collectionForId(field);
    field = (coll ? acct.collections[coll][field] : undefined) ?? field;
  }
  obj[head] = rest.length ? expandInto(acct, field, rest) : field;
  return obj;
}

export function expandList(p: unknown): string[] {
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  if (Array.isArray(p)) return p.filter((x): x is string => typeof x === 'string');
  throw invalidRequest('Invalid array', 'expand');
}
