import type http from 'node:http';
import type express from 'express';
import type { Container } from '../app/container.js';
import { markInApp, principalKey, type Principal } from '../modules/auth/principal.js';
import { addressBlock } from '../platform/rate-limit/address-block.js';
import { JSON_BODY_LIMIT_BYTES } from './json-errors.js';
import type { OriginPolicy } from './origin-policy.js';
import { SocketQuota } from './socket-quota.js';
import { bearerTokenOf, cameAsCookie, tokenFromHeaders } from './session-cookie.js';

type Locals = { principal?: Principal | null; token?: string };
type Req = http.IncomingMessage & { body?: unknown; graphqlPost?: { error?: unknown }; admitted?: boolean };
type Res = http.ServerResponse & { locals?: Locals };

/**
 * Who calls /graphql (over HTTP or a websocket): the principal (null: anonymous) and the token it came with, or null when a bearer
 * token does not resolve (unknown, expired, revoked), which is refused outright with 401. No token stays
 * anonymous, and a stale cookie too (the SPA shows its sign-in page).
 */
export function graphqlCaller(container: Container) {
  return async (headers: http.IncomingHttpHeaders): Promise<Locals | null> => {
    const { publicUrl } = container.config;
    const token = tokenFromHeaders(headers, publicUrl);
    const principal = await container.auth.resolve(token);
    if (!principal && bearerTokenOf(headers) !== undefined) return null;
    return { principal: markInApp(principal, cameAsCookie(headers, publicUrl)), token };
  };
}

/**
 * POST /graphql before Express: a plain JSON body of known length is read and parsed here, the caller
 * resolved, and an operation PostgreSQL answers alone (sql-answer-route.ts) is answered without Express's
 * router and body parser (together about a sixth of the CPU of a page of invoices). Anything else goes
 * on to Express's /graphql chain, which takes up what this path did: the body is read (`req.body`, or
 * the parse error in `req.graphqlPost` for jsonErrorHandler: see resumeGraphqlPost), the caller known
 * (`res.locals.principal`) and the SQL answer tried (`req.graphqlPost`).
 * Requests with another media type, charset or encoding, without a length, over the size limit, or
 * carrying a session cookie from a foreign origin go to Express untouched, which answers them as always.
 */
export function graphqlFastPath(opts: {
  origins: OriginPolicy;
  caller: ReturnType<typeof graphqlCaller>;
  sqlAnswer: express.RequestHandler;
  express: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  inFlight: InFlightRequests;
}) {
  return (req: Req, res: Res): void => {
    const length = Number(req.headers['content-length']);
    if (
      !isPlainJson(req.headers['content-type']) ||
      (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity' ||
      !(length > 0 && length <= JSON_BODY_LIMIT_BYTES) ||
      opts.origins.isForgedCookieRequest(req.headers)
    )
      return opts.express(req, res);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => req.destroy());
    req.on('end', () => void answer(req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
  };

  async function answer(req: Req, res: Res, raw: Buffer): Promise<void> {
    const onward = (error?: unknown) => {
      req.graphqlPost = { error };
      opts.express(req, res);
    };
    try {
      // As body-parser reads it: a byte order mark dropped, then strict JSON (an object or an array).
      const text = raw.toString('utf8').replace(/^\uFEFF/, '');
      if (!/^[ \t\n\r]*[{[]/.test(text)) throw new SyntaxError('not a JSON object or array');
      req.body = JSON.parse(text);
    } catch (err) {
      return onward(Object.assign(err as Error, { status: 400, type: 'entity.parse.failed' }));
    }
    try {
      const caller = await opts.caller(req.headers);
      if (!caller) return onward(); // Express's chain refuses it
      res.locals = Object.assign(Object.create(null) as Locals, caller);
      // Anonymous callers are counted by address, which Express knows (behind a proxy, the forwarded one).
      if (caller.principal && !opts.inFlight.admit(req, res, caller.principal, null)) return;
      opts.sqlAnswer(req as express.Request, res as express.Response, () => onward());
    } catch (err) {
      onward(err);
    }
  }
}

/** First in Express's /graphql chain: what failed on the fast path (a body not JSON, the caller lookup) goes to the error handler. */
export const resumeGraphqlPost: express.RequestHandler = (req, _res, next) => next((req as Req).graphqlPost?.error);

/** Whether the fast path has tried the SQL answer for this request already. */
export const triedSqlAnswer = (req: express.Request) => (req as Req).graphqlPost !== undefined;

/** `application/json`, with no charset or UTF-8 (what express.json would read as is). */
function isPlainJson(type: string | undefined): boolean {
  if (!type) return false;
  const [media, ...params] = type.toLowerCase().split(';');
  if (media!.trim() !== 'application/json') return false;
  return params.every((p) => {
    const [k, v] = p.split('=').map((s) => s.trim().replace(/^"|"$/g, ''));
    return k !== 'charset' || v === 'utf-8' || v === 'utf8';
  });
}

/**
 * GraphQL requests one caller (a person, a portal user, an API token; anonymous callers by address) may
 * have running at once on this process. Each request is bounded (operation-limits.ts), but nothing bounded
 * how many one caller ran side by side: forty concurrent requests of the largest size one API token may
 * send held the database pool every organization shares. The apps send a handful at once.
 */
export const MAX_REQUESTS_IN_FLIGHT_PER_CALLER = 16;

/** Counts each caller's GraphQL requests in flight; past the limit a request is answered 429 at once. */
export class InFlightRequests {
  private readonly quota: SocketQuota<object>;
  constructor(max = MAX_REQUESTS_IN_FLIGHT_PER_CALLER) {
    this.quota = new SocketQuota<object>(max);
  }

  /**
   * Takes a slot for this request until its response is done (or its connection closes); false, with the
   * 429 sent, when its caller has none left. A request is counted once, however many times it is asked.
   */
  admit(req: Req, res: http.ServerResponse, principal: Principal | null | undefined, ip: string | null): boolean {
    if (req.admitted) return true;
    const key = principal ? principalKey(principal) : `ip:${addressBlock(ip ?? req.socket.remoteAddress ?? '')}`;
    if (!this.quota.take(res, key)) {
      const body = JSON.stringify({
        errors: [
          {
            message: `Too many requests at once: at most ${MAX_REQUESTS_IN_FLIGHT_PER_CALLER} per caller may run together. Retry when one has been answered.`,
            extensions: { code: 'RATE_LIMITED', retryAfter: 1 },
          },
        ],
      });
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' }).end(body);
      return false;
    }
    req.admitted = true;
    res.once('close', () => this.quota.release(res));
    return true;
  }
}
