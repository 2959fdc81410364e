// Everything route modules share, created once per emulator instance.
import type { Clock } from './clock.js';
import type { FaultInjector } from './faults.js';
import type { OAuthService } from './oauth-tokens.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Store } from './store.js';
import type { EmulatorLogger } from './types.js';
import type { WebhookDelivery } from './webhook-delivery.js';

export interface EmulatorContext {
  store: Store;
  clock: Clock;
  oauth: OAuthService;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  webhooks: WebhookDelivery;
  logger?: EmulatorLogger;
  publicUrl(): string;
  /** Sockets held open by injected 'timeout' faults; destroyed on close(). */
  hanging: Set<import('node:net').Socket>;
}
