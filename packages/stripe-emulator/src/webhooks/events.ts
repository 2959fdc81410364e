import type { Actor } from '../runtime.js';
import type { WEvent } from '../core/wire-types.js';
import { API_VERSION } from '../core/wire-types.js';
import { newId, nowSeconds } from '../core/ids.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Records an event with a snapshot of the object *now* (Stripe never re-renders `data.object`)
 * and hands it to webhook delivery, which fixes `pending_webhooks` to the number of targets.
 */
export function emitEvent(actor: Actor, type: string, object: object, previous?: Record<string, unknown>): WEvent {
  const { rt, acct } = actor;
  const event: WEvent = {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: nowSeconds(),
    data: {
      object: clone(object) as Record<string, unknown>,
      ...(previous ? { previous_attributes: clone(previous) } : {}),
    },
    livemode: !!actor.acct.livemode,
    pending_webhooks: 0,
    request: actor.request,
    type,
  };
  // Events of a connected account carry `account`, which is how a platform tells them apart.
  if (acct.platform) event.account = acct.id;
  acct.collections.events[event.id] = event;
  rt.delivery.enqueue(acct, event);
  rt.store.changed();
  return event;
}

const isHash = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Builds `previous_attributes` like Stripe: old values of changed fields; inside hashes (e.g.
 * metadata) only the changed sub-keys, with `null` for keys that did not exist before.
 */
export function diffPrevious(before: object, after: object): Record<string, unknown> | undefined {
  const prev: Record<string, unknown> = {};
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    if (isHash(b[key]) && isHash(a[key]) && (b[key] as { object?: unknown }).object === undefined) {
      prev[key] = diffPrevious(b[key] as object, a[key] as object) ?? {};
    } else prev[key] = b[key] ?? null;
  }
  return Object.keys(prev).length ? prev : undefined;
}

export function snapshot<T>(v: T): T {
  return clone(v);
}
