import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen } from '@settle/emulator-kit';
import { Store } from './core/store.js';
import { WebhookDelivery } from './webhooks/webhook-delivery.js';
import { createApiHandler } from './api/api-server.js';
import { allRoutes } from './api/all-routes.js';
import { handleOAuth } from './connection/oauth.js';
import { handleHosted } from './hosted/hosted-pages.js';
import { handleControl } from './control/control-api.js';
import { sweepExpired } from './checkout/checkout-actions.js';
import { settleAsyncPayment } from './payments/payments.js';
import { settleRefund } from './payments/refund-outcomes.js';
import { runPayoutSchedule } from './payments/payouts.js';
import { sendJson, sendHtml } from './core/http-util.js';
import { withClock } from './core/clock.js';
import { collectDueInvoices } from './invoices/auto-collection.js';
import type { AccountData } from './core/store.js';
import { silentLogger, type Actor, type Runtime, type StripeEmulatorOptions, type EmulatorLogger } from './runtime.js';

export type { StripeEmulatorOptions, EmulatorLogger } from './runtime.js';
export { accountIdForKey, publishableKeyFor } from './api/auth.js';
export { API_VERSION } from './core/wire-types.js';
export { signatureHeader } from './webhooks/webhook-signing.js';

export interface StripeEmulator {
  url: string;
  port: number;
  /** Resolves once all deliveries currently in flight have finished (handy in tests). */
  webhooksIdle(): Promise<void>;
  /** Runs every pending webhook retry now instead of waiting for the backoff. */
  flushWebhooks(): Promise<number>;
  runtime: Runtime;
  close(): Promise<void>;
}

/** How long an idle kept-alive socket stays open: past the 60 s idle timeout clients and proxies commonly use. */
const KEEP_ALIVE_MS = 65_000;

/** Stripe retries for up to 3 days with backoff; test mode "a few times over hours". */
const STRIPE_RETRY_SCHEDULE_MS = [5, 30, 60, 120, 300, 600, 900, 1440, 2880].map((m) => m * 60_000);

function defaultRetrySchedule(): number[] {
  const scale = Number(process.env.STRIPE_EMULATOR_RETRY_SCALE ?? '1');
  return STRIPE_RETRY_SCHEDULE_MS.map((ms) =>
    Math.max(1, Math.round(ms * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
  );
}

export async function createStripeEmulator(opts: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const logger: EmulatorLogger = opts.logger ?? silentLogger;
  const store = new Store(opts.stateFile);
  const rt = {
    store,
    baseUrl: '',
    logger,
    opts: {
      retryScheduleMs: opts.retryScheduleMs ?? defaultRetrySchedule(),
      rateLimitPerSecond: opts.rateLimitPerSecond ?? 25,
      asyncPaymentDelayMs: opts.asyncPaymentDelayMs ?? Number(process.env.STRIPE_EMULATOR_ASYNC_DELAY_MS ?? 5000),
      asyncRefundDelayMs: opts.asyncRefundDelayMs ?? Number(process.env.STRIPE_EMULATOR_ASYNC_REFUND_DELAY_MS ?? 5000),
      webhookTimeoutMs: opts.webhookTimeoutMs ?? 10_000,
    },
  } as Runtime;
  rt.clock = { frozenMs: () => store.state.frozenTimeMs ?? null };
  rt.delivery = new WebhookDelivery(rt);
  const asyncTimers = new Set<NodeJS.Timeout>();
  /** Runs `work` at `due` (ms) on the emulator's clock, as Stripe's own later work (no API request behind it). */
  const later = (acct: AccountData, due: number, work: (actor: Actor) => unknown) => {
    const t = setTimeout(
      () => {
        asyncTimers.delete(t);
        withClock(rt.clock, () => work({ rt, acct, request: { id: null, idempotency_key: null } }));
      },
      Math.max(0, due - Date.now()),
    );
    t.unref?.();
    asyncTimers.add(t);
  };
  rt.scheduleAsync = (acct, piId) =>
    later(acct, acct.pendingAsync[piId]?.dueAt ?? Date.now(), (actor) => settleAsyncPayment(actor, piId));
  rt.scheduleRefund = (acct, refundId) =>
    later(acct, acct.pendingRefunds?.[refundId]?.dueAt ?? Date.now(), (actor) => settleRefund(actor, refundId));

  const api = createApiHandler(rt, allRoutes());
  // Every request runs on this instance's clock (see core/clock.ts).
  const server = createServer((req: IncomingMessage, res: ServerResponse) =>
    withClock(rt.clock, () => serve(req, res)),
  );
  function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const p = url.pathname;
    const done = (err: unknown) => {
      logger.error('stripe emulator request failed', err);
      if (!res.headersSent) sendJson(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred' } });
    };
    try {
      if (p.startsWith('/v1/')) return void api(req, res, url).catch(done);
      if (p.startsWith('/oauth/')) return void handleOAuth(rt, req, res, url).catch(done);
      if (p.startsWith('/__emulator/')) return void handleControl(rt, req, res, url).catch(done);
      if (p.startsWith('/hosted/') || p.startsWith('/checkout/') || p.startsWith('/receipts/'))
        return void handleHosted(rt, req, res, url).catch(done);
      if (p === '/' || p === '') {
        return sendHtml(
          res,
          200,
          `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="data:,"><title>Stripe emulator</title><body style="font-family:system-ui;margin:2rem"><h1>Stripe emulator</h1><p>API base: <code>${rt.baseUrl}/v1</code>. Any <code>sk_test_…</code> key works.</p><p><a href="/__emulator/health">health</a></p></body>`,
        );
      }
      sendJson(res, 404, {
        error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${p}).` },
      });
    } catch (err) {
      done(err);
    }
  }
  // An idle kept-alive socket stays open longer than any client keeps one (the server must outlast the
  // client: with Node's 5 s, the emulator closed sockets a busy SDK then wrote a burst on, ECONNRESET).
  // close() still ends at once: closeServer drops every connection.
  server.keepAliveTimeout = KEEP_ALIVE_MS;

  const { port, url } = await listen(server, opts.port ?? 12111, host);
  rt.baseUrl = (opts.publicUrl ?? url).replace(/\/+$/, '');

  // Resume work persisted in the state file: webhook retries, pending bank debits and refunds.
  rt.delivery.resume();
  for (const acct of Object.values(store.state.accounts)) {
    for (const piId of Object.keys(acct.pendingAsync)) rt.scheduleAsync(acct, piId);
    for (const refundId of Object.keys(acct.pendingRefunds ?? {})) rt.scheduleRefund(acct, refundId);
  }
  // Expired Checkout Sessions and due automatic invoice payments, on the emulator's clock.
  const sweeper = setInterval(
    () =>
      withClock(rt.clock, () => {
        sweepExpired(rt);
        collectDueInvoices(rt);
      }),
    5_000,
  );
  sweeper.unref();
  const payoutEvery = opts.payoutScheduleMs ?? Number(process.env.STRIPE_EMULATOR_PAYOUT_SCHEDULE_MS ?? 86_400_000);
  const payoutTimer =
    payoutEvery > 0
      ? setInterval(
          () =>
            withClock(rt.clock, () => {
              for (const acct of Object.values(store.state.accounts))
                runPayoutSchedule({ rt, acct, request: { id: null, idempotency_key: null } });
            }),
          payoutEvery,
        )
      : null;
  payoutTimer?.unref();

  return {
    url,
    port,
    runtime: rt,
    webhooksIdle: () => rt.delivery.idle(),
    flushWebhooks: () => rt.delivery.flush(),
    async close() {
      clearInterval(sweeper);
      if (payoutTimer) clearInterval(payoutTimer);
      for (const t of asyncTimers) clearTimeout(t);
      rt.delivery.close();
      await closeServer(server);
      store.flush();
    },
  };
}
