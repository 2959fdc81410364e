import type { ListPage, StripeApi } from './stripe-client.js';

/** What an event's effects may ask Stripe, with the org's own API client. */
export interface StripeReader {
  /**
   * The result of `fetch` for `key` (an object id and how it is read): asked once per claim however
   * many events name the object, a bounded number of requests in flight per org. Throws
   * 'Stripe is not connected' (retried later) when the org has no connection.
   */
  read<T>(key: string, fetch: (p: StripeApi) => Promise<T>): Promise<T>;
}

/** Requests in flight to one org's Stripe account while a claim is prepared (Stripe limits per account). */
export const PER_ORG_READS = 8;
/** Objects of one kind and org a claim needs before one list call replaces their retrieves. */
export const LIST_FROM = 2;
/** Pages of 100 a list may read looking for a claim's objects; any not found is retrieved on its own. */
const MAX_LIST_PAGES = 3;

/** Objects of one kind a claim needs, by id and creation time (from the payloads: only a hint for the list's range). */
export interface ListedObjects<T extends { id: string }> {
  /** Cache key of an object: the key its `read` uses, so the read finds what the list brought. */
  key: (id: string) => string;
  wanted: Array<{ id: string; created: number }>;
  list: (p: StripeApi, page: ListPage) => Promise<{ data: T[]; hasMore: boolean }>;
}

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
  /** Objects a list call is bringing (undefined when the list did not have one: it is then retrieved). */
  private readonly listed = new Map<string, Promise<unknown>>();
  private readonly gates = new Map<string, Gate>();

  constructor(
    private readonly providerOf: (orgId: string) => Promise<StripeApi | null>,
    private readonly perOrg = PER_ORG_READS,
  ) {}

  for(orgId: string): StripeReader {
    return { read: (key, fetch) => this.read(orgId, key, fetch) };
  }

  /**
   * Many objects of one kind of one org asked with list calls (by creation time, newest first) instead
   * of one retrieve each: a claim's events mostly name objects made around the same time. A list answers
   * with the same authority as a retrieve (the org's own key, Stripe's current state); an object the
   * list does not bring (outside the range the payloads claim, or past the pages read) and a list that
   * fails fall back to the object's own read. Below LIST_FROM objects, nothing is listed.
   */
  prefetch<T extends { id: string }>(orgId: string, objects: ListedObjects<T>): void {
    const wanted = objects.wanted.filter(
      (w) => !this.cache.has(`${orgId} ${objects.key(w.id)}`) && !this.listed.has(`${orgId} ${objects.key(w.id)}`),
    );
    const ids = new Set(wanted.map((w) => w.id));

    if (ids.size < LIST_FROM) return;
    const page = { gte: Math.min(...wanted.map((w) => w.created)), lte: Math.max(...wanted.map((w) => w.created)) };
    const found = this.gate(orgId)
      .run(async () => {
        const p = await this.providerOf(orgId);
        const out = new Map<string, T>();
        if (!p) return out;
        let startingAfter: string | undefined;
        for (let n = 0; n < MAX_LIST_PAGES; n++) {
          const r = await objects.list(p, { ...page, startingAfter });
          for (const o of r.data) if (ids.has(o.id)) out.set(o.id, o);
          if (!r.hasMore || !r.data.length || out.size === ids.size) break;
          startingAfter = r.data[r.data.length - 1]!.id;
        }
        return out;
      })
      .catch(() => new Map<string, T>());
    for (const id of ids)
      this.listed.set(
        `${orgId} ${objects.key(id)}`,
        found.then((m) => m.get(id)),
      );
  }

  private gate(orgId: string): Gate {
    let gate = this.gates.get(orgId);
    if (!gate) this.gates.set(orgId, (gate = new Gate(this.perOrg)));
    return gate;
  }

  private read<T>(orgId: string, key: string, fetch: (p: StripeApi) => Promise<T>): Promise<T> {
    const k = `${orgId} ${key}`;
    let hit = this.cache.get(k) as Promise<T> | undefined;
    if (!hit) {
      const one = () =>
        this.gate(orgId).run(async () => {
          const p = await this.providerOf(orgId);
          if (!p) throw new Error('Stripe is not connected');
          return fetch(p);
        });
      const listed = this.listed.get(k) as Promise<T | undefined> | undefined;
      hit = listed ? listed.then((o) => o ?? one()) : one();
      this.cache.set(k, hit);
    }
    return hit;
  }
}
