import type { Actor } from '../../platform/actor.js';

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /**
     * A contract ended early and the credit for its unused time is more than the client's next invoice
     * (which then totals zero): `amount` (minor units) stays with the client as credit on the account.
     */
    'contract.end-credit-kept': {
      orgId: string;
      actor: Actor;
      clientId: string;
      currency: string;
      invoiceId: string;
      amount: number;
    };
  }
}

export {};
