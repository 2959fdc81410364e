import type { JobName } from '../../platform/jobs/job-queue.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      /** Delivers one email of the outbox (idempotent: a second run finds it sent). */
      'email.send': { emailId: string };
    }
  }
}

/** Names of the previous release, still run for jobs it queued (see TaskRegistry.formerNames). */
export const EMAIL_FORMER_JOB_NAMES: Record<string, JobName> = { 'send-email': 'email.send' };
