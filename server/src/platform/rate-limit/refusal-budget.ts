import type { RateRule } from './rate-limits.js';

/**
 * Refused requests per key (a client address, or an address and an endpoint: the caller chooses) on the
 * webhook endpoints. Stripe and Intuit sign every delivery, so an address whose requests keep failing
 * verification (or name no endpoint) is not them; past the rule's count in its window it is answered 429
 * before its body is read, since reading and hashing up to a megabyte a request is what a flood of forged
 * deliveries would cost. Kept in each process's memory: a refusal must not cost a database write, and the
 * bound only needs to be rough. Deliveries that verify never count, so a provider's own traffic is never
 * slowed by another address's forgeries.
 */
export class RefusalBudget {
  private readonly windows = new Map<string, { refusals: number; endsAt: number }>();

  constructor(
    private readonly rule: RateRule | null,
    /** Addresses tracked at most: beyond it the oldest windows are dropped (a spray of addresses costs memory only so far). */
    private readonly maxAddresses = 10_000,
  ) {}

  /** Seconds until `address` may be heard again; 0 while it is within its budget. */
  retryAfter(address: string, now = Date.now()): number {
    const w = this.rule && this.windows.get(address);
    if (!w || w.endsAt <= now || w.refusals < this.rule!.limit) return 0;
    return Math.max(1, Math.ceil((w.endsAt - now) / 1000));
  }

  /** Whether `address` has refusals counted in its current window. */
  counts(address: string, now = Date.now()): boolean {
    const w = this.windows.get(address);
    return w !== undefined && w.endsAt > now;
  }

  /** Counts one refusal of `address`. */
  refused(address: string, now = Date.now()): void {
    if (!this.rule) return;
    const w = this.windows.get(address);
    if (w && w.endsAt > now) {
      w.refusals++;
      return;
    }
    this.windows.delete(address);
    if (this.windows.size >= this.maxAddresses) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { refusals: 1, endsAt: now + this.rule.windowSeconds * 1000 });
  }
}
