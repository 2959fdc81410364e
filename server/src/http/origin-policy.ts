import type { IncomingHttpHeaders } from 'node:http';

/**
 * Which browser pages may act with a Settle session cookie: pages served from PUBLIC_URL's origin and
 * the configured extra origins. A request without an Origin header is not a cross-origin browser
 * request (curl, SDKs, server-to-server with a bearer token) and is let through; `Origin: null`
 * (sandboxed frames, file://) is foreign.
 */
export class OriginPolicy {
  private readonly allowed: Set<string>;

  constructor(publicUrl: string, extra: string[]) {
    this.allowed = new Set([new URL(publicUrl).origin, ...extra]);
  }

  allows(origin: string | undefined): boolean {
    return origin === undefined || this.allowed.has(origin);
  }

  /**
   * A cross-site request forgery: the request rides on the session cookie (no bearer token) and comes
   * from a page of a foreign origin. Such a request is refused before anything reads or runs it.
   */
  isForgedCookieRequest(headers: IncomingHttpHeaders): boolean {
    const bearer = headers.authorization?.toLowerCase().startsWith('bearer ');
    if (bearer || !headers.cookie) return false;
    const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
    return !this.allows(origin);
  }

  /**
   * A request a foreign page made the browser send, cookie or none: a foreign (or `null`) Origin, or, when
   * no Origin came, a browser's `Sec-Fetch-Site` saying another site asked. Sign-in and sign-out refuse
   * it, so no other site can sign a browser in to an account of its choosing (login CSRF) or out of its
   * own. Tools (curl, SDKs) send neither header and are let through.
   */
  isForeignPage(headers: IncomingHttpHeaders): boolean {
    const origin = typeof headers.origin === 'string' ? headers.origin : undefined;
    if (origin !== undefined) return !this.allowed.has(origin);
    const site = headers['sec-fetch-site'];
    return site === 'cross-site' || site === 'same-site';
  }
}
