// /v3/company/:realmId/... — the QBO Accounting API surface node-quickbooks talks to.
// Order of checks mirrors the real stack: gateway auth (401/403), throttling (429),
// injected faults, requestid replay, then the operation itself.
import type { ServerResponse } from 'node:http';
import { qboTimeMillis } from './clock.js';
import type { EmulatorContext } from './context.js';
import type { OpCtx } from './entities/common.js';
import { readEntity, sendInvoice } from './entities/operations.js';
import { readExchangeRate, updateExchangeRate } from './entities/exchange-rate.js';
import { entityDef } from './entities/registry.js';
import { createTaxCode } from './entities/tax-service.js';
import { QboError, errors, faultBody, gatewayFault, systemFault, throttleFault } from './faults.js';
import { type Req, parseJson, sendJson } from './http-utils.js';
import { invoicePdf } from './pdf.js';
import type { Json, OpResult } from './types.js';
import { entityWrite, queryResponse, runCdc, runQuery } from './v3-operations.js';

const DEFAULT_MINOR = 75;
const BATCH_MAX_ITEMS = 30;

export function opContext(ec: EmulatorContext, realmId: string, query: Record<string, string>): OpCtx | undefined {
  const realm = ec.store.realm(realmId);
  if (!realm) return undefined;
  const minor = Number(query.minorversion);
  return {
    store: ec.store,
    realm,
    clock: ec.clock,
    now: ec.clock.now(),
    // Since 2025-08 QBO ignores minor versions below 75 and treats them as 75.
    minorversion: Number.isFinite(minor) && minor > DEFAULT_MINOR ? minor : DEFAULT_MINOR,
    include: new Set((query.include ?? '').toLowerCase().split(',').filter(Boolean)),
    publicUrl: ec.publicUrl(),
  };
}

function runBatch(ctx: OpCtx, body: Json | undefined): OpResult {
  const items = body?.BatchItemRequest;
  if (!Array.isArray(items)) throw errors.required('BatchItemRequest');
  if (items.length > BATCH_MAX_ITEMS)
    throw errors.business(`Batch request exceeds the maximum of ${BATCH_MAX_ITEMS} items`);
  const out = items.map((item: Json) => {
    const bId = item?.bId;
    try {
      if (typeof item?.Query === 'string') return { QueryResponse: queryResponse(ctx, item.Query), bId };
      const key = Object.keys(item ?? {}).find((k) => entityDef(k));
      if (!key) throw errors.required('entity');
      const def = entityDef(key)!;
      const r = entityWrite(ctx, def.name, item.operation, item[key]);
      return { [def.name]: r.body[def.name], bId };
    } catch (e) {
      if (!(e instanceof QboError)) throw e;
      const { Fault } = faultBody(e, '');
      return { Fault, bId };
    }
  });
  return { status: 200, body: { BatchItemResponse: out, time: qboTimeMillis(ctx.now) } };
}

function dispatch(ec: EmulatorContext, ctx: OpCtx, req: Req, segs: string[], res: ServerResponse): OpResult | 'sent' {
  const [first, id, action] = segs;
  const lower = (first ?? '').toLowerCase();
  if (lower === 'query') {
    const sql = req.method === 'POST' ? req.body.toString('utf8') : req.query.query;
    return runQuery(ctx, sql);
  }
  if (lower === 'cdc' && req.method === 'GET') return runCdc(ctx, req.query.entities, req.query.changedSince);
  if (lower === 'batch' && req.method === 'POST') return runBatch(ctx, parseJson(req.body));
  if (lower === 'exchangerate' && !id && req.method === 'GET') return readExchangeRate(ctx, req.query);
  if (lower === 'exchangerate' && !id && req.method === 'POST' && req.query.operation === 'update')
    return updateExchangeRate(ctx, parseJson(req.body));
  if (lower === 'taxservice' && id?.toLowerCase() === 'taxcode' && !action && req.method === 'POST')
    return createTaxCode(ctx, parseJson(req.body));
  const def = entityDef(lower);
  if (!def) throw errors.unsupported(`${req.method} /${segs.join('/')}`);
  // CompanyInfo is addressed by realmId in the URL although its Id is "1" (as in QBO).
  // Preferences is one per company and read without an Id.
  if (req.method === 'GET' && !id && def.name === 'Preferences') return readEntity(ctx, def, '1');
  if (req.method === 'GET' && id && !action)
    return readEntity(ctx, def, def.name === 'CompanyInfo' && id === ctx.realm.realmId ? '1' : id);
  if (req.method === 'GET' && id && action === 'pdf' && (def.name === 'Invoice' || def.name === 'CreditMemo')) {
    const rec = ctx.store.get(ctx.realm, def.name, id);
    if (!rec) throw errors.notFound();
    const company = ctx.store.records(ctx.realm, 'CompanyInfo')['1']?.entity.CompanyName ?? 'Company';
    const pdf = invoicePdf(rec.entity, company);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': pdf.length,
      'content-disposition': `inline; filename="${def.name}_${rec.entity.DocNumber ?? id}.pdf"`,
    });
    res.end(pdf);
    return 'sent';
  }
  if (req.method === 'POST' && id && action === 'send' && def.name === 'Invoice')
    return sendInvoice(ctx, def, id, req.query.sendTo);
  if (req.method === 'POST' && !id) return entityWrite(ctx, def.name, req.query.operation, parseJson(req.body));
  throw errors.unsupported(`${req.method} /${segs.join('/')}`);
}

export async function handleV3(ec: EmulatorContext, req: Req, res: ServerResponse): Promise<void> {
  const segs = req.path.split('/').filter(Boolean).slice(2).map(decodeURIComponent); // drop v3/company
  const realmId = segs.shift() ?? '';
  const time = qboTimeMillis(ec.clock.now());
  const auth = ec.oauth.checkAccess(req.headers.authorization, realmId);
  if (!auth.ok) {
    sendJson(
      res,
      auth.status,
      gatewayFault(auth.status, auth.detail, ec.clock.now()),
      auth.status === 401 ? { 'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"' } : {},
    );
    return;
  }
  if (!ec.rateLimiter.allow(realmId)) {
    sendJson(res, 429, throttleFault(time), { 'retry-after': '60' });
    return;
  }
  const fault = ec.faults.take(req.method, req.path);
  if (fault?.kind === 'timeout') {
    // Hang: never answer; the client's own timeout fires. The socket is dropped later.
    const sock = req.raw.socket;
    ec.hanging.add(sock);
    const t = setTimeout(() => sock.destroy(), fault.hangMs ?? 60_000);
    sock.once('close', () => {
      clearTimeout(t);
      ec.hanging.delete(sock);
    });
    return;
  }
  if (fault) {
    sendJson(res, fault.kind, fault.kind === 429 ? throttleFault(time) : systemFault(fault.kind, time));
    return;
  }
  const ctx = opContext(ec, realmId, req.query);
  if (!ctx) {
    sendJson(res, 403, gatewayFault(403, 'Authorization Failure: unknown realmId', ec.clock.now()));
    return;
  }
  const requestId = req.method === 'POST' ? req.query.requestid : undefined;
  if (requestId && requestId.length > 50) {
    sendJson(res, 400, faultBody(errors.business('requestid must be at most 50 characters'), time));
    return;
  }
  const cached = requestId ? ctx.realm.requestIds[requestId] : undefined;
  if (cached) {
    sendJson(res, cached.status, cached.body);
    return;
  }
  let result: OpResult | 'sent';
  try {
    result = dispatch(ec, ctx, req, segs, res);
  } catch (e) {
    // Whatever goes wrong, a v3 client gets QBO's Fault envelope, never a bare 500 body.
    if (e instanceof QboError) result = { status: e.status, body: faultBody(e, time) };
    else {
      ec.logger?.warn('quickbooks emulator: unhandled v3 error', e);
      result = { status: 500, body: systemFault(500, time) };
    }
  }
  if (result === 'sent') return;
  if (requestId) ec.store.rememberRequestId(ctx.realm, requestId, result.status, result.body);
  sendJson(res, result.status, result.body);
}
