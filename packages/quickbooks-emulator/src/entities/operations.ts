// Generic create / read / update / void / delete following QBO semantics:
// string Ids and SyncTokens, SyncToken +1 per write (5010 when stale), sparse updates
// replace only the top-level fields sent, deleted entities read as 610.
import { qboTimeMillis } from '../clock.js';
import { errors } from '../faults.js';
import type { EntityRecord, Json, OpResult } from '../types.js';
import { type EntityDef, type OpCtx, emit, metaData, newEntity, touch } from './common.js';
import { recomputeReceivables } from './receivables.js';

const SYSTEM_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status', 'time'];

function clientFields(def: EntityDef, input: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(input)) {
    if (SYSTEM_FIELDS.includes(k) || def.readOnly?.includes(k) || v === undefined) continue;
    out[k] = v;
  }
  return out;
}

export function render(ctx: OpCtx, def: EntityDef, rec: EntityRecord): Json {
  return def.render ? def.render(rec.entity, rec, ctx) : rec.entity;
}

function ok(ctx: OpCtx, def: EntityDef, rec: EntityRecord): OpResult {
  return { status: 200, body: { [def.name]: render(ctx, def, rec), time: qboTimeMillis(ctx.now) } };
}

function afterWrite(ctx: OpCtx, def: EntityDef, id: string): void {
  if (def.affectsReceivables) recomputeReceivables(ctx, { name: def.name, id });
}

function requireIdAndToken(input: Json): void {
  if (input.Id === undefined || input.Id === null || input.Id === '') throw errors.required('Id');
  if (input.SyncToken === undefined || input.SyncToken === null || input.SyncToken === '')
    throw errors.required('SyncToken');
}

function loadForWrite(ctx: OpCtx, def: EntityDef, input: Json): EntityRecord {
  requireIdAndToken(input);
  const rec = ctx.store.get(ctx.realm, def.name, input.Id);
  if (!rec) throw errors.notFound();
  if (String(input.SyncToken) !== rec.entity.SyncToken) throw errors.stale();
  return rec;
}

export function createEntity(ctx: OpCtx, def: EntityDef, input: Json): OpResult {
  if (def.name === 'CompanyInfo' || def.name === 'Preferences') throw errors.unsupported('Create');
  const fields = def.normalize(clientFields(def, input), ctx);
  const id = ctx.store.allocateId(ctx.realm, def.name);
  const rec: EntityRecord = { entity: newEntity(id, ctx.now, fields) };
  ctx.store.put(ctx.realm, def.name, rec);
  emit(ctx, def.name, id, 'Create');
  afterWrite(ctx, def, id);
  return ok(ctx, def, rec);
}

export function readEntity(ctx: OpCtx, def: EntityDef, id: string): OpResult {
  const rec = ctx.store.get(ctx.realm, def.name, id);
  if (!rec) throw errors.notFound();
  return ok(ctx, def, rec);
}

export function updateEntity(ctx: OpCtx, def: EntityDef, input: Json): OpResult {
  const rec = loadForWrite(ctx, def, input);
  const sparse = input.sparse === true || input.sparse === 'true';
  const kept: Json = {};
  for (const k of def.readOnly ?? []) if (rec.entity[k] !== undefined) kept[k] = rec.entity[k];
  // Full update: omitted writable fields are cleared (QBO semantics); sparse: merged.
  const base = sparse ? clientFields(def, rec.entity) : {};
  const merged = { ...base, ...clientFields(def, input) };
  const fields = def.normalize(merged, ctx, rec);
  const old = rec.entity;
  rec.entity = {
    ...kept,
    ...fields,
    domain: 'QBO',
    sparse: false,
    Id: old.Id,
    SyncToken: old.SyncToken,
    MetaData: old.MetaData,
  };
  for (const k of def.readOnly ?? []) if (fields[k] !== undefined) rec.entity[k] = fields[k];
  touch(rec.entity, ctx.now);
  ctx.store.put(ctx.realm, def.name, rec);
  emit(ctx, def.name, old.Id, 'Update');
  afterWrite(ctx, def, old.Id);
  return ok(ctx, def, rec);
}

export function voidEntity(ctx: OpCtx, def: EntityDef, input: Json): OpResult {
  if (!def.canVoid || !def.void) throw errors.unsupported('Void');
  const rec = loadForWrite(ctx, def, input);
  if (rec.voided) throw errors.business('This transaction has already been voided');
  def.assertRemovable?.(rec, ctx);
  def.void(rec, ctx);
  touch(rec.entity, ctx.now);
  ctx.store.put(ctx.realm, def.name, rec);
  emit(ctx, def.name, rec.entity.Id, 'Void');
  afterWrite(ctx, def, rec.entity.Id);
  return ok(ctx, def, rec);
}

export function deleteEntity(ctx: OpCtx, def: EntityDef, input: Json): OpResult {
  if (!def.canDelete) throw errors.unsupported('Delete');
  const rec = loadForWrite(ctx, def, input);
  def.assertRemovable?.(rec, ctx);
  rec.deletedAt = ctx.now;
  rec.entity = { ...rec.entity, MetaData: { ...metaData(ctx.now), CreateTime: rec.entity.MetaData?.CreateTime } };
  ctx.store.put(ctx.realm, def.name, rec);
  emit(ctx, def.name, rec.entity.Id, 'Delete');
  afterWrite(ctx, def, rec.entity.Id);
  return {
    status: 200,
    body: { [def.name]: { domain: 'QBO', status: 'Deleted', Id: rec.entity.Id }, time: qboTimeMillis(ctx.now) },
  };
}

/** POST /invoice/:id/send[?sendTo=] — records the e-mail delivery like QBO. */
export function sendInvoice(ctx: OpCtx, def: EntityDef, id: string, sendTo: string | undefined): OpResult {
  const rec = ctx.store.get(ctx.realm, def.name, id);
  if (!rec) throw errors.notFound();
  const to = sendTo?.trim().replace(/ /g, '+'); // unencoded '+' arrives as-is; be lenient with spaces too
  if (to !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(to)) throw errors.business(`Invalid email address: ${to}`);
  if (!to && !rec.entity.BillEmail?.Address)
    throw errors.business('Need to supply a valid email address: BillEmail.Address is empty and no sendTo was given');
  if (to) rec.entity.BillEmail = { Address: to };
  rec.entity.EmailStatus = 'EmailSent';
  rec.entity.DeliveryInfo = { DeliveryType: 'Email', DeliveryTime: rec.entity.MetaData?.LastUpdatedTime };
  touch(rec.entity, ctx.now);
  rec.entity.DeliveryInfo.DeliveryTime = rec.entity.MetaData.LastUpdatedTime;
  ctx.store.put(ctx.realm, def.name, rec);
  emit(ctx, def.name, id, 'Emailed');
  return ok(ctx, def, rec);
}
