// /__emulator/* — JSON control surface for tests, demos and the Settle dev UI.
// Not part of QBO; never requires a bearer token (the emulator only binds locally).
import type { EmulatorContext } from './context.js';
import { type Router, parseJson, sendJson } from './http-utils.js';
import type { Json } from './types.js';

export function credentialsOf(ctx: EmulatorContext): Json {
  const { accessToken, refreshToken } = ctx.oauth.bootstrap();
  const base = ctx.publicUrl();
  return {
    realmId: ctx.store.state.defaultRealmId,
    clientId: ctx.store.state.oauth.clientId,
    clientSecret: ctx.store.state.oauth.clientSecret,
    accessToken,
    refreshToken,
    webhookVerifierToken: ctx.store.state.webhook.verifierToken,
    v3EndpointBaseUrl: `${base}/v3/company/`,
    tokenUrl: `${base}/oauth2/v1/tokens/bearer`,
    revokeUrl: `${base}/v2/oauth2/tokens/revoke`,
    authorizeUrl: `${base}/connect/oauth2`,
  };
}

export function registerControlApi(router: Router, ctx: EmulatorContext): void {
  const body = (b: Buffer) => parseJson(b) ?? {};
  const bad = (res: Parameters<typeof sendJson>[0], e: unknown) => sendJson(res, 400, { error: (e as Error).message });

  router.on('GET', '/__emulator/health', (_req, res) =>
    sendJson(res, 200, { ok: true, realms: Object.keys(ctx.store.state.realms), now: new Date(ctx.clock.now()).toISOString() }));
  router.on('GET', '/__emulator/credentials', (_req, res) => sendJson(res, 200, credentialsOf(ctx)));

  // Re-seed all companies; credentials, grants and webhook config survive.
  router.on('POST', '/__emulator/reset', (_req, res) => {
    ctx.store.reset();
    ctx.faults.clear();
    ctx.rateLimiter.reset();
    ctx.webhooks.reset();
    sendJson(res, 200, { ok: true });
  });

  router.on('GET', '/__emulator/clock', (_req, res) =>
    sendJson(res, 200, { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs }));
  router.on('POST', '/__emulator/clock/advance', (req, res) => {
    const b = body(req.body);
    const ms = Number(b.ms ?? 0) + Number(b.seconds ?? 0) * 1000 + Number(b.minutes ?? 0) * 60_000 + Number(b.hours ?? 0) * 3_600_000;
    if (!Number.isFinite(ms) || ms < 0) return bad(res, new Error('ms/seconds/minutes/hours must be non-negative numbers'));
    ctx.clock.advance(ms);
    ctx.store.scheduleSave();
    sendJson(res, 200, { now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs });
  });

  router.on('GET', '/__emulator/webhooks', (_req, res) => {
    const { url, verifierToken, format } = ctx.store.state.webhook;
    sendJson(res, 200, { url: url ?? null, verifierToken, format, retryScheduleMs: ctx.webhooks.retryScheduleMs });
  });
  router.on('POST', '/__emulator/webhooks', (req, res) => {
    try {
      ctx.webhooks.configure(body(req.body));
      const { url, verifierToken, format } = ctx.store.state.webhook;
      sendJson(res, 200, { url: url ?? null, verifierToken, format, retryScheduleMs: ctx.webhooks.retryScheduleMs });
    } catch (e) {
      bad(res, e);
    }
  });
  router.on('GET', '/__emulator/webhooks/deliveries', (_req, res) => sendJson(res, 200, { deliveries: ctx.webhooks.deliveries }));
  router.on('DELETE', '/__emulator/webhooks/deliveries', (_req, res) => {
    ctx.webhooks.deliveries = [];
    sendJson(res, 200, { ok: true });
  });
  router.on('POST', '/__emulator/webhooks/flush', async (_req, res) => {
    await ctx.webhooks.flush();
    sendJson(res, 200, { ok: true, deliveries: ctx.webhooks.deliveries.length });
  });
  router.on('POST', '/__emulator/webhooks/faults', (req, res) => {
    try {
      sendJson(res, 200, ctx.webhooks.addFault(body(req.body)));
    } catch (e) {
      bad(res, e);
    }
  });
  router.on('DELETE', '/__emulator/webhooks/faults', (_req, res) => {
    ctx.webhooks.clearFaults();
    sendJson(res, 200, { ok: true });
  });

  router.on('GET', '/__emulator/faults', (_req, res) => sendJson(res, 200, { faults: ctx.faults.faults }));
  router.on('POST', '/__emulator/faults', (req, res) => {
    try {
      sendJson(res, 200, ctx.faults.add(body(req.body)));
    } catch (e) {
      bad(res, e);
    }
  });
  router.on('DELETE', '/__emulator/faults', (_req, res) => {
    ctx.faults.clear();
    sendJson(res, 200, { ok: true });
  });

  router.on('POST', '/__emulator/rate-limit', (req, res) => {
    const n = Number(body(req.body).ratePerMinute);
    if (!Number.isFinite(n) || n < 1) return bad(res, new Error('ratePerMinute must be >= 1'));
    ctx.rateLimiter.perMinute = n;
    ctx.rateLimiter.reset();
    sendJson(res, 200, { ratePerMinute: n });
  });

  // Raw dump for tests (e.g. counting duplicates): includes voided/deleted markers.
  router.on('GET', '/__emulator/entities', (req, res) => {
    const realm = ctx.store.realm(req.query.realmId ?? ctx.store.state.defaultRealmId);
    if (!realm) return sendJson(res, 404, { error: 'unknown realm' });
    const types = req.query.type ? [req.query.type] : Object.keys(realm.records);
    const out: Json = {};
    for (const t of types) {
      const name = Object.keys(realm.records).find((k) => k.toLowerCase() === t.toLowerCase()) ?? t;
      out[name] = Object.values(realm.records[name] ?? {}).map((r) => ({
        ...r.entity, __voided: !!r.voided, __deleted: r.deletedAt !== undefined,
      }));
    }
    sendJson(res, 200, { realmId: realm.realmId, entities: out });
  });
}
