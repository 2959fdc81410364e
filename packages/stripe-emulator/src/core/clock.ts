import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The emulator's clock, like a Stripe test clock: real time until the control API freezes it at a moment,
 * after which it only moves when advanced. Each emulator instance has its own (tests run several in one
 * process), so the clock of the instance serving a request is carried in async context and read by
 * `nowSeconds()` without threading it through every call.
 */
export interface Clock {
  /** The frozen time in ms, or null for real time. */
  frozenMs(): number | null;
}

const current = new AsyncLocalStorage<Clock>();

export function withClock<T>(clock: Clock, fn: () => T): T {
  return current.run(clock, fn);
}

export function nowMs(): number {
  return current.getStore()?.frozenMs() ?? Date.now();
}
