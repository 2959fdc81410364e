import type { DraftLine } from './invoice-writer.js';
import type { DraftLineInput } from './invoice-draft-lines.js';

/** What the InvoiceService's commands take besides the org, the actor and the invoice id. */

export interface SendOptions {
  /** false: finalize without emailing. */
  email?: boolean;
  /** Where the invoice goes besides Settle (EMAIL, STRIPE, QUICKBOOKS); EMAIL alone when omitted. */
  destinations?: string[];
  /** true: the email carries the pay link whatever the client's and org's pay-link settings say. */
  payLink?: boolean;
}

/** A draft made by hand (createInvoice). */
export interface ManualDraftInput {
  clientId: string;
  issueDate?: string;
  dueDate?: string;
  notes?: string;
  lines: DraftLine[];
}

export interface DraftPatch {
  notes?: string;
  memo?: string;
  issueDate?: string;
  dueDate?: string;
  lines?: DraftLineInput[];
}

export interface VoidOptions {
  /**
   * Void to bill again: its time entries go back to the pool and what else it billed (a contract's
   * periods, through `invoice.voided`) is released, so the next invoice charges it.
   */
  releaseTimeEntries?: boolean;
  /** What became of the money paid on it: how it was handled, and the person's note. */
  payments?: { handling: string; note?: string | null };
}
