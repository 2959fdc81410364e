import type { Actor } from '../../platform/actor.js';
import type { Invoice } from './invoice.entity.js';

/** Who changed which invoice. */
export interface InvoiceChange {
  orgId: string;
  actor: Actor;
  invoice: Invoice;
}

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** First send of a draft: lines are final; `destinations` says where it goes (EMAIL, STRIPE, QUICKBOOKS). */
    'invoice.finalized': InvoiceChange & { destinations: string[] };
    /**
     * A draft made by generation from approved time. `destinations` are where the generation asked it to
     * go at once (QUICKBOOKS); null: it did not say, so each integration's own setting decides.
     */
    'invoice.generated': InvoiceChange & { destinations: string[] | null };
    'invoice.draft-updated': InvoiceChange;
    'invoice.voided': InvoiceChange;
    /** No longer payable online (the balance stays owed): live payment links must go. */
    'invoice.marked-uncollectible': InvoiceChange;
  }
}
