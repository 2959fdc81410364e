// Per-realm sliding one-minute window (QBO: 500 requests/minute per realm+app → 429).
// Uses the emulator clock so advancing it also clears the window.
import type { Clock } from './clock.js';

export class RateLimiter {
  private hits = new Map<string, number[]>();
  constructor(
    private clock: Clock,
    public perMinute: number,
  ) {}

  /** Records the hit and returns false when the realm is over its budget. */
  allow(realmId: string): boolean {
    const now = this.clock.now();
    const list = (this.hits.get(realmId) ?? []).filter((t) => t > now - 60_000);
    if (list.length >= this.perMinute) {
      this.hits.set(realmId, list);
      return false;
    }
    list.push(now);
    this.hits.set(realmId, list);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }
}
