import type { Actor } from '../../platform/actor.js';
import type { InvoiceLine } from './invoice-line.entity.js';
import type { Invoice } from './invoice.entity.js';

/** Who changed which invoice. */
export interface InvoiceChange {
  orgId: string;
  actor: Actor;
  invoice: Invoice;
}

/** Who changed which invoices, all of one org: the billing run drafts and finalizes many in one transaction. */
export interface InvoicesChange {
  orgId: string;
  actor: Actor;
  invoices: Invoice[];
}

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /**
     * First send of drafts: lines are final; `destinations` says where they go (EMAIL, STRIPE, QUICKBOOKS).
     * One event per batch, so a reaction reads what it needs once for all of them.
     */
    'invoice.finalized': InvoicesChange & { destinations: string[] };
    /**
     * Drafts made by generation from approved time (or by the billing run). `destinations` are where the
     * generation asked them to go at once (QUICKBOOKS); null: it did not say, so each integration's own
     * setting decides.
     */
    'invoice.generated': InvoicesChange & { destinations: string[] | null };
    /** A draft made by hand (createInvoice); generation and billing runs emit invoice.generated instead. */
    'invoice.created': InvoiceChange;
    /** Invoices sent: the first send of drafts (after invoice.finalized) and every resend. */
    'invoice.sent': InvoicesChange;
    'invoice.draft-updated': InvoiceChange;
    /**
     * Lines removed from a draft (emitted before their rows are deleted): what they billed is no longer
     * billed, so whoever recorded work as billed by them (a contract's periods) releases it to be billed
     * again. Their time entries are already back in the pool.
     */
    'invoice.draft-lines-removed': InvoiceChange & { lines: InvoiceLine[] };
    /**
     * `releaseBilledWork`: voided to be billed again (the `releaseTimeEntries` option): its time entries
     * are back in the pool, and whoever recorded work as billed by it (a contract's periods) releases it.
     */
    'invoice.voided': InvoiceChange & { releaseBilledWork: boolean };
    /**
     * A void invoice that kept what it billed lets it go (releaseVoidedInvoiceTime): its time entries are
     * back in the pool, and whoever recorded work as billed by it (a contract's periods) releases it.
     */
    'invoice.voided-work-released': InvoiceChange;
    /** Open invoices whose due date passed with a balance left (each due date announced once, by the overdue sweep). */
    'invoice.overdue': InvoicesChange;
    /** No longer payable online (the balance stays owed): live payment links must go. */
    'invoice.marked-uncollectible': InvoiceChange;
  }
}
