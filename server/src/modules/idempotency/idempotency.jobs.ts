declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Hourly: deletes idempotency keys older than their 24 hours. */
      'idempotency.sweep': Record<string, never>;
    }
  }
}

export {};
