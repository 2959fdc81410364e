import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawRoute } from '../../app/settle-module.js';
import { readBodyWithin } from '../../http/body-limit.js';
import { clientAddress } from '../../http/client-address.js';
import { logger } from '../../platform/logger.js';
import { addressBlock } from '../../platform/rate-limit/address-block.js';
import type { RefusalBudget } from '../../platform/rate-limit/refusal-budget.js';
import { verifyWebhook } from './stripe-client.js';
import { WEBHOOK_EVENTS } from './stripe-webhook-events.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import type { WebhookTarget } from './stripe-webhook-targets.js';
import type { InboxWriter, DrainScheduler, EventScope } from './stripe-inbox.js';

const MAX_BODY = 1024 * 1024;
const ACK_NEW = Buffer.from('{"received":true,"duplicate":false}');
const ACK_DUPLICATE = Buffer.from('{"received":true,"duplicate":true}');
const ACK_IGNORED = Buffer.from('{"received":true,"ignored":true}');
/**
 * Types Settle subscribes to. Anything else (an endpoint made by hand in the dashboard for "all events")
 * is verified and answered 200, so Stripe stops sending it, but not stored: it would only crowd the inbox.
 */
const SUBSCRIBED = new Set<string>(WEBHOOK_EVENTS);

/**
 * POST /webhooks/stripe/{token}: raw body, verified with THAT org's signing secrets (one per Stripe
 * account + mode). Anything that does not verify, or names another account or mode than the secret it
 * verifies with, gets 400 and nothing is stored. The event is stored with that account + mode. A verified event is stored in the inbox (group commit:
 * events arriving together share one INSERT; duplicates ignored) and acknowledged; the worker applies
 * it. A verified event of a type Settle does not subscribe to is answered 200 and not stored. The hot
 * path is kept bare: a raw route (no Express), the body read as bytes, the answer a constant buffer,
 * nothing logged on success.
 */
export function stripeWebhookRoute(
  connections: StripeConnectionService,
  inbox: InboxWriter,
  scheduler: DrainScheduler,
  refusals: RefusalBudget,
): RawRoute {
  return { method: 'POST', prefix: '/webhooks/stripe/', handle: (req, res, token) => void receive(req, res, token) };

  async function receive(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    const from = addressBlock(clientAddress(req));
    // Refusals count per address AND endpoint: Stripe sends every org's events from the same few addresses,
    // so one org's dead endpoint (404) or stale secret (400) must not cut the others' deliveries. Tokens
    // no cached endpoint has also count per address, once per token: guessing many costs the guesser.
    const pair = `${from} ${token}`;
    const guesses = `stripe-unknown-tokens ${from}`;
    const wait =
      refusals.retryAfter(pair) || (connections.webhookTargetCached(token) ? 0 : refusals.retryAfter(guesses));
    if (wait) return tooMany(res, wait);
    // A 4xx is this address's request refused: counted against it (a 5xx is ours, and Stripe retries it).
    const refuse = (status: number, body: object, unknownToken = false) => {
      if (unknownToken && !refusals.counts(pair)) refusals.refused(guesses);
      refusals.refused(pair);
      reply(res, status, body);
    };
    try {
      const known = /^[\w-]+$/.test(token);
      const [cached, raw] = await Promise.all([
        known ? connections.webhookTarget(token) : null,
        readBodyWithin(req, MAX_BODY),
      ]);
      if (!raw) {
        res.shouldKeepAlive = false; // the rest of the body is not read: the connection closes behind the answer
        return refuse(413, { error: 'payload too large' });
      }
      let target = cached;
      let hit = target ? verified(raw, req, target) : null;
      // A secret or token changed by another Settle process: ask the database before refusing.
      if (!hit && target && Date.now() - target.at > 1_000) {
        target = await connections.webhookTarget(token, 0);
        if (target) hit = verified(raw, req, target);
      }
      if (!target) return refuse(404, { error: 'unknown webhook endpoint' }, true);
      if (!target.secrets.length) return refuse(400, { error: 'no signing secret configured for this endpoint' });
      if (!hit) {
        logger.warn({ orgId: target.orgId }, 'stripe webhook rejected: bad signature');
        return refuse(400, { error: 'signature verification failed' });
      }
      const { evt, scope } = hit;
      // The secret says which account + mode sent it; an event claiming another is not believed.
      if (evt.livemode !== scope.livemode || (evt.account && evt.account !== scope.accountId)) {
        logger.warn(
          {
            orgId: target.orgId,
            eventId: evt.id,
            account: evt.account,
            livemode: evt.livemode,
            secretAccount: scope.accountId,
          },
          'stripe webhook rejected: account or mode does not match its signing secret',
        );
        return refuse(400, { error: 'the event names another Stripe account or mode than its signing secret' });
      }
      if (!SUBSCRIBED.has(evt.type)) {
        res
          .writeHead(200, { 'content-type': 'application/json', 'content-length': ACK_IGNORED.length })
          .end(ACK_IGNORED);
        return;
      }
      const fresh = await inbox.write(target.orgId, evt, raw.toString('utf8'), scope);
      const ack = fresh ? ACK_NEW : ACK_DUPLICATE;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': ack.length }).end(ack);
      if (fresh) scheduler.kick();
    } catch (err) {
      logger.error({ err }, 'stripe webhook failed');
      // Not stored: Stripe will retry.
      if (!res.headersSent) reply(res, 500, { error: 'temporarily unavailable' });
    }
  }
}

/**
 * The event and the account + mode of the secret it verifies against (Stripe-Signature header), else
 * null. The current account's secret is tried first; the others are those of accounts the org switched
 * away from recently, so their events still in flight verify (and are stored, not booked).
 */
function verified(
  raw: Buffer,
  req: IncomingMessage,
  target: WebhookTarget,
): { evt: ReturnType<typeof verifyWebhook>; scope: EventScope } | null {
  const header = req.headers['stripe-signature'];
  const sig = Array.isArray(header) ? header[0] : header;
  for (const s of target.secrets) {
    try {
      return { evt: verifyWebhook(raw, sig, s.secret), scope: s.scope };
    } catch {
      // Not this one.
    }
  }
  return null;
}

/** Past its refusal budget: answered at once, the body left unread, the connection closed behind it. */
function tooMany(res: ServerResponse, retryAfter: number): void {
  res.shouldKeepAlive = false;
  res
    .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) })
    .end(JSON.stringify({ error: 'too many refused deliveries from this address; try again later' }));
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
