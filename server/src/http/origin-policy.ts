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
}
