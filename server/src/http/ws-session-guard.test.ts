import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../modules/auth/principal.js';
import { WebSocketSessionGuard } from './ws-session-guard.js';

/** A socket as the guard sees it: closable, and telling when it closed. */
class FakeSocket extends EventEmitter {
  closedWith: number | null = null;
  close(code: number): void {
    this.closedWith = code;
    this.emit('close');
  }
}

const owner: Principal = { kind: 'user', orgId: 'o1', userId: 'u1', role: 'OWNER', name: 'O', email: 'o@x.test' };
const watchSocket = (guard: WebSocketSessionGuard, token: string, principal: Principal) => {
  const socket = new FakeSocket();
  guard.watch(socket as unknown as WebSocket, token, principal);
  return socket;
};

describe('WebSocketSessionGuard', () => {
  it('closes only the sockets whose token no longer resolves to the same caller and role', async () => {
    const now = new Map<string, Principal | null>([
      ['kept', owner],
      ['ended', null],
      ['demoted', { ...owner, role: 'TECHNICIAN' }],
    ]);
    const looked: string[] = [];
    const guard = new WebSocketSessionGuard(async (t) => (looked.push(t!), now.get(t!) ?? null), 60_000);
    const kept = [watchSocket(guard, 'kept', owner), watchSocket(guard, 'kept', owner)];
    const ended = watchSocket(guard, 'ended', owner);
    const demoted = watchSocket(guard, 'demoted', owner);
    expect(await guard.checkNow()).toBe(2);
    expect(kept.map((s) => s.closedWith)).toEqual([null, null]);
    expect([ended.closedWith, demoted.closedWith]).toEqual([4401, 4401]);
    expect(looked.sort()).toEqual(['demoted', 'ended', 'kept']); // one lookup per token, not per socket
    guard.dispose();
  });

  it('runs one more round when asked during a round, so a logout just after its lookup is not missed', async () => {
    let valid = true;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const guard = new WebSocketSessionGuard(async () => {
      const answer = valid ? owner : null;
      await gate;
      return answer;
    }, 60_000);
    const socket = watchSocket(guard, 't', owner);
    const first = guard.checkNow(); // looks the token up while it is still valid
    valid = false; // the logout lands now
    const second = guard.checkNow();
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(socket.closedWith).toBe(4401);
    guard.dispose();
  });

  it('keeps the sockets when the lookup itself fails', async () => {
    const guard = new WebSocketSessionGuard(async () => {
      throw new Error('database unavailable');
    }, 60_000);
    const socket = watchSocket(guard, 't', owner);
    expect(await guard.checkNow()).toBe(0);
    expect(socket.closedWith).toBeNull();
    guard.dispose();
  });
});
