// Shared building blocks for entity handlers: the per-request context, entity
// definitions (one file per QBO entity) and helpers for refs, money and MetaData.
import type { Clock } from '../clock.js';
import { qboDate, qboDateTime } from '../clock.js';
import { errors } from '../faults.js';
import type { Store } from '../store.js';
import type { ChangeEvent, EntityRecord, Json, RealmState } from '../types.js';

export interface OpCtx {
  store: Store;
  realm: RealmState;
  clock: Clock;
  now: number;
  minorversion: number;
  include: Set<string>;
  publicUrl: string;
}

export interface EntityDef {
  /** QBO entity name, also the JSON envelope key ("CreditMemo"). */
  name: string;
  /** Name lists (Customer, Item, Account, ...) default to `Active = true` in queries. */
  nameList?: boolean;
  canDelete?: boolean;
  /** false: read and query only (TaxCode, TaxRate); every write is an unsupported operation. */
  writable?: boolean;
  canVoid?: boolean;
  /** Fields clients may not set; kept from the stored entity on update. */
  readOnly?: string[];
  /** Validate + compute the writable entity body. `existing` is set on update. */
  normalize(input: Json, ctx: OpCtx, existing?: EntityRecord): Json;
  /** Throws when the record may not be voided or deleted as it stands (e.g. a deposited Payment). */
  assertRemovable?(rec: EntityRecord, ctx: OpCtx): void;
  /** Zero the record in place for operation=void. */
  void?(rec: EntityRecord, ctx: OpCtx): void;
  /** Adds response-only fields (e.g. Invoice.InvoiceLink). */
  render?(entity: Json, rec: EntityRecord, ctx: OpCtx): Json;
  /** Receivables recomputation after any write of this type. */
  affectsReceivables?: boolean;
}

export const USD = { value: 'USD', name: 'United States Dollar' };

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

export function num(v: unknown): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function metaData(created: number, updated = created): Json {
  return { CreateTime: qboDateTime(created), LastUpdatedTime: qboDateTime(updated) };
}

export function today(ctx: { now: number }): string {
  return qboDate(ctx.now);
}

/** A freshly created entity in QBO's wire shape. */
export function newEntity(id: string, now: number, fields: Json): Json {
  return { ...fields, domain: 'QBO', sparse: false, Id: id, SyncToken: '0', MetaData: metaData(now) };
}

/** Bump SyncToken + LastUpdatedTime, as QBO does on every successful write. */
export function touch(entity: Json, now: number): void {
  entity.SyncToken = String(Number(entity.SyncToken ?? 0) + 1);
  entity.MetaData = { ...(entity.MetaData ?? {}), LastUpdatedTime: qboDateTime(now) };
}

export function emit(ctx: OpCtx, name: string, id: string, operation: ChangeEvent['operation']): void {
  ctx.store.emit({ realmId: ctx.realm.realmId, name, id, operation, at: ctx.now });
}

/**
 * Resolve a reference (`{value, name?}`) to a live record of `target`, returning the
 * normalised ref with QBO's display `name` filled in. Throws 2500 for dangling refs.
 */
export function resolveRef(
  ctx: OpCtx,
  ref: unknown,
  target: string,
  element: string,
  required = false,
): Json | undefined {
  if (ref === undefined || ref === null) {
    if (required) throw errors.required(element);
    return undefined;
  }
  const value = typeof ref === 'object' ? (ref as Json).value : ref;
  if (value === undefined || value === null || value === '') {
    if (required) throw errors.required(element);
    return undefined;
  }
  const rec = ctx.store.get(ctx.realm, target, value);
  if (!rec || rec.entity.Active === false)
    throw errors.invalidRef(`${element} (${target} Id=${value}) does not exist or is inactive`);
  const display = rec.entity.FullyQualifiedName ?? rec.entity.DisplayName ?? rec.entity.Name;
  return display === undefined ? { value: String(value) } : { value: String(value), name: display };
}

export function requireString(input: Json, field: string): string {
  const v = input[field];
  if (typeof v !== 'string' || !v.trim()) throw errors.required(field);
  return v;
}

export function checkEnum(value: unknown, allowed: readonly string[], element: string): string {
  if (typeof value !== 'string' || !allowed.includes(value)) throw errors.invalidEnum(String(value), element);
  return value;
}

/** Case-insensitive uniqueness over a name field, inactive records included (as QBO). */
export function assertUniqueName(
  ctx: OpCtx,
  entityName: string,
  field: string,
  value: string,
  selfId: string | undefined,
  what: string,
): void {
  const lower = value.trim().toLowerCase();
  for (const r of ctx.store.live(ctx.realm, entityName)) {
    if (
      r.entity.Id !== selfId &&
      String(r.entity[field] ?? '')
        .trim()
        .toLowerCase() === lower
    )
      throw errors.duplicateName(what);
  }
}

/** A name list's `Name`, trimmed and unique (case-insensitively) among the realm's live `entityName`s. */
export function uniqueName(
  input: Json,
  ctx: OpCtx,
  entityName: string,
  existing: EntityRecord | undefined,
  what: string,
): string {
  const name = requireString(input, 'Name').trim();
  assertUniqueName(ctx, entityName, 'Name', name, existing?.entity.Id, what);
  return name;
}

export function pick(input: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (input[k] !== undefined) out[k] = input[k];
  return out;
}
