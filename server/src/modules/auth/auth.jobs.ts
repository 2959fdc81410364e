declare global {
  namespace GraphileWorker {
    interface Tasks {
      /**
       * `requestMagicLink`'s work: looks the address up and emails its sign-in links, after the answer,
       * so the answer takes the same time whether or not the address has portal access.
       */
      'auth.magic-link': { email: string; orgSlug: string | null };
    }
  }
}

export {};
