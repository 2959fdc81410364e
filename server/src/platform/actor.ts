import { stringEnum } from './string-enum.js';

/** The kind of actor; the audit module exposes it in GraphQL as the ActorType enum. */
export const ActorType = stringEnum('USER', 'TOKEN', 'PORTAL_USER', 'SYSTEM', 'PROVIDER');
export type ActorType = keyof typeof ActorType;

/** Who caused a change and through which door; every audit row and payment records it. */
export interface Actor {
  type: ActorType;
  id: string | null;
  label: string;
  /** 'admin': a signed-in person in the admin app (session cookie); 'api': a bearer token, person or integrator. */
  source: 'admin' | 'api' | 'portal' | 'stripe' | 'quickbooks' | 'system';
}

/** How the audit trail names a source to people: the app they used, not the transport. */
export const SOURCE_LABELS: Record<Actor['source'], string> = {
  admin: 'Admin app',
  portal: 'Client portal',
  api: 'API',
  stripe: 'Stripe',
  quickbooks: 'QuickBooks',
  system: 'Settle',
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source as Actor['source']] ?? source;
}

export const SYSTEM_ACTOR: Actor = { type: ActorType.SYSTEM, id: null, label: 'Settle', source: 'system' };

export function providerActor(provider: 'stripe' | 'quickbooks', id: string | null): Actor {
  return { type: ActorType.PROVIDER, id, label: provider === 'stripe' ? 'Stripe' : 'QuickBooks', source: provider };
}
