import { ActorType } from '../audit/audit-event.entity.js';
import type { Actor } from '../../platform/actor.js';
import type { Role } from './user.entity.js';
import type { TokenScope } from '../../graphql/access-policy.js';

/**
 * Who is calling the API. Resolved once per request from the session cookie or bearer token. `inApp`: the
 * session came as the cookie, which only Settle's own pages carry (the server refuses it from other
 * origins), so the change was made in the admin app or portal rather than by a script with a token.
 */
export type Principal =
  | { kind: 'user'; orgId: string; userId: string; role: Role; name: string; email: string; inApp?: boolean }
  | { kind: 'token'; orgId: string; tokenId: string; name: string; scope: TokenScope }
  | {
      kind: 'portal';
      orgId: string;
      portalUserId: string;
      clientId: string;
      name: string;
      email: string;
      inApp?: boolean;
    };

/** The caller, marked as in one of Settle's apps when its session came as the cookie (not a bearer header). */
export function markInApp(p: Principal | null, cameAsCookie: boolean): Principal | null {
  return p && cameAsCookie && p.kind !== 'token' ? { ...p, inApp: true } : p;
}

/** Who the caller is, as one string (`user:…`, `token:…`, `portal:…`): what is counted or scoped per caller. */
export function principalKey(p: Principal): string {
  switch (p.kind) {
    case 'user':
      return `user:${p.userId}`;
    case 'token':
      return `token:${p.tokenId}`;
    case 'portal':
      return `portal:${p.portalUserId}`;
  }
}

export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'user':
      return {
        type: ActorType.USER,
        id: p.userId,
        label: `${p.name} <${p.email}>`,
        source: p.inApp ? 'admin' : 'api',
      };
    case 'token':
      return { type: ActorType.TOKEN, id: p.tokenId, label: `API token "${p.name}"`, source: 'api' };
    case 'portal':
      return {
        type: ActorType.PORTAL_USER,
        id: p.portalUserId,
        label: `${p.name} <${p.email}> (portal)`,
        source: 'portal',
      };
  }
}
