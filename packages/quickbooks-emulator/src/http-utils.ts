// Minimal HTTP plumbing on node:http. Query strings are decoded as QBO's servlet container
// does ('+' is a space); node-quickbooks sends unencoded '+' in sendTo/changedSince, so those
// handlers turn the space back into '+' themselves.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readBody as readRawBody } from '@settle/emulator-kit';
import type { Json } from './types.js';

export { escapeHtml } from '@settle/emulator-kit';

export interface Req {
  raw: IncomingMessage;
  method: string;
  path: string;
  /** Form-decoded: '+' is a space, as in QBO. */
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
  params: Record<string, string>;
}

export type Handler = (req: Req, res: ServerResponse) => Promise<void> | void;

export function parseQueryLenient(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const k = (i < 0 ? pair : pair.slice(0, i)).replace(/\+/g, ' ');
    const v = (i < 0 ? '' : pair.slice(i + 1)).replace(/\+/g, ' ');
    try {
      out[decodeURIComponent(k)] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

/** HTML forms do encode spaces as '+', so form bodies use the standard decoder. */
export function parseForm(body: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

export function parseJson(body: Buffer): Json | undefined {
  if (!body.length) return undefined;
  try {
    const v = JSON.parse(body.toString('utf8'));
    return v && typeof v === 'object' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Request bodies as bytes, up to 5 MiB (v3 batch requests can be large). */
export const readBody = (req: IncomingMessage, limit = 5 * 1024 * 1024): Promise<Buffer> => readRawBody(req, limit);

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(data),
    // Real QBO responses carry a transaction id that support asks for.
    intuit_tid: randomUUID(),
    ...headers,
  });
  res.end(data);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

interface Route {
  method: string;
  re: RegExp;
  keys: string[];
  handler: Handler;
}

/** Tiny router: `/v3/company/:realmId/query`; params are matched case-sensitively. */
export class Router {
  private routes: Route[] = [];
  on(method: string, pattern: string, handler: Handler): this {
    const keys: string[] = [];
    const src = pattern.replace(/:([A-Za-z]+)/g, (_m, k) => {
      keys.push(k);
      return '([^/]+)';
    });
    this.routes.push({ method, re: new RegExp(`^${src}/?$`), keys, handler });
    return this;
  }
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | undefined {
    for (const r of this.routes) {
      if (r.method !== method && r.method !== '*') continue;
      const m = r.re.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
      return { handler: r.handler, params };
    }
    return undefined;
  }
}
