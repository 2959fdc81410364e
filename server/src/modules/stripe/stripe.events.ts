declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** An org connected Stripe, or reconnected it (same or another account). */
    'stripe.connected': { orgId: string };
    /** An org moved to another Stripe account or mode: what lives in one account is made anew in the other. */
    'stripe.account-switched': { orgId: string };
  }
}

export {};
