declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Every few minutes: charges due invoices of autopay clients (and declined ones whose retry is due). */
      'autopay.run-due': Record<string, never>;
    }
  }
}

export {};
