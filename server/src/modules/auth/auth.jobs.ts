declare global {
  namespace GraphileWorker {
    interface Tasks {
      /**
       * `requestMagicLink`'s work: looks the address up and emails its sign-in links, after the answer,
       * so the answer takes the same time whether or not the address has portal access.
       */
      'auth.magic-link': { email: string; orgSlug: string | null };
      /** `requestPasswordReset`'s work, after the answer for the same reason: emails each staff account of the address a reset link. */
      'auth.password-reset': { email: string };
      /** Hourly: deletes sessions, portal sign-in links and password reset links expired for more than 7 days. */
      'auth.sweep-expired': Record<string, never>;
    }
  }
}

export {};
