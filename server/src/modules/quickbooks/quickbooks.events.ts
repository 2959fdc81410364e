import type { QuickBooksOperation } from './quickbooks.entities.js';

declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** An outbound QuickBooks change gave up (retries spent, or an error no retry fixes): a person must look. */
    'quickbooks.operation-failed': { orgId: string; operation: QuickBooksOperation };
  }
}

export {};
