import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type Stripe from 'stripe';

/** The longest a socket to Stripe (or the emulator) waits idle in Settle's pool before Settle closes it. */
export const STRIPE_SOCKET_IDLE_MS = 30_000;

/**
 * The SDK's keep-alive pools, one per protocol, shared by every organization's client (as the SDK's own
 * default agents are). The SDK's default agent keeps an idle socket until the server closes it, and ignores
 * the server's `Keep-Alive: timeout=N` (Node's agent reads it only when it has an idle timeout of its own):
 * a burst sent while the server was closing idle sockets went out on them and failed with ECONNRESET, each
 * request retried after the SDK's backoff. These close an idle socket first: after STRIPE_SOCKET_IDLE_MS, or
 * one second before the server's announced timeout when that is sooner. All else is the SDK's default.
 */
const agents = {
  http: new HttpAgent({ keepAlive: true, timeout: STRIPE_SOCKET_IDLE_MS }),
  https: new HttpsAgent({ keepAlive: true, timeout: STRIPE_SOCKET_IDLE_MS }),
};

/**
 * SDK options pointing at STRIPE_API_URL when set; otherwise the SDK's defaults (real Stripe). Three
 * retries: the SDK retries a 429 (Stripe-Should-Retry) and network errors with exponential backoff, which
 * rides out a short rate-limit burst; past that the caller answers "Stripe is busy".
 */
export function sdkConfig(apiUrl: string | undefined, maxNetworkRetries = 3): Stripe.StripeConfig {
  const cfg: Stripe.StripeConfig = { maxNetworkRetries, telemetry: false, timeout: 20_000, httpAgent: agents.https };
  if (apiUrl) {
    const u = new URL(apiUrl);
    cfg.host = u.hostname;
    cfg.port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
    cfg.protocol = u.protocol.replace(':', '') as 'http' | 'https';
    cfg.httpAgent = agents[cfg.protocol];
  }
  return cfg;
}
