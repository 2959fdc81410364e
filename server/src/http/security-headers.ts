import type { ServerResponse } from 'node:http';

/**
 * Security headers for every response (API, both SPAs, pay pages, webhooks), written by hand:
 * - CSP for the built SPAs: scripts and styles from our own origin only; inline styles stay allowed
 *   (Mantine writes its CSS variables into <style> tags at run time, the pay pages carry one inline
 *   <style>); the websocket to our own host; no plugins, no <base> rewrites; nobody may frame us.
 * - nosniff, no referrer leaving (pay links carry a token in the path), no framing (old browsers).
 * - HSTS only when PUBLIC_URL is https: announcing it over plain http would be ignored or wrong.
 */
export function securityHeaders(publicUrl: string): (res: ServerResponse) => void {
  const url = new URL(publicUrl);
  const https = url.protocol === 'https:';
  const ws = `${https ? 'wss' : 'ws'}://${url.host}`;
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers: Array<[string, string]> = [
    ['Content-Security-Policy', csp],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
  if (https) headers.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  return (res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}
