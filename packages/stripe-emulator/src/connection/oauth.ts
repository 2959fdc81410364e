import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Runtime } from '../runtime.js';
import { parseForm } from '../api/form-params.js';
import { readBody, sendJson, sendHtml, redirect } from '../core/http-util.js';
import { page, escapeHtml } from '../hosted/html-layout.js';
import { authenticate, publishableKeyFor } from '../api/auth.js';
import { StripeApiError } from '../core/errors.js';
import { newId, nowSeconds, randomBase62 } from '../core/ids.js';
import { emitEvent } from '../webhooks/events.js';

/** OAuth errors are `{error, error_description}` strings, unlike v1 errors. */
const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  sendJson(res, status, { error, error_description: description });

function withParams(uri: string, params: Record<string, string | undefined>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

/**
 * Connect OAuth at the root, as the SDK calls it on a custom host: an authorize page a person
 * (or Playwright) can click, plus `POST /oauth/token` and `/oauth/deauthorize`.
 * Authorize form fields: client_id, redirect_uri, state, scope, decision=allow|deny, email.
 */
export async function handleOAuth(rt: Runtime, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const { store } = rt;
  const method = req.method ?? 'GET';
  if (url.pathname === '/oauth/authorize' && method === 'GET') {
    const q = Object.fromEntries(url.searchParams);
    if (!q.client_id)
      return sendHtml(
        res,
        400,
        page(
          'Error',
          '<div class="card"><h1>Invalid request</h1><p class="error">Missing required param: client_id.</p></div>',
        ),
      );
    if (!q.redirect_uri)
      return sendHtml(
        res,
        400,
        page(
          'Error',
          '<div class="card"><h1>Invalid request</h1><p class="error">Missing redirect_uri (the emulator has no dashboard default).</p></div>',
        ),
      );
    const hidden = ['client_id', 'redirect_uri', 'state', 'scope']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k] ?? '')}">`)
      .join('');
    return sendHtml(
      res,
      200,
      page(
        'Connect with Stripe',
        `<div class="card"><h1>Connect your Stripe account</h1><p class="muted">Application <code>${escapeHtml(q.client_id)}</code> requests <b>${escapeHtml(q.scope ?? 'read_write')}</b> access.</p>
<form method="post" action="/oauth/authorize">${hidden}<label for="email">Account email (test)</label><input id="email" name="email" type="email" value="${escapeHtml(q['stripe_user[email]'] ?? '')}" placeholder="owner@example.com">
<button type="submit" name="decision" value="allow" id="connect">Connect test account</button><button type="submit" name="decision" value="deny" class="secondary" id="deny">Deny</button></form></div>`,
      ),
    );
  }
  if (url.pathname === '/oauth/authorize' && method === 'POST') {
    const f = parseForm(await readBody(req)) as Record<string, string>;
    if (!f.redirect_uri || !f.client_id)
      return sendHtml(
        res,
        400,
        page('Error', '<div class="card"><p class="error">Missing client_id or redirect_uri.</p></div>'),
      );
    if (f.decision !== 'allow') {
      return redirect(
        res,
        withParams(f.redirect_uri, {
          error: 'access_denied',
          error_description: 'The user denied your request',
          state: f.state || undefined,
        }),
        302,
      );
    }
    const acctId = `acct_1${randomBase62(15)}`;
    const acct = store.ensureAccount(acctId, nowSeconds());
    acct.email = f.email || null;
    const code = `ac_${randomBase62(32)}`;
    store.state.oauthCodes[code] = {
      account: acctId,
      clientId: f.client_id,
      scope: f.scope || 'read_write',
      createdAt: Date.now(),
      used: false,
    };
    store.changed();
    return redirect(
      res,
      withParams(f.redirect_uri, { code, scope: f.scope || 'read_write', state: f.state || undefined }),
      302,
    );
  }
  if (method !== 'POST')
    return oauthError(res, 404, 'invalid_request', `Unrecognized request URL (${method}: ${url.pathname}).`);
  const body = parseForm(await readBody(req)) as Record<string, string>;
  let platformId: string;
  try {
    const headers = { ...req.headers };
    if (!headers.authorization && body.client_secret) headers.authorization = `Bearer ${body.client_secret}`;
    delete headers['stripe-account'];
    platformId = authenticate(store, headers).acct.id;
  } catch (err) {
    const msg = err instanceof StripeApiError ? err.body.message : 'Invalid API key';
    return oauthError(res, 401, 'invalid_client', msg);
  }
  if (url.pathname === '/oauth/token') {
    const grant = body.grant_type;
    if (!grant) return oauthError(res, 400, 'invalid_request', 'Missing required param: grant_type.');
    let acctId: string;
    let refresh: string;
    if (grant === 'authorization_code') {
      const c = body.code ? store.state.oauthCodes[body.code] : undefined;
      if (!body.code) return oauthError(res, 400, 'invalid_request', 'Missing required param: code.');
      if (!c) return oauthError(res, 400, 'invalid_grant', `Authorization code does not exist: ${body.code}`);
      if (c.used) return oauthError(res, 400, 'invalid_grant', `Authorization code already used: ${body.code}`);
      // Stripe codes are single-use and expire after 5 minutes.
      if (Date.now() - c.createdAt > 5 * 60_000)
        return oauthError(res, 400, 'invalid_grant', `Authorization code expired: ${body.code}`);
      c.used = true;
      acctId = c.account;
      refresh = `rt_${randomBase62(40)}`;
      store.state.refreshTokens[refresh] = acctId;
    } else if (grant === 'refresh_token') {
      const a = body.refresh_token ? store.state.refreshTokens[body.refresh_token] : undefined;
      if (!a) return oauthError(res, 400, 'invalid_grant', `Invalid refresh token: ${body.refresh_token ?? ''}`);
      acctId = a;
      refresh = body.refresh_token!;
    } else {
      return oauthError(res, 400, 'unsupported_grant_type', `Unsupported grant type: ${grant}`);
    }
    const acct = store.account(acctId)!;
    acct.platform = platformId;
    const accessToken = `sk_test_${randomBase62(99)}`;
    store.state.boundKeys[accessToken] = acctId;
    store.changed();
    return sendJson(
      res,
      200,
      {
        access_token: accessToken,
        livemode: false,
        refresh_token: refresh,
        scope: body.scope || 'read_write',
        stripe_publishable_key: publishableKeyFor(accessToken),
        stripe_user_id: acctId,
        token_type: 'bearer',
      },
      { 'Request-Id': `req_${newId('x', 14).slice(3)}` },
    );
  }
  if (url.pathname === '/oauth/deauthorize') {
    const target = body.stripe_user_id ? store.account(body.stripe_user_id) : undefined;
    if (!body.client_id) return oauthError(res, 400, 'invalid_request', 'Missing required param: client_id.');
    if (!target || target.platform !== platformId) {
      return oauthError(
        res,
        401,
        'invalid_client',
        `This application is not connected to stripe account ${body.stripe_user_id ?? ''}, or that account does not exist.`,
      );
    }
    // The platform's connect endpoints hear about it before the link is cut.
    emitEvent({ rt, acct: target, request: { id: null, idempotency_key: null } }, 'account.application.deauthorized', {
      id: body.client_id,
      object: 'application',
      name: null,
    });
    target.platform = null;
    // Keep revoked tokens marked, so they fail with 401 instead of becoming an ordinary test key.
    for (const [k, v] of Object.entries(store.state.boundKeys))
      if (v === target.id) store.state.boundKeys[k] = `revoked:${target.id}`;
    for (const [k, v] of Object.entries(store.state.refreshTokens))
      if (v === target.id) delete store.state.refreshTokens[k];
    store.changed();
    return sendJson(res, 200, { stripe_user_id: target.id });
  }
  return oauthError(res, 404, 'invalid_request', `Unrecognized request URL (POST: ${url.pathname}).`);
}
