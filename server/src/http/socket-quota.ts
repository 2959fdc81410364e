/**
 * Live websockets one caller (a person, a portal user, an API token) may hold on this process. Each may
 * carry MAX_OPERATIONS_PER_SOCKET subscriptions, every one a listener each invoice change is filtered
 * through: 40 sockets of one portal user held 4,000. Sixteen covers a person with many tabs open.
 */
export const MAX_SOCKETS_PER_CALLER = 16;

/** Close code for a socket refused because its caller holds too many (4429, as graphql-ws names 4xxx codes). */
export const TOO_MANY_SOCKETS = 4429;

/** Counts live sockets per caller; `take` refuses past the limit, `release` gives a slot back once. */
export class SocketQuota<S extends object> {
  private readonly counts = new Map<string, number>();
  private readonly holders = new WeakMap<S, string>();
  constructor(private readonly max = MAX_SOCKETS_PER_CALLER) {}

  take(socket: S, key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.max) return false;
    this.counts.set(key, n + 1);
    this.holders.set(socket, key);
    return true;
  }

  release(socket: S): void {
    const key = this.holders.get(socket);
    if (key === undefined) return;
    this.holders.delete(socket);
    const n = (this.counts.get(key) ?? 1) - 1;
    if (n > 0) this.counts.set(key, n);
    else this.counts.delete(key);
  }
}
