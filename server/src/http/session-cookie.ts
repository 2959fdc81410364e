import type { Request, Response } from 'express';
import { cookieSecureForced } from '../platform/config.js';

export const SESSION_COOKIE = 'settle_session';

/** `Secure` whenever Settle is served over https (PUBLIC_URL), so the cookie never travels in clear. */
export function cookieIsSecure(publicUrl: string): boolean {
  return publicUrl.startsWith('https:') || cookieSecureForced();
}

export function setSessionCookie(res: Response, token: string, publicUrl: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieIsSecure(publicUrl),
    maxAge: maxAgeMs,
    path: '/',
  });
}

export function clearSessionCookie(res: Response, publicUrl: string): void {
  res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieIsSecure(publicUrl) });
}

/** The bearer token of an `Authorization: Bearer …` header ('' when empty), undefined without one. */
export function bearerTokenOf(headers: { authorization?: string }): string | undefined {
  const auth = headers.authorization?.trim();
  return auth && /^bearer(\s|$)/i.test(auth) ? auth.slice(6).trim() : undefined;
}

/** The caller's token: `Authorization: Bearer …` for tools, else the session cookie for the SPAs. */
export function tokenFromHeaders(headers: { authorization?: string; cookie?: string }): string | undefined {
  const auth = headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const cookie = headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return cookie ? decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)) : undefined;
}

export function tokenFromRequest(req: Request): string | undefined {
  return tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie });
}

/** Whether the caller's token is the session cookie: no `Authorization: Bearer` header (which wins when both come). */
export function cameAsCookie(headers: { authorization?: string; cookie?: string }): boolean {
  return !headers.authorization?.toLowerCase().startsWith('bearer ') && tokenFromHeaders(headers) !== undefined;
}
