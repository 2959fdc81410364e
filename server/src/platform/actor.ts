/** The kind of actor; the audit module exposes it in GraphQL as the ActorType enum. */
export enum ActorType {
  USER = 'USER',
  TOKEN = 'TOKEN',
  PORTAL_USER = 'PORTAL_USER',
  SYSTEM = 'SYSTEM',
  PROVIDER = 'PROVIDER',
}

/** Who caused a change and through which door; every audit row and payment records it. */
export interface Actor {
  type: ActorType;
  id: string | null;
  label: string;
  source: 'api' | 'portal' | 'stripe' | 'quickbooks' | 'system';
}

export const SYSTEM_ACTOR: Actor = { type: ActorType.SYSTEM, id: null, label: 'Settle', source: 'system' };

export function providerActor(provider: 'stripe' | 'quickbooks', id: string | null): Actor {
  return { type: ActorType.PROVIDER, id, label: provider === 'stripe' ? 'Stripe' : 'QuickBooks', source: provider };
}
