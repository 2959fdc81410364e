import type { ListenedChannel } from '../../platform/events/invoice-events.js';
import type { Principal } from './principal.js';

/** How long a resolved caller is reused at most; revocation clears it at once (see below). */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

/** The PostgreSQL channel the auth tables' triggers notify on any change that can end or alter access. */
export const AUTH_CHANGED_CHANNEL = 'settle_auth_changed';

/**
 * Resolved callers by token hash, so a request skips the session or token lookup. Revocation stays
 * immediate: triggers on sessions, API tokens, users and portal users NOTIFY on every change that can end
 * or alter access (migration 0031), and every API process clears its cache on that notification.
 * The cache serves only while that LISTEN connection is up (NOTIFYs sent while it is down are lost), and
 * a lookup that began before a clear is not stored after it (the generation check), so a revoked token
 * is never put back by a request that read it just before the revocation committed.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();
  private live = false;
  private gen = 0;
  /** Told of every such change (and of a LISTEN back after a gap): open websockets re-check their caller. */
  private readonly watchers = new Set<() => void>();

  /** Taken before a lookup; `set` stores the result only if nothing was cleared since. */
  get generation(): number {
    return this.gen;
  }

  get(tokenHash: string): Principal | undefined {
    if (!this.live) return undefined;
    const hit = this.entries.get(tokenHash);
    if (!hit) return undefined;
    if (hit.until > Date.now()) return hit.principal;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, principal: Principal, generation: number, expiresAt?: Date): void {
    if (!this.live || generation !== this.gen) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const until = Math.min(Date.now() + TTL_MS, expiresAt?.getTime() ?? Infinity);
    this.entries.set(tokenHash, { principal, until });
  }

  clear(): void {
    this.gen++;
    this.entries.clear();
  }

  /** Whether change notifications arrive: the cache is used only while they do, and starts empty each time. */
  setLive(live: boolean): void {
    this.live = live;
    this.clear();
  }

  /**
   * Calls `f` on every change any process (or statement) made to access, and when the LISTEN connection
   * is back after a gap that may have lost some; returns how to stop.
   */
  onChange(f: () => void): () => void {
    this.watchers.add(f);
    return () => this.watchers.delete(f);
  }

  /** What the process's LISTEN connection hears for this cache. */
  channel(): ListenedChannel {
    const changed = () => {
      for (const f of this.watchers) f();
    };
    return {
      channel: AUTH_CHANGED_CHANNEL,
      onNotify: () => {
        this.clear();
        changed();
      },
      onListening: (l) => {
        this.setLive(l);
        if (l) changed();
      },
    };
  }
}
