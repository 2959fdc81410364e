// /__emulator/* — JSON control surface for tests, demos and the Settle dev UI.
// Not part of QBO; never requires a bearer token (the emulator only binds locally).
import type { EmulatorContext } from './context.js';
import { currencyRef } from './entities/currency.js';
import { type Handler, type Req, type Router, parseJson, sendJson } from './http-utils.js';
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

/** Raw dump for tests (e.g. counting duplicates): includes voided/deleted markers. */
function entities(ctx: EmulatorContext, query: Record<string, string>): Json {
  const realm = ctx.store.realm(query.realmId ?? ctx.store.state.defaultRealmId);
  if (!realm) throw new NotFound('unknown realm');
  const types = query.type ? [query.type] : Object.keys(realm.records);
  const out: Json = {};
  for (const t of types) {
    const name = Object.keys(realm.records).find((k) => k.toLowerCase() === t.toLowerCase()) ?? t;
    out[name] = Object.values(realm.records[name] ?? {}).map((r) => ({
      ...r.entity,
      __voided: !!r.voided,
      __deleted: r.deletedAt !== undefined,
    }));
  }
  return { realmId: realm.realmId, entities: out };
}

class NotFound extends Error {}

/**
 * Makes the default company one of another country, as choosing a region does when a sandbox company
 * is created (its country never changes through the API): CompanyInfo's country and the home currency.
 */
function setCompanyRegion(ctx: EmulatorContext, b: Json): Json {
  const realm = ctx.store.realm(ctx.store.state.defaultRealmId)!;
  const country = String(b.country ?? '');
  const currency = String(b.homeCurrency ?? '');
  if (!/^[A-Z]{2}$/.test(country) || !/^[A-Z]{3}$/.test(currency))
    throw new Error('country (ISO 3166 alpha-2) and homeCurrency (ISO 4217) are required');
  const info = ctx.store.get(realm, 'CompanyInfo', '1')!.entity;
  info.Country = country;
  if (info.CompanyAddr) info.CompanyAddr = { ...info.CompanyAddr, Country: country };
  const prefs = ctx.store.get(realm, 'Preferences', '1')!.entity;
  const before = prefs.CurrencyPrefs?.HomeCurrency?.value;
  prefs.CurrencyPrefs = { ...prefs.CurrencyPrefs, HomeCurrency: { value: currency } };
  // The sample customers belong to the company's books: they keep its home currency.
  for (const c of ctx.store.live(realm, 'Customer'))
    if (c.entity.CurrencyRef?.value === before) c.entity.CurrencyRef = currencyRef(currency);
  ctx.store.scheduleSave();
  return { country, homeCurrency: currency };
}

/**
 * A control route: 200 with what `fn` returns; 400 with the message of what it throws (404 for NotFound).
 * The body is the parsed JSON request body, `{}` when there is none.
 */
function reply(fn: (body: Json, req: Req) => unknown): Handler {
  return async (req, res) => {
    let value: unknown;
    try {
      value = await fn(parseJson(req.body) ?? {}, req);
    } catch (e) {
      return sendJson(res, e instanceof NotFound ? 404 : 400, { error: (e as Error).message });
    }
    sendJson(res, 200, value);
  };
}

export function registerControlApi(router: Router, ctx: EmulatorContext): void {
  const clock = () => ({ now: new Date(ctx.clock.now()).toISOString(), offsetMs: ctx.clock.offsetMs });
  const webhookConfig = () => {
    const { url, verifierToken, format } = ctx.store.state.webhook;
    return { url: url ?? null, verifierToken, format, retryScheduleMs: ctx.webhooks.retryScheduleMs };
  };
  const ok = (effect: () => void) => reply(() => (effect(), { ok: true }));

  router.on(
    'GET',
    '/__emulator/health',
    reply(() => ({
      ok: true,
      realms: Object.keys(ctx.store.state.realms),
      now: new Date(ctx.clock.now()).toISOString(),
    })),
  );
  router.on(
    'GET',
    '/__emulator/credentials',
    reply(() => credentialsOf(ctx)),
  );

  // Re-seed all companies; credentials, grants and webhook config survive.
  router.on(
    'POST',
    '/__emulator/reset',
    ok(() => {
      ctx.store.reset();
      ctx.faults.clear();
      ctx.rateLimiter.reset();
      ctx.webhooks.reset();
    }),
  );

  router.on(
    'POST',
    '/__emulator/company/region',
    reply((b) => setCompanyRegion(ctx, b)),
  );

  router.on('GET', '/__emulator/clock', reply(clock));
  router.on(
    'POST',
    '/__emulator/clock/advance',
    reply((b) => {
      const ms =
        Number(b.ms ?? 0) +
        Number(b.seconds ?? 0) * 1000 +
        Number(b.minutes ?? 0) * 60_000 +
        Number(b.hours ?? 0) * 3_600_000;
      if (!Number.isFinite(ms) || ms < 0) throw new Error('ms/seconds/minutes/hours must be non-negative numbers');
      ctx.clock.advance(ms);
      ctx.store.scheduleSave();
      return clock();
    }),
  );

  router.on('GET', '/__emulator/webhooks', reply(webhookConfig));
  router.on(
    'POST',
    '/__emulator/webhooks',
    reply((b) => (ctx.webhooks.configure(b), webhookConfig())),
  );
  router.on(
    'GET',
    '/__emulator/webhooks/deliveries',
    reply(() => ({ deliveries: ctx.webhooks.deliveries })),
  );
  router.on(
    'DELETE',
    '/__emulator/webhooks/deliveries',
    ok(() => (ctx.webhooks.deliveries = [])),
  );
  router.on(
    'POST',
    '/__emulator/webhooks/flush',
    reply(async () => {
      await ctx.webhooks.flush();
      return { ok: true, deliveries: ctx.webhooks.deliveries.length };
    }),
  );
  router.on(
    'POST',
    '/__emulator/webhooks/faults',
    reply((b) => ctx.webhooks.addFault(b)),
  );
  router.on(
    'DELETE',
    '/__emulator/webhooks/faults',
    ok(() => ctx.webhooks.clearFaults()),
  );

  router.on(
    'GET',
    '/__emulator/faults',
    reply(() => ({ faults: ctx.faults.faults })),
  );
  router.on(
    'POST',
    '/__emulator/faults',
    reply((b) => ctx.faults.add(b)),
  );
  router.on(
    'DELETE',
    '/__emulator/faults',
    ok(() => ctx.faults.clear()),
  );

  router.on(
    'POST',
    '/__emulator/rate-limit',
    reply((b) => {
      const n = Number(b.ratePerMinute);
      if (!Number.isFinite(n) || n < 1) throw new Error('ratePerMinute must be >= 1');
      ctx.rateLimiter.perMinute = n;
      ctx.rateLimiter.reset();
      return { ratePerMinute: n };
    }),
  );

  router.on(
    'GET',
    '/__emulator/entities',
    reply((_b, req) => entities(ctx, req.query)),
  );
}
