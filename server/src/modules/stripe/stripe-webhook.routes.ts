import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RawRoute } from '../../app/container.js';
import { logger } from '../../platform/logger.js';
import { verifyWebhook, WEBHOOK_EVENTS } from './stripe-client.js';
import type { StripeConnectionService } from './stripe-connection.service.js';
import type { InboxWriter, DrainScheduler } from './stripe-inbox.js';

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
 * POST /webhooks/stripe/{token}: raw body, verified with THAT org's signing secret. Anything that does
 * not verify gets 400 and nothing is stored. A verified event is stored in the inbox (group commit:
 * events arriving together share one INSERT; duplicates ignored) and acknowledged; the worker applies
 * it. A verified event of a type Settle does not subscribe to is answered 200 and not stored. The hot
 * path is kept bare: a raw route (no Express), the body read as bytes, the answer a constant buffer,
 * nothing logged on success.
 */
export function stripeWebhookRoute(connections: StripeConnectionService, inbox: InboxWriter, scheduler: DrainScheduler): RawRoute {
  return { method: 'POST', prefix: '/webhooks/stripe/', handle: (req, res, token) => void receive(req, res, token) };

  async function receive(req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
    try {
      const known = /^[\w-]+$/.test(token);
      const [cached, raw] = await Promise.all([known ? connections.webhookTarget(token) : null, readBody(req)]);
      if (!raw) return reply(res, 413, { error: 'payload too large' });
      let target = cached;
      let evt = target?.secret ? verified(raw, req, target.secret) : null;
      // A secret or token changed by another Settle process: ask the database before refusing.
      if (!evt && target && Date.now() - target.at > 1_000) {
        target = await connections.webhookTarget(token, 0);
        if (target?.secret) evt = verified(raw, req, target.secret);
      }
      if (!target) return reply(res, 404, { error: 'unknown webhook endpoint' });
      if (!target.secret) return reply(res, 400, { error: 'no signing secret configured for this endpoint' });
      if (!evt) {
        logger.warn({ orgId: target.orgId }, 'stripe webhook rejected: bad signature');
        return reply(res, 400, { error: 'signature verification failed' });
      }
      if (!SUBSCRIBED.has(evt.type)) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': ACK_IGNORED.length }).end(ACK_IGNORED);
        return;
      }
      const fresh = await inbox.write(target.orgId, evt, raw.toString('utf8'));
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

/** The event when the body verifies against the secret (Stripe-Signature header), else null. */
function verified(raw: Buffer, req: IncomingMessage, secret: string): ReturnType<typeof verifyWebhook> | null {
  const sig = req.headers['stripe-signature'];
  try {
    return verifyWebhook(raw, Array.isArray(sig) ? sig[0] : sig, secret);
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** The raw request body, or null past MAX_BODY (the signature covers exactly these bytes). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
