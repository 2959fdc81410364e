declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Announces the invoices that became overdue by the container clock's today (cron, every few minutes). */
      'invoices.overdue-sweep': Record<string, never>;
    }
  }
}

export {};
