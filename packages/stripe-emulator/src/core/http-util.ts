import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody as readRawBody } from '@settle/emulator-kit';

export { escapeHtml } from '@settle/emulator-kit';

/** Request bodies as text (form-encoded or JSON), up to 2 MiB. */
export async function readBody(req: IncomingMessage, limit = 2 * 1024 * 1024): Promise<string> {
  return (await readRawBody(req, limit)).toString('utf8');
}

/** Stripe pretty-prints its JSON (two spaces); so do we, which also surfaces re-serialization bugs. */
export const toJson = (value: unknown): string => JSON.stringify(value, null, 2);

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body).toString(),
    ...headers,
  });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(res, status, toJson(value), 'application/json', headers);
}

export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string> = {},
): void {
  send(res, status, html, 'text/html; charset=utf-8', headers);
}

export function redirect(res: ServerResponse, location: string, status = 303): void {
  res.writeHead(status, { Location: location, 'Content-Length': '0' });
  res.end();
}

/** Matches `/v1/invoices/:id/pay` style patterns; returns the named params or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  return matchSegments(pattern.split('/'), path.split('/'));
}

/** matchPath on patterns and paths already split at `/` (the API matches one path against every route). */
export function matchSegments(pp: readonly string[], sp: readonly string[]): Record<string, string> | null {
  if (pp.length !== sp.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < pp.length; i++) {
    const p = pp[i]!;
    if (p.startsWith(':')) {
      if (!sp[i]) return null;
      out[p.slice(1)] = decodeURIComponent(sp[i]!);
    } else if (p !== sp[i]) return null;
  }
  return out;
}
