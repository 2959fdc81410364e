import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import { ApolloServer, type ApolloServerOptionsWithGateway } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { execute, GraphQLError, printSchema, type GraphQLSchema } from 'graphql';
import type { Container } from '../app/container.js';
import type { ModuleParts } from '../app/settle-module.js';
import { buildContext, type GraphQLContext } from '../graphql/context.js';
import { sqlAnswerer, type SqlAnswerer } from '../graphql/sql-answers.js';
import { sqlAnswerRoute } from './sql-answer-route.js';
import { createJitExecutor } from '../graphql/executor.js';
import { formatError } from '../graphql/format-error.js';
import { graphiqlPage } from './graphiql.js';
import { closeServer, listenOn, mountProbes, type ReadinessProbe } from './probe-routes.js';
import { QUERY_TOO_COMPLEX } from '../graphql/operation-limits.js';
import { requestGuardsPlugin } from '../graphql/request-guards.plugin.js';
import { createSubscriptionExecution } from '../graphql/subscription-execution.js';
import { logger } from '../platform/logger.js';
import { requestIdFor, runInRequest } from '../platform/request-context.js';
import { routeFamily } from '../platform/metrics/settle-metrics.js';
import { graphqlMetricsPlugin, trackSubscriptions } from './graphql-metrics.js';
import { jsonErrorHandler, notFoundHandler, JSON_BODY_LIMIT_BYTES, tooLargeBody } from './json-errors.js';
import { closeIfAnsweredUnread, parsedBodyWithin } from './body-limit.js';
import { OriginPolicy } from './origin-policy.js';
import { precompressed } from './precompressed.js';
import { securityHeaders } from './security-headers.js';
import {
  graphqlCaller,
  graphqlFastPath,
  InFlightRequests,
  MAX_REQUESTS_IN_FLIGHT_PER_CALLER,
  resumeGraphqlPost,
  triedSqlAnswer,
} from './graphql-post.js';
import { WebSocketSessionGuard } from './ws-session-guard.js';
import { clientAddress } from './client-address.js';
import { MAX_SOCKETS_PER_CALLER, SocketQuota, TOO_MANY_SOCKETS } from './socket-quota.js';
import { principalKey } from '../modules/auth/principal.js';

export interface SettleHttpServer {
  server: http.Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** Serves a built SPA under a base path, falling back to its index.html for client-side routes. */
function serveSpa(app: express.Express, base: string, dist: string): void {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.get([base, `${base}/{*rest}`], (_req, res) => {
      res
        .status(503)
        .type('text')
        .send(`This app is not built yet. Run \`pnpm build:web\` (or \`pnpm start\`, which builds it).`);
    });
    return;
  }
  const index = path.join(dist, 'index.html');
  // Bundles and the index go out brotli- or gzip-compressed when the build wrote those variants.
  app.use(base, precompressed(dist, { maxAge: '1h' }));
  app.use(base, express.static(dist, { index: false, maxAge: '1h' }));
  app.get([base, `${base}/{*rest}`], precompressed(dist, { maxAge: '0', fileFor: () => index }), (_req, res) =>
    res.sendFile(index),
  );
}

/**
 * Subscriptions (and queries or mutations still running) one websocket may hold at once. The apps hold a
 * few; each is a listener every invoice change is filtered through, and 2,000 on one socket were taken.
 */
export const MAX_OPERATIONS_PER_SOCKET = 100;

/**
 * Apollo Server has no executor option of its own; its gateway interface is the supported way to hand it a
 * fixed schema together with a different executor. Parsing, validation, plugins, error formatting and
 * HTTP handling stay Apollo's; execution goes through graphql-jit (see graphql/executor.ts), after the
 * modules' SQL answers had their chance (graphql/sql-answers.ts).
 */
function compiledExecution(
  schema: GraphQLSchema,
  fromSql: SqlAnswerer,
): ApolloServerOptionsWithGateway<GraphQLContext>['gateway'] {
  const execute = createJitExecutor(schema);
  return {
    load: async () => ({
      executor: async (rc) => {
        const args = {
          schema,
          document: rc.document,
          variableValues: rc.request.variables,
          contextValue: rc.context,
          operationName: rc.request.operationName ?? rc.operationName,
        };
        const data = await fromSql({ ...args, variables: args.variableValues, principal: rc.context.principal });
        return data === null ? execute(args) : { data: JSON.parse(data) as Record<string, unknown> };
      },
    }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}

/**
 * One HTTP port for everything: GraphQL over POST and WebSocket (graphql-ws) at /graphql, integration
 * side-routes (webhooks), and the two SPAs.
 */
export interface HttpServerOptions extends Pick<ModuleParts, 'routes' | 'rawRoutes' | 'sqlAnswers'> {
  webRoot?: string;
  readiness?: ReadinessProbe;
}

export async function createHttpServer(
  container: Container,
  schema: GraphQLSchema,
  opts: HttpServerOptions = {},
): Promise<SettleHttpServer> {
  const rawRoutes = opts.rawRoutes ?? [];
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const withSecurityHeaders = securityHeaders(container.config.publicUrl);
  const origins = new OriginPolicy(container.config.publicUrl, container.config.allowedOrigins);
  const callerOf = graphqlCaller(container);
  // Raw routes first (their prefix and method match), then POST /graphql, everything else through Express.
  let postGraphql: (req: http.IncomingMessage, res: http.ServerResponse) => void = app;
  const dispatch = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = req.url ?? '/';
    for (const r of rawRoutes) {
      if (req.method === r.method && url.startsWith(r.prefix))
        return r.handle(req, res, url.slice(r.prefix.length).split('?')[0]!);
    }
    if (req.method === 'POST' && url === '/graphql') return postGraphql(req, res);
    app(req, res);
  };
  const httpSeconds = container.metrics.http;
  const server = http.createServer((req, res) => {
    const started = performance.now();
    closeIfAnsweredUnread(req, res);
    withSecurityHeaders(res);
    const requestId = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    // Read now: Express rewrites req.url inside mounted routers.
    const route = routeFamily(req.url ?? '/');
    res.once('finish', () =>
      httpSeconds.observe(
        { method: req.method ?? 'GET', route, status: String(res.statusCode) },
        (performance.now() - started) / 1000,
      ),
    );
    runInRequest(requestId, () => dispatch(req, res));
  });

  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    // The browser sends the session cookie with the upgrade from any page; only our own pages may open it.
    verifyClient: (info, done) => (origins.allows(info.origin) ? done(true) : done(false, 403, 'Origin not allowed')),
    // A frame may be as large as an HTTP GraphQL body, no larger (ws's default is 100 MiB).
    maxPayload: JSON_BODY_LIMIT_BYTES,
  });
  const subscriptions = createSubscriptionExecution(schema, container.config.operationLimits);
  const sessions = new WebSocketSessionGuard(
    (token) => container.auth.resolve(token),
    container.config.wsSessionCheckMs,
  );
  const stopWatchingAccess = container.events.afterCommit('auth.access-ended', () => void sessions.checkNow());
  // Access ended in another process, or by a statement no service emitted for (a user disabled or demoted):
  // the database's notification, not the next periodic round, closes the sockets.
  const stopWatchingChanges = container.auth.principals.onChange(() => void sessions.checkNow());
  const sockets = trackSubscriptions(container.metrics);
  const quota = new SocketQuota<object>();
  // Queries and mutations sent over websockets count against their caller as HTTP requests do (16 sockets
  // of 100 operations each would otherwise run 1,600 at once).
  const wsInFlight = new SocketQuota<object>(MAX_REQUESTS_IN_FLIGHT_PER_CALLER);
  const wsCleanup = useServer<Record<string, unknown>, { principal?: GraphQLContext['principal'] }>(
    {
      schema,
      // Every live operation is a listener on the invoice stream; one socket may not hold an unbounded number.
      onSubscribe: (ctx, _id, payload) =>
        Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET
          ? [
              new GraphQLError(
                `This connection already runs ${MAX_OPERATIONS_PER_SOCKET} operations; complete some before starting more.`,
                { extensions: { code: QUERY_TOO_COMPLEX } },
              ),
            ]
          : subscriptions.prepare(payload),
      subscribe: subscriptions.subscribe,
      execute: async (args) => {
        const principal = (args.contextValue as GraphQLContext).principal;
        const slot = {};
        if (principal && !wsInFlight.take(slot, principalKey(principal)))
          return {
            errors: [
              new GraphQLError(
                `Too many requests at once: at most ${MAX_REQUESTS_IN_FLIGHT_PER_CALLER} per caller may run together. Retry when one has been answered.`,
                { extensions: { code: 'RATE_LIMITED', retryAfter: 1 } },
              ),
            ],
          };
        try {
          return await execute(args);
        } finally {
          wsInFlight.release(slot);
        }
      },
      // Errors over WebSocket carry the same stable extensions.code (and field) as over HTTP.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) } : undefined,
      onConnect: async (ctx) => {
        const auth =
          typeof ctx.connectionParams?.authorization === 'string' ? ctx.connectionParams.authorization : undefined;
        const caller = await callerOf({ authorization: auth, cookie: ctx.extra.request.headers.cookie });
        const principal = caller?.principal;
        if (!principal) return false; // closes with 4403 Forbidden: subscriptions need a signed-in caller
        if (!quota.take(ctx.extra.socket, principalKey(principal))) {
          ctx.extra.socket.close(TOO_MANY_SOCKETS, `At most ${MAX_SOCKETS_PER_CALLER} live connections per caller`);
          return false;
        }
        // Closed while the caller was being looked up: its onClose has run already, so give the slot back here.
        if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) {
          quota.release(ctx.extra.socket);
          return false;
        }
        (ctx.extra as { principal?: unknown }).principal = principal;
        sessions.watch(ctx.extra.socket, caller.token, principal);
        sockets.opened(ctx);
        return true;
      },
      onClose: (ctx) => {
        quota.release(ctx.extra.socket);
        sockets.closed(ctx);
      },
      context: (ctx) =>
        buildContext(container, (ctx.extra as { principal?: GraphQLContext['principal'] }).principal ?? null, {
          // The client's address, not a proxy's on this host (rate limits count per address).
          ip: clientAddress(ctx.extra.request),
        }),
    },
    wss,
  );

  const fromSql = sqlAnswerer(schema, opts.sqlAnswers ?? []);
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: compiledExecution(schema, fromSql),
    formatError,
    introspection: true,
    // Settle stops on SIGTERM/SIGINT itself (main.ts: requests, jobs, listener, in order). Apollo's own
    // handler stopped it first and raised the signal again, so the process began two shutdowns, and the
    // one left waiting on Apollo's never finished.
    stopOnTerminationSignals: false,
    // Explicit, whatever NODE_ENV says: no stack traces in any response.
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: container.config.operationLimits.maxTokens },
    plugins: [
      graphqlMetricsPlugin(container.metrics),
      requestGuardsPlugin(schema, container.config.operationLimits),
      // Settle sets no cache hints; the default cache-control plugin would still hook every field.
      ApolloServerPluginCacheControlDisabled(),
      // Browsers get Settle's own GraphiQL (graphiql.ts), never Apollo's landing page from its CDN.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              sessions.dispose();
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const sqlAnswer = sqlAnswerRoute(
    schema,
    (opts.sqlAnswers ?? []).map((a) => a.field),
    fromSql,
    container.config.operationLimits,
    container.metrics,
  );
  const inFlight = new InFlightRequests();
  postGraphql = graphqlFastPath({ origins, caller: callerOf, sqlAnswer, express: app, inFlight });

  mountProbes(app, container, opts.readiness);
  for (const mount of opts.routes ?? []) mount(app);
  const webRoot = opts.webRoot ?? path.resolve(import.meta.dirname, '../../..');
  app.get('/graphql', graphiqlPage(path.join(webRoot, 'admin/dist')));
  app.use(
    '/graphql',
    resumeGraphqlPost,
    (req, res, next) => {
      if (!origins.isForgedCookieRequest(req.headers)) return next();
      logger.warn({ origin: req.headers.origin }, 'refused a cookie-carried GraphQL request from a foreign origin');
      res.status(403).json({
        errors: [
          {
            message: "Requests with a session cookie must come from Settle's own pages",
            extensions: { code: 'FORBIDDEN' },
          },
        ],
      });
    },
    // Read within the limit here, so a body declared or sent past it is refused at once, not read to its end.
    parsedBodyWithin(JSON_BODY_LIMIT_BYTES, express.json({ limit: JSON_BODY_LIMIT_BYTES }), tooLargeBody),
    async (req, res, next) => {
      if (res.locals.principal !== undefined) return next(); // the fast path knows the caller
      const caller = await callerOf(req.headers);
      if (!caller) {
        res.status(401).set('www-authenticate', 'Bearer error="invalid_token"');
        res.json({
          errors: [
            {
              message: 'This API token or session is not valid (unknown, expired or revoked)',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
        return;
      }
      Object.assign(res.locals, caller);
      next();
    },
    (req, res, next) => {
      if (inFlight.admit(req, res, res.locals.principal as GraphQLContext['principal'], req.ip ?? null)) next();
    },
    (req, res, next) => (triedSqlAnswer(req) ? next() : sqlAnswer(req, res, next)),
    expressMiddleware(apollo, {
      context: async ({ req, res }) =>
        buildContext(container, res.locals.principal ?? null, {
          token: res.locals.token,
          req,
          res,
          ip: req.ip,
          idempotencyKey: req.header('idempotency-key'),
        }),
    }),
  );

  serveSpa(app, '/portal', path.join(webRoot, 'portal/dist'));
  serveSpa(app, '/admin', path.join(webRoot, 'admin/dist'));
  app.get('/', (_req, res) => res.redirect('/admin/'));
  app.use(notFoundHandler);
  app.use(jsonErrorHandler);

  return {
    server,
    listen: (port, host) => listenOn(server, port, host),
    close: async () => {
      stopWatchingAccess();
      stopWatchingChanges();
      await apollo.stop();
      wss.close();
      await closeServer(server);
      logger.debug('http server closed');
    },
  };
}
