import type { Request, Response } from 'express';
import { cookieSecureForced } from '../platform/config.js';

const PLAIN_NAME = 'settle_session';
const HOST_ONLY_NAME = '__Host-settle_session';

/** `Secure` whenever Settle is served over https (PUBLIC_URL), so the cookie never travels in clear. */
export function cookieIsSecure(publicUrl: string): boolean {
  return publicUrl.startsWith('https:') || cookieSecureForced();
}

/**
 * The session cookie's name. Over https it is `__Host-` prefixed: browsers take such a cookie only from
 * this very host, Secure, for Path=/ and with no Domain, so a page on a sibling subdomain (blog.example.com
 * beside billing.example.com) cannot plant a session of its own choosing (cookie tossing, a login
 * forgery), and the plain name is not read there at all. Plain http (local use) cannot have the prefix.
 */
export function sessionCookieName(publicUrl: string): string {
  return cookieIsSecure(publicUrl) ? HOST_ONLY_NAME : PLAIN_NAME;
}

export function setSessionCookie(res: Response, token: string, publicUrl: string, maxAgeMs: number): void {
  res.cookie(sessionCookieName(publicUrl), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(publicUrl),
    maxAge: maxAgeMs,
    path: '/',
  });
}

export function clearSessionCookie(res: Response, publicUrl: string): void {
  res.clearCookie(sessionCookieName(publicUrl), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(publicUrl),
  });
}

/** The bearer token of an `Authorization: Bearer …` header ('' when empty), undefined without one. */
export function bearerTokenOf(headers: { authorization?: string }): string | undefined {
  const auth = headers.authorization?.trim();
  return auth && /^bearer(\s|$)/i.test(auth) ? auth.slice(6).trim() : undefined;
}

type Headers = { authorization?: string; cookie?: string };

/**
 * The caller's token: `Authorization: Bearer …` for tools, else the session cookie for the SPAs (by the
 * name `sessionCookieName` gives for this PUBLIC_URL: over https, a plain `settle_session` is ignored).
 */
export function tokenFromHeaders(headers: Headers, publicUrl: string): string | undefined {
  const auth = headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const prefix = `${sessionCookieName(publicUrl)}=`;
  const cookie = headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : undefined;
}

export function tokenFromRequest(req: Request, publicUrl: string): string | undefined {
  return tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie }, publicUrl);
}

/** Whether the caller's token is the session cookie: no `Authorization: Bearer` header (which wins when both come). */
export function cameAsCookie(headers: Headers, publicUrl: string): boolean {
  return (
    !headers.authorization?.toLowerCase().startsWith('bearer ') && tokenFromHeaders(headers, publicUrl) !== undefined
  );
}
