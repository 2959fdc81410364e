declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** Billing runs whose outcome was just written (a first attempt or a retry), all of one org. */
    'billing.runs-recorded': { orgId: string; runIds: string[] };
  }
}

export {};
