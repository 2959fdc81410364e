// Intuit's OAuth 2.0 endpoints at Intuit's paths, so intuit-oauth and node-quickbooks
// only need their URL statics changed: consent page (/connect/oauth2), token endpoint
// (/oauth2/v1/tokens/bearer, form + Basic auth) and revoke (/v2/oauth2/tokens/revoke, JSON).
import type { ServerResponse } from 'node:http';
import type { EmulatorContext } from './context.js';
import { type Router, escapeHtml, parseForm, parseJson, redirect, sendHtml, sendJson } from './http-utils.js';
import { OAuthError } from './oauth-tokens.js';

const KNOWN_SCOPES = [
  'com.intuit.quickbooks.accounting',
  'com.intuit.quickbooks.payment',
  'openid',
  'profile',
  'email',
  'phone',
  'address',
];

function oauthError(res: ServerResponse, e: unknown): void {
  if (e instanceof OAuthError) {
    sendJson(res, e.status, { error: e.error, error_description: e.description }, { intuit_tid: `emu-${Date.now()}` });
    return;
  }
  throw e;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>body{font-family:system-ui,sans-serif;background:#f4f5f8;margin:0}main{max-width:440px;margin:64px auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 1px 4px #0002}
h1{font-size:20px}button{background:#2ca01c;color:#fff;border:0;border-radius:4px;padding:10px 24px;font-size:16px;cursor:pointer}
button.secondary{background:#fff;color:#393a3d;border:1px solid #8d9096}.muted{color:#6b6c72;font-size:14px}select{width:100%;padding:8px;margin:8px 0 16px}
.banner{background:#fff5d6;padding:6px 10px;border-radius:4px;font-size:13px}</style></head><body><main>
<p class="banner">QuickBooks Online emulator (Settle) — no data leaves this machine.</p>${body}</main></body></html>`;
}

export function registerOAuthRoutes(router: Router, ctx: EmulatorContext): void {
  router.on('GET', '/connect/oauth2', (req, res) => {
    const q = req.query;
    const problems: string[] = [];
    if (q.client_id !== ctx.store.state.oauth.clientId) problems.push('Unknown client_id.');
    if (q.response_type !== 'code') problems.push('response_type must be "code".');
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri))
      problems.push('redirect_uri must be an absolute http(s) URL.');
    const scopes = (q.scope ?? '').split(/[ +]/).filter(Boolean);
    if (!scopes.length || scopes.some((s) => !KNOWN_SCOPES.includes(s)))
      problems.push('scope must list valid Intuit scopes (e.g. com.intuit.quickbooks.accounting).');
    if (problems.length) {
      sendHtml(
        res,
        400,
        page(
          'Authorization error',
          `<h1>We can't connect this app</h1><ul>${problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>`,
        ),
      );
      return;
    }
    const realms = Object.values(ctx.store.state.realms);
    const companyName = (id: string) =>
      ctx.store.records(ctx.store.state.realms[id], 'CompanyInfo')['1']?.entity.CompanyName ?? id;
    const hidden = ['client_id', 'redirect_uri', 'scope', 'state']
      .map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(q[k] ?? '')}">`)
      .join('');
    sendHtml(
      res,
      200,
      page(
        'Connect to QuickBooks',
        `<h1>Connect your QuickBooks company</h1>
<p class="muted">An app wants access to: ${scopes.map(escapeHtml).join(', ')}</p>
<form method="post" action="/connect/oauth2/consent">${hidden}
<label for="realmId">Company</label>
<select id="realmId" name="realmId">${realms.map((r) => `<option value="${escapeHtml(r.realmId)}">${escapeHtml(companyName(r.realmId))} (${escapeHtml(r.realmId)})</option>`).join('')}</select>
<button type="submit" name="decision" value="connect" id="connect">Connect</button>
<button type="submit" name="decision" value="cancel" class="secondary" id="cancel">Cancel</button>
</form>`,
      ),
    );
  });

  // Consent decision → redirect back to the app exactly as Intuit does.
  router.on('POST', '/connect/oauth2/consent', (req, res) => {
    const f = parseForm(req.body);
    if (f.client_id !== ctx.store.state.oauth.clientId || !f.redirect_uri || !/^https?:\/\//.test(f.redirect_uri)) {
      sendHtml(res, 400, page('Authorization error', '<h1>Invalid authorization request</h1>'));
      return;
    }
    const target = new URL(f.redirect_uri);
    if (f.decision === 'cancel') {
      target.searchParams.set('error', 'access_denied');
      if (f.state) target.searchParams.set('state', f.state);
      redirect(res, target.toString());
      return;
    }
    const realmId = ctx.store.realm(f.realmId ?? '') ? f.realmId : ctx.store.state.defaultRealmId;
    target.searchParams.set('code', ctx.oauth.issueCode(realmId, f.redirect_uri, f.scope ?? ''));
    if (f.state) target.searchParams.set('state', f.state);
    target.searchParams.set('realmId', realmId);
    redirect(res, target.toString());
  });

  router.on('POST', '/oauth2/v1/tokens/bearer', (req, res) => {
    try {
      ctx.oauth.checkClient(req.headers.authorization);
      const f = parseForm(req.body);
      const hard = String(req.headers['x-include-refresh-token-hard-expires-in'] ?? '') === 'true';
      let body;
      if (f.grant_type === 'authorization_code') body = ctx.oauth.exchangeCode(f.code, f.redirect_uri, hard);
      else if (f.grant_type === 'refresh_token') body = ctx.oauth.refresh(f.refresh_token, hard);
      else throw new OAuthError(400, 'unsupported_grant_type', `Unsupported grant_type: ${f.grant_type ?? ''}`);
      sendJson(res, 200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
    } catch (e) {
      oauthError(res, e);
    }
  });

  router.on('POST', '/v2/oauth2/tokens/revoke', (req, res) => {
    try {
      ctx.oauth.checkClient(req.headers.authorization);
      // intuit-oauth sends JSON; node-quickbooks sends a form body. Accept both.
      const token = parseJson(req.body)?.token ?? parseForm(req.body).token;
      ctx.oauth.revoke(token);
      res.writeHead(200, { 'content-length': 0 });
      res.end();
    } catch (e) {
      oauthError(res, e);
    }
  });
}
