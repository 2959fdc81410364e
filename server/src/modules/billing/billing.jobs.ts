declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Every few minutes: bills every client whose billing date and grace period have passed. */
      'billing.run-due': Record<string, never>;
    }
  }
}

export {};
