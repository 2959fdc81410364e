// Transport-independent v3 operations shared by single requests and /batch:
// entity writes by `operation`, query, and change data capture.
import { qboTimeMillis } from './clock.js';
import { errors } from './faults.js';
import type { OpCtx } from './entities/common.js';
import { createEntity, deleteEntity, render, updateEntity, voidEntity } from './entities/operations.js';
import { ENTITY_DEFS, entityDef } from './entities/registry.js';
import { executeQuery, parseQuery } from './query-language.js';
import { isSchemaPath, validateAgainstSchema } from './schema/schema-validation.js';
import type { Json, OpResult } from './types.js';

const CDC_MAX_LOOKBACK_MS = 30 * 24 * 3600 * 1000;
const CDC_MAX_OBJECTS = 1000;
/** Served, but not through change data capture (Intuit's CDC page names them). */
const CDC_UNSUPPORTED = new Set(['TaxCode', 'TaxRate']);

export function entityWrite(
  ctx: OpCtx,
  entityName: string,
  operation: string | undefined,
  body: Json | undefined,
): OpResult {
  const def = entityDef(entityName);
  if (!def) throw errors.unsupported(`${operation ?? 'create'} on ${entityName}`);
  if (def.writable === false) throw errors.unsupported(`${operation ?? 'create'} on ${def.name}`);
  if (!body || Array.isArray(body)) throw errors.badRequest('Request body is missing or is not a JSON object');
  const op = (operation ?? 'create').toLowerCase();
  // Void and delete bodies only identify the entity; QBO binds (and refuses) full bodies.
  if ((op === 'create' || op === 'update') && !ctx.include.has('void')) validateAgainstSchema(def.name, body);
  if (op === 'create') return createEntity(ctx, def, body);
  // node-quickbooks voids payments with operation=update&include=void.
  if (op === 'update' && ctx.include.has('void')) return voidEntity(ctx, def, body);
  if (op === 'update') return updateEntity(ctx, def, body);
  if (op === 'void') return voidEntity(ctx, def, body);
  if (op === 'delete') return deleteEntity(ctx, def, body);
  throw errors.unsupported(operation ?? '');
}

export function queryResponse(ctx: OpCtx, sql: string): Json {
  const q = parseQuery(sql.trim());
  const def = entityDef(q.entity);
  if (!def) throw errors.queryParse(`Invalid entity name: ${q.entity}`);
  for (const field of [...q.where.map((c) => c.field), ...q.orderBy.map((o) => o.field)])
    if (!isSchemaPath(def.name, field)) throw errors.queryValidation(`property '${field}' is not queryable`);
  const recs = ctx.store.live(ctx.realm, def.name);
  const entities = recs.map((r) => render(ctx, def, r));
  const { rows, total } = executeQuery(q, entities, !!def.nameList);
  if (q.count) return { totalCount: total };
  if (rows.length === 0) return {};
  return { [def.name]: rows, startPosition: q.startPosition, maxResults: rows.length };
}

export function runQuery(ctx: OpCtx, sql: string | undefined): OpResult {
  if (!sql) throw errors.queryParse('query parameter is missing');
  return { status: 200, body: { QueryResponse: queryResponse(ctx, sql), time: qboTimeMillis(ctx.now) } };
}

export function runCdc(ctx: OpCtx, entitiesParam: string | undefined, changedSince: string | undefined): OpResult {
  if (!entitiesParam) throw errors.required('entities');
  if (!changedSince) throw errors.required('changedSince');
  // An unencoded '+' offset arrives as a space after lenient decoding elsewhere; restore it.
  const since = Date.parse(changedSince.trim().replace(/ (\d\d:?\d\d)$/, '+$1'));
  if (Number.isNaN(since)) throw errors.invalidEnum(changedSince, 'changedSince');
  if (since < ctx.now - CDC_MAX_LOOKBACK_MS)
    throw errors.business('changedSince cannot be more than 30 days in the past');
  // MetaData times are whole seconds while `time` (the watermark clients pass back) has milliseconds: a
  // change later in the second that answered stamps that second, so the second itself counts as changed.
  const fromSecond = Math.floor(since / 1000) * 1000;
  let budget = CDC_MAX_OBJECTS;
  const responses: Json[] = [];
  for (const raw of entitiesParam
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const def = entityDef(raw) ?? ENTITY_DEFS.find((d) => d.name.toLowerCase() === raw.toLowerCase());
    if (!def || CDC_UNSUPPORTED.has(def.name)) throw errors.invalidEnum(raw, 'entities');
    const changed = Object.values(ctx.store.records(ctx.realm, def.name))
      .map((r) => ({ r, at: r.deletedAt ?? Date.parse(r.entity.MetaData?.LastUpdatedTime ?? '') }))
      .filter((x) => x.at >= fromSecond)
      .sort((a, b) => a.at - b.at)
      .slice(0, budget);
    budget -= changed.length;
    if (!changed.length) {
      responses.push({});
      continue;
    }
    const rows = changed.map(({ r }) =>
      r.deletedAt !== undefined
        ? {
            domain: 'QBO',
            status: 'Deleted',
            Id: r.entity.Id,
            MetaData: { LastUpdatedTime: r.entity.MetaData?.LastUpdatedTime },
          }
        : render(ctx, def, r),
    );
    responses.push({ [def.name]: rows, startPosition: 1, maxResults: rows.length, totalCount: rows.length });
  }
  return { status: 200, body: { CDCResponse: [{ QueryResponse: responses }], time: qboTimeMillis(ctx.now) } };
}
