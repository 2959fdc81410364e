// QuickBooks Online emulator: a local, stateful QBO (OAuth 2.0 + v3 Accounting API +
// webhooks + Pay Now portal) that the real node-quickbooks / intuit-oauth SDKs talk to.
// See README.md in this folder for endpoints, control API and form fields.
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';
import { closeServer, listen } from '@settle/emulator-kit';
import { Clock } from './clock.js';
import type { EmulatorContext } from './context.js';
import { credentialsOf, registerControlApi } from './control-api.js';
import { FaultInjector } from './faults.js';
import { type Req, Router, readBody, sendJson } from './http-utils.js';
import { parseQueryLenient } from './http-utils.js';
import { OAuthService } from './oauth-tokens.js';
import { registerOAuthRoutes } from './oauth.routes.js';
import { registerIndexPage } from './index-page.js';
import { handlePayNow } from './pay-now-page.js';
import { RateLimiter } from './rate-limiter.js';
import { Store } from './store.js';
import type { EmulatorCredentials, QuickBooksEmulator, QuickBooksEmulatorOptions } from './types.js';
import { handleV3 } from './v3.routes.js';
import { WebhookDelivery } from './webhook-delivery.js';

export type { EmulatorCredentials, QuickBooksEmulator, QuickBooksEmulatorOptions } from './types.js';
export { signWebhookPayload, verifyWebhookSignature } from './webhook-signature.js';
export { DECLINED_CARD } from './pay-now-page.js';

export const DEFAULT_PORT = 12112;

export async function createQuickBooksEmulator(opts: QuickBooksEmulatorOptions = {}): Promise<QuickBooksEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const clock = new Clock();
  const store = new Store(opts, clock);
  let publicUrl = opts.publicUrl?.replace(/\/$/, '');
  const ctx: EmulatorContext = {
    store,
    clock,
    oauth: new OAuthService(store, clock),
    faults: new FaultInjector(),
    rateLimiter: new RateLimiter(clock, opts.ratePerMinute ?? 500),
    webhooks: new WebhookDelivery(store, clock, opts.webhook?.retryScheduleMs, opts.logger),
    logger: opts.logger,
    publicUrl: () => publicUrl ?? '',
    hanging: new Set<Socket>(),
  };
  const router = new Router();
  registerOAuthRoutes(router, ctx);
  registerControlApi(router, ctx);
  registerIndexPage(router, ctx);
  router.on('GET', '/portal/app/CommerceNetwork/view/:token', (req, res) => handlePayNow(ctx, req, res));
  router.on('POST', '/portal/app/CommerceNetwork/view/:token', (req, res) => handlePayNow(ctx, req, res));

  const handle = async (raw: IncomingMessage, res: ServerResponse) => {
    try {
      const url = raw.url ?? '/';
      const qi = url.indexOf('?');
      const req: Req = {
        raw,
        method: (raw.method ?? 'GET').toUpperCase(),
        path: qi < 0 ? url : url.slice(0, qi),
        query: parseQueryLenient(qi < 0 ? '' : url.slice(qi + 1)),
        headers: raw.headers,
        body: await readBody(raw),
        params: {},
      };
      if (/^\/v3\/company\/[^/]+\//i.test(req.path)) return await handleV3(ctx, req, res);
      const m = router.match(req.method, req.path);
      if (!m) return sendJson(res, 404, { error: 'not_found', path: req.path });
      req.params = m.params;
      await m.handler(req, res);
    } catch (e) {
      opts.logger?.warn('quickbooks emulator: unhandled error', e);
      if (!res.headersSent)
        sendJson(res, 500, { error: 'internal_error', message: String((e as Error)?.message ?? e) });
      else res.end();
    }
  };
  const server = createServer((raw, res) => void handle(raw, res));

  const { port, url } = await listen(server, opts.port ?? DEFAULT_PORT, host);
  publicUrl ??= url;
  const c = credentialsOf(ctx);
  const credentials: EmulatorCredentials = {
    realmId: c.realmId,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    accessToken: c.accessToken,
    refreshToken: c.refreshToken,
    webhookVerifierToken: c.webhookVerifierToken,
  };
  store.saveNow();
  opts.logger?.info(`quickbooks emulator listening on ${url} (realm ${credentials.realmId})`);

  return {
    url,
    port,
    credentials,
    async close() {
      ctx.webhooks.close();
      for (const s of ctx.hanging) s.destroy();
      store.saveNow();
      await closeServer(server);
    },
  };
}
