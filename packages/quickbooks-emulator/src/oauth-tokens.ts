// OAuth 2.0 grant bookkeeping with Intuit's lifetimes: access token 1 h, refresh token
// rolling 101 days, rotation on every refresh with the previous refresh token honoured
// for 24 h, authorization codes single-use for 5 minutes, revocation per grant.
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock.js';
import type { Store } from './store.js';
import { ids } from './store.js';
import type { Json } from './types.js';

export const ACCESS_TTL_S = 3600;
export const REFRESH_TTL_S = 8_726_400;
export const HARD_TTL_S = 5 * 365 * 24 * 3600;
export const SUPERSEDED_GRACE_MS = 24 * 3600 * 1000;
const CODE_TTL_MS = 5 * 60 * 1000;

export class OAuthError extends Error {
  constructor(
    public status: number,
    public error: string,
    public description: string,
  ) {
    super(description);
  }
}

export type AccessCheck = { ok: true } | { ok: false; status: 401 | 403; detail: string };

function accessToken(): string {
  // Intuit access tokens are long JWE strings; the exact format is opaque to clients.
  return `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${randomBytes(16).toString('base64url')}.${randomBytes(180).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
}

function refreshToken(): string {
  return `RT1-${ids.randomDigits(3)}-H0-${Math.floor(Date.now() / 1000) + REFRESH_TTL_S}${ids.randomAlnum(20).toLowerCase()}`;
}

export class OAuthService {
  constructor(
    private store: Store,
    private clock: Clock,
  ) {}

  private get s() {
    return this.store.state.oauth;
  }

  checkClient(authHeader: string | undefined): void {
    const m = /^Basic\s+(.+)$/i.exec(authHeader ?? '');
    const [id, secret] = m ? Buffer.from(m[1], 'base64').toString('utf8').split(':') : [];
    if (id !== this.s.clientId || secret !== this.s.clientSecret)
      throw new OAuthError(401, 'invalid_client', 'Client authentication failed');
  }

  issueCode(realmId: string, redirectUri: string, scope: string): string {
    const code = `AB${ids.randomAlnum(48)}`;
    this.s.authCodes[code] = { realmId, redirectUri, scope, expiresAt: this.clock.now() + CODE_TTL_MS };
    this.store.scheduleSave();
    return code;
  }

  /** Mint a token pair for a new grant (consent, or the emulator's bootstrap pair). */
  newGrant(realmId: string, hardExpires = false): Json {
    const grantId = ids.randomAlnum(16);
    return this.mint(realmId, grantId, this.clock.now(), hardExpires);
  }

  private mint(realmId: string, grantId: string, grantCreatedAt: number, hardExpires: boolean): Json {
    const now = this.clock.now();
    const at = accessToken();
    const rt = refreshToken();
    this.s.accessTokens[at] = { realmId, clientId: this.s.clientId, grantId, expiresAt: now + ACCESS_TTL_S * 1000 };
    this.s.refreshTokens[rt] = {
      realmId,
      clientId: this.s.clientId,
      grantId,
      grantCreatedAt,
      expiresAt: now + REFRESH_TTL_S * 1000,
    };
    this.pruneExpired(now);
    this.store.scheduleSave();
    const body: Json = {
      token_type: 'bearer',
      access_token: at,
      refresh_token: rt,
      expires_in: ACCESS_TTL_S,
      x_refresh_token_expires_in: REFRESH_TTL_S,
    };
    if (hardExpires)
      body.x_refresh_token_hard_expires_in = Math.max(0, Math.floor((grantCreatedAt + HARD_TTL_S * 1000 - now) / 1000));
    return body;
  }

  exchangeCode(code: string | undefined, redirectUri: string | undefined, hardExpires: boolean): Json {
    if (!code) throw new OAuthError(400, 'invalid_request', 'code is required');
    const rec = this.s.authCodes[code];
    if (!rec || rec.used || rec.expiresAt < this.clock.now())
      throw new OAuthError(400, 'invalid_grant', 'Invalid or expired authorization code');
    if (rec.redirectUri !== redirectUri)
      throw new OAuthError(
        400,
        'invalid_grant',
        'redirect_uri does not match the one used in the authorization request',
      );
    rec.used = true;
    return this.newGrant(rec.realmId, hardExpires);
  }

  refresh(token: string | undefined, hardExpires: boolean): Json {
    if (!token) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
    const now = this.clock.now();
    const rec = Object.hasOwn(this.s.refreshTokens, token) ? this.s.refreshTokens[token] : undefined;
    if (!rec || rec.revoked || rec.clientId !== this.s.clientId)
      throw new OAuthError(400, 'invalid_grant', 'Incorrect or revoked refresh token');
    if (rec.expiresAt < now) throw new OAuthError(400, 'invalid_grant', 'Refresh token has expired');
    if (rec.supersededAt !== undefined && now > rec.supersededAt + SUPERSEDED_GRACE_MS) {
      throw new OAuthError(
        400,
        'invalid_grant',
        'Refresh token was superseded more than 24 hours ago; use the latest refresh token',
      );
    }
    rec.supersededAt ??= now;
    return this.mint(rec.realmId, rec.grantId, rec.grantCreatedAt, hardExpires);
  }

  /** Revoking either token of a grant revokes the whole grant (Intuit "disconnect"). */
  revoke(token: string | undefined): void {
    if (!token) throw new OAuthError(400, 'invalid_request', 'token is required');
    const grantId = this.s.refreshTokens[token]?.grantId ?? this.s.accessTokens[token]?.grantId;
    if (!grantId) return; // RFC 7009: unknown tokens are not an error
    for (const r of Object.values(this.s.refreshTokens)) if (r.grantId === grantId) r.revoked = true;
    for (const a of Object.values(this.s.accessTokens)) if (a.grantId === grantId) a.revoked = true;
    this.store.scheduleSave();
  }

  checkAccess(header: string | undefined, realmId: string): AccessCheck {
    const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!m)
      return {
        ok: false,
        status: 401,
        detail: 'Token validation failed: Authorization header is missing or not a Bearer token',
      };
    const rec = Object.hasOwn(this.s.accessTokens, m[1]) ? this.s.accessTokens[m[1]] : undefined;
    if (!rec || rec.revoked) return { ok: false, status: 401, detail: 'Token invalid' };
    if (rec.expiresAt < this.clock.now())
      return { ok: false, status: 401, detail: `Token expired: ${m[1].slice(0, 12)}...` };
    if (rec.realmId !== realmId)
      return { ok: false, status: 403, detail: 'Authorization Failure: the token is not authorized for this realmId' };
    return { ok: true };
  }

  /** A currently valid bootstrap pair (re-minted when expired, revoked or rotated away). */
  bootstrap(): { accessToken: string; refreshToken: string } {
    const b = this.s.bootstrap;
    const now = this.clock.now();
    const at = this.s.accessTokens[b.accessToken];
    const rt = this.s.refreshTokens[b.refreshToken];
    const realmId = this.store.state.defaultRealmId;
    if (!rt || rt.revoked || rt.supersededAt !== undefined || rt.expiresAt < now || rt.realmId !== realmId) {
      const pair = this.newGrant(realmId);
      this.s.bootstrap = { accessToken: pair.access_token, refreshToken: pair.refresh_token };
    } else if (!at || at.revoked || at.expiresAt < now) {
      const pair = this.mint(realmId, rt.grantId, rt.grantCreatedAt, false);
      // mint() created an extra refresh token; keep the bootstrap refresh token stable.
      delete this.s.refreshTokens[pair.refresh_token];
      b.accessToken = pair.access_token;
    }
    return { ...this.s.bootstrap };
  }

  private pruneExpired(now: number): void {
    for (const [k, v] of Object.entries(this.s.accessTokens))
      if (v.expiresAt < now - 7 * 86_400_000) delete this.s.accessTokens[k];
    for (const [k, v] of Object.entries(this.s.authCodes))
      if (v.expiresAt < now - 86_400_000) delete this.s.authCodes[k];
  }
}
