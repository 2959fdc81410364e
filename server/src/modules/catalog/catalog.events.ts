declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** A service was created, edited, archived or restored, or its prices changed. */
    'catalog.item-changed': { orgId: string; serviceId: string };
  }
}

export {};
