declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Sends the payment reminders due at the container clock's now (cron, every few minutes). */
      'reminders.sweep': Record<string, never>;
    }
  }
}

export {};
