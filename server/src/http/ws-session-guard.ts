import type { WebSocket } from 'ws';
import { logger } from '../platform/logger.js';
import type { Principal } from '../modules/auth/principal.js';

/** graphql-ws treats 4401 as fatal: the client does not reconnect with the dead credentials. */
export const SESSION_ENDED_CLOSE = { code: 4401, reason: 'Session ended' } as const;

interface Watched {
  socket: WebSocket;
  token: string | undefined;
  principal: Principal;
}

/**
 * Live subscriptions end when the caller's access does. A websocket signs in once (connection_init),
 * so after that its token is resolved again every `intervalMs`, and at once after a logout or a token
 * revocation in this process (`checkNow`). A socket whose token no longer resolves to the same caller
 * (session ended or expired, user disabled, token revoked, role changed) is closed. Sessions ended in
 * another Settle process are caught by the next round.
 */
export class WebSocketSessionGuard {
  private readonly watched = new Set<Watched>();
  private readonly timer: NodeJS.Timeout;
  private checking: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly resolve: (token: string | undefined) => Promise<Principal | null>,
    intervalMs = 15_000,
  ) {
    this.timer = setInterval(() => void this.checkNow(), intervalMs);
    this.timer.unref();
  }

  watch(socket: WebSocket, token: string | undefined, principal: Principal): void {
    const w = { socket, token, principal };
    this.watched.add(w);
    socket.once('close', () => this.watched.delete(w));
  }

  /**
   * Closes the sockets whose caller changed; resolves to how many. One round at a time: a call during a
   * round (a logout just after its token was looked at) gets one more round right after it.
   */
  checkNow(): Promise<number> {
    if (this.checking) {
      this.again = true;
      return this.checking;
    }
    this.checking = (async () => {
      let closed = 0;
      do {
        this.again = false;
        closed += await this.round();
      } while (this.again);
      return closed;
    })().finally(() => (this.checking = null));
    return this.checking;
  }

  private async round(): Promise<number> {
    // One lookup per token, however many sockets (tabs) share it.
    const byToken = new Map<string | undefined, Watched[]>();
    for (const w of this.watched) {
      const sockets = byToken.get(w.token);
      if (sockets) sockets.push(w);
      else byToken.set(w.token, [w]);
    }
    let closed = 0;
    for (const [token, sockets] of byToken) {
      let now: Principal | null;
      try {
        now = await this.resolve(token);
      } catch (err) {
        // The database being away is not the caller's doing: keep the sockets, look again next round.
        logger.warn({ err: (err as Error).message }, 'could not re-check websocket sessions');
        return closed;
      }
      for (const w of sockets) {
        if (now && samePrincipal(now, w.principal)) continue;
        w.socket.close(SESSION_ENDED_CLOSE.code, SESSION_ENDED_CLOSE.reason);
        this.watched.delete(w);
        closed++;
      }
    }
    if (closed) logger.info({ closed }, 'closed subscriptions whose session ended');
    return closed;
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}

/** The same caller with the same reach: what a subscription's filters were decided on. */
function samePrincipal(a: Principal, b: Principal): boolean {
  if (a.kind !== b.kind || a.orgId !== b.orgId) return false;
  switch (a.kind) {
    case 'user':
      return b.kind === 'user' && a.userId === b.userId && a.role === b.role;
    case 'token':
      // What a token acts as follows its creator's role now: a socket opened as admin must not stay admin.
      return b.kind === 'token' && a.tokenId === b.tokenId && a.scope === b.scope;
    case 'portal':
      return b.kind === 'portal' && a.portalUserId === b.portalUserId && a.clientId === b.clientId;
  }
}
