import type { PaymentProvider } from './stripe-client.js';

/** What an event's effects may ask Stripe, with the org's own API client. */
export interface StripeReader {
  /**
   * The result of `fetch` for `key` (an object id and how it is read): asked once per claim however
   * many events name the object, a bounded number of requests in flight per org. Throws
   * 'Stripe is not connected' (retried later) when the org has no connection.
   */
  read<T>(key: string, fetch: (p: PaymentProvider) => Promise<T>): Promise<T>;
}

/** Requests in flight to one org's Stripe account while a claim is prepared (Stripe limits per account). */
export const PER_ORG_READS = 8;

/** A counting gate: at most `size` holders at once, the others queue in order. */
class Gate {
  private free: number;
  private readonly waiting: Array<() => void> = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * The Stripe reads of one claim: each (org, key) fetched once and shared by every event that needs it
 * (a completed and an async-succeeded event of one session, duplicates of one invoice), at most
 * `perOrg` requests in flight per org so one busy org neither trips its account's rate limit nor
 * starves the others. A failed read is shared too: its events are retried together.
 */
export class ClaimReads {
  private readonly cache = new Map<string, Promise<unknown>>();
  private readonly gates = new Map<string, Gate>();

  constructor(private readonly providerOf: (orgId: string) => Promise<PaymentProvider | null>, private readonly perOrg = PER_ORG_READS) {}

  for(orgId: string): StripeReader {
    return { read: (key, fetch) => this.read(orgId, key, fetch) };
  }

  private read<T>(orgId: string, key: string, fetch: (p: PaymentProvider) => Promise<T>): Promise<T> {
    const k = `${orgId} ${key}`;
    let hit = this.cache.get(k) as Promise<T> | undefined;
    if (!hit) {
      let gate = this.gates.get(orgId);
      if (!gate) this.gates.set(orgId, (gate = new Gate(this.perOrg)));
      hit = gate.run(async () => {
        const p = await this.providerOf(orgId);
        if (!p) throw new Error('Stripe is not connected');
        return fetch(p);
      });
      this.cache.set(k, hit);
    }
    return hit;
  }
}
