import { ActorType } from '../../platform/actor.js';
import { badInput } from '../../platform/errors.js';

/** What the activity log may be narrowed to; every field optional, all of them together (AND). */
export interface ActivityFilter {
  actorType?: ActorType;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Object types left out of the answer (what the caller may not list elsewhere). */
  hiddenEntityTypes?: readonly string[];
}

/**
 * Objects whose lists are admins' (`users`, `apiTokens`, `webhookEndpoints`; their nodes likewise): their
 * audit rows carry the same details (a user's email and role, a token's scope, an endpoint's URL, which may
 * itself be a receiver's secret), so the trail shows them to admins only.
 */
export const ADMIN_ONLY_ENTITY_TYPES: readonly string[] = ['User', 'ApiToken', 'WebhookEndpoint'];

/** The arguments as they arrive from GraphQL, before they are checked. */
export interface ActivityArgs {
  actorType?: ActorType | null;
  actorId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  action?: string | null;
  /** When it happened: dates, both inclusive. */
  occurred?: { from?: string | null; to?: string | null } | null;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A name, not free text: what Settle writes is `entity.verb_phrase`; the bound keeps filters cheap.
const NAME = /^[A-Za-z][A-Za-z0-9_.-]{0,99}$/;

function date(field: 'occurred.from' | 'occurred.to', value: string | null | undefined): Date | undefined {
  if (value == null || value === '') return undefined;
  // A bare date means the whole day: `to` 2026-11-30 includes that day's events.
  const bare = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(bare ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw badInput(field, 'Not a date (use 2026-11-30)');
  if (bare && field === 'occurred.to') d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/** Checks the activity log's arguments, naming the field in words when one is wrong. */
export function parseActivityArgs(a: ActivityArgs): ActivityFilter {
  if (a.entityId && !UUID.test(a.entityId)) throw badInput('entityId', 'The object id is not a valid id');
  if (a.entityType && !NAME.test(a.entityType))
    throw badInput('entityType', 'The object type must be a type name such as Invoice');
  if (a.action && !NAME.test(a.action))
    throw badInput('action', 'The action must be an action name such as invoice.sent');
  if (a.actorId && a.actorId.length > 200) throw badInput('actorId', 'The actor id is too long');
  const from = date('occurred.from', a.occurred?.from);
  const to = date('occurred.to', a.occurred?.to);
  if (from && to && to <= from) throw badInput('occurred.to', 'The end date must not be before the start date');
  const opt = <T>(v: T | null | undefined) => (v == null || v === '' ? undefined : v);
  return {
    actorType: opt(a.actorType),
    actorId: opt(a.actorId),
    entityType: opt(a.entityType),
    entityId: opt(a.entityId),
    action: opt(a.action),
    from,
    to,
  };
}
