import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime, ApiContext } from '../runtime.js';
import type { Route } from './routes.js';
import type { ParamNode } from './param-schema.js';
import { parseForm, canonicalParams } from './form-params.js';
import { StripeApiError } from '../core/errors.js';
import { authenticate } from './auth.js';
import { Idempotency, isValidationFailure } from './idempotency.js';
import { RateLimiter } from './rate-limit.js';
import { applyExpand, expandList } from './expand.js';
import { readBody, send, toJson, matchSegments } from '../core/http-util.js';
import { checkParams, routeSchema } from './param-schema.js';
import { newId } from '../core/ids.js';
import { API_VERSION } from '../core/wire-types.js';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Credentials': 'true',
  'Access-Control-Allow-Methods': 'GET, POST, HEAD, OPTIONS, DELETE',
  'Access-Control-Expose-Headers':
    'Request-Id, Stripe-Manage-Version, Stripe-Should-Retry, X-Stripe-External-Auth-Required, X-Stripe-Privileged-Session-Required',
  'Access-Control-Max-Age': '300',
  'Cache-Control': 'no-cache, no-store',
};

/** The `/v1` pipeline: auth → rate limit → idempotency → params → handler → expand → JSON. */
export function createApiHandler(rt: Runtime, routes: Route[]) {
  const idem = new Idempotency(rt.store);
  const limiter = new RateLimiter(rt.opts.rateLimitPerSecond);
  const table = routes.map((route) => ({
    route,
    segments: route.path.split('/'),
    schema: routeSchema(route.method, route.path),
  }));

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = `req_${newId('x', 14).slice(3)}`;
    const method = (req.method ?? 'GET').toUpperCase();
    const versionHeader = req.headers['stripe-version'];
    const headers: Record<string, string> = {
      ...CORS,
      'Request-Id': requestId,
      'Stripe-Version': typeof versionHeader === 'string' && versionHeader ? versionHeader : API_VERSION,
    };
    const idemKey = method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    if (idemKey) headers['Idempotency-Key'] = idemKey;
    if (typeof req.headers['stripe-account'] === 'string') headers['Stripe-Account'] = req.headers['stripe-account'];

    const fail = (err: unknown) => {
      const e =
        err instanceof StripeApiError
          ? err
          : new StripeApiError(500, { type: 'api_error', message: 'An unknown error occurred' });
      if (!(err instanceof StripeApiError)) rt.logger.error('stripe emulator handler crashed', err);
      const body = {
        error: {
          ...e.body,
          request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}?t=${Math.floor(Date.now() / 1000)}`,
        },
      };
      return { status: e.status, body: toJson(body), extra: e.headers };
    };

    if (method === 'OPTIONS') return send(res, 200, '', 'text/plain', headers);
    res.on('finish', () => rt.logger.info(`${method} ${url.pathname} → ${res.statusCode} (${requestId})`));

    let acctId: string | undefined;
    let idemFresh = false;
    let started = false;
    let paramsCanon = '';
    try {
      const { acct, key } = authenticate(rt.store, req.headers);
      acctId = acct.id;
      limiter.hit(acct.id);
      const path = url.pathname.replace(/\/+$/, '');
      const segments = path.split('/');
      let found: { route: Route; params: Record<string, string>; schema: ParamNode } | undefined;
      for (const { route, segments: pattern, schema } of table) {
        if (route.method !== method) continue;
        const m = matchSegments(pattern, segments);
        if (m) {
          found = { route, params: m, schema };
          break;
        }
      }
      if (!found) {
        throw new StripeApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      }
      const raw = method === 'POST' ? await readBody(req) : url.search.slice(1);
      // Stripe accepts query params on DELETE/GET and form bodies on POST.
      const params = parseForm(raw);
      paramsCanon = canonicalParams(params);
      if (idemKey) {
        const chk = idem.check(acct.id, idemKey, method, path, paramsCanon);
        if (chk.kind === 'replay') {
          return send(res, chk.status, chk.body, 'application/json', { ...headers, 'Idempotent-Replayed': 'true' });
        }
        idemFresh = true;
      }
      checkParams(params, found.schema);
      const ctx: ApiContext = {
        rt,
        acct,
        params,
        path: found.params,
        method,
        apiKey: key,
        request: { id: requestId, idempotency_key: idemKey ?? null },
      };
      started = true;
      const result = await found.route.handler(ctx);
      const out = applyExpand(acct, result, expandList(params.expand));
      const body = toJson(out);
      if (idemFresh && idemKey) idem.finish(acct.id, idemKey, method, path, paramsCanon, 200, body);
      // Reads change nothing, so they do not schedule a save of the whole state.
      if (method !== 'GET') rt.store.changed();
      return send(res, 200, body, 'application/json', headers);
    } catch (err) {
      const f = fail(err);
      if (idemFresh && idemKey && acctId) {
        // Saved once the endpoint began executing (a 402 decline, a state error, a 500), not a validation failure.
        if (!started || (err instanceof StripeApiError && isValidationFailure(err))) idem.abandon(acctId, idemKey);
        else idem.finish(acctId, idemKey, method, url.pathname.replace(/\/+$/, ''), paramsCanon, f.status, f.body);
      }
      return send(res, f.status, f.body, 'application/json', { ...headers, ...f.extra });
    }
  };
}
