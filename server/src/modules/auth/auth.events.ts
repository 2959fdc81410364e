declare module '../../platform/events/domain-events.js' {
  interface DomainEvents {
    /** A session or API token stopped granting access: open websockets re-check their caller. */
    'auth.access-ended': {
      why:
        | 'signed-out'
        | 'signed-out-everywhere'
        | 'token-revoked'
        | 'portal-user-disabled'
        | 'client-archived'
        | 'password-set'
        | 'user-disabled'
        | 'user-changed';
    };
  }
}

export {};
