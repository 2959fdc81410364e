import { ActorType } from '../audit/audit-event.entity.js';
import type { Actor } from '../../platform/actor.js';
import type { Role } from './user.entity.js';
import type { TokenScope } from '../../graphql/access-policy.js';

/** Who is calling the API. Resolved once per request from the session cookie or bearer token. */
export type Principal =
  | { kind: 'user'; orgId: string; userId: string; role: Role; name: string; email: string }
  | { kind: 'token'; orgId: string; tokenId: string; name: string; scope: TokenScope }
  | { kind: 'portal'; orgId: string; portalUserId: string; clientId: string; name: string; email: string };

export function actorOf(p: Principal): Actor {
  switch (p.kind) {
    case 'user':
      return { type: ActorType.USER, id: p.userId, label: `${p.name} <${p.email}>`, source: 'api' };
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
