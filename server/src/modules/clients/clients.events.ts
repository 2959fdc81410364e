import type { Actor } from '../../platform/actor.js';
import type { Client } from './client.entity.js';

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** A client was created (by hand or by an import). */
    'client.created': { orgId: string; actor: Actor; client: Client };
    /** A client's details changed (name, billing email, terms…): `before` is how they were. */
    'client.updated': { orgId: string; actor: Actor; client: Client; before: Client };
  }
}
