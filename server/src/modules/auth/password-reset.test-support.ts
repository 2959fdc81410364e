import type { TestSettle } from '../../../test/harness.js';
import { runQueuedJobsNow } from '../../../test/queued-jobs.js';

/** Sends the reset links `requestPasswordReset` queued (its `auth.password-reset` jobs) now, as the worker would. */
export const sendQueuedPasswordResets = (s: TestSettle): Promise<void> =>
  runQueuedJobsNow<{ email: string }>(s, 'auth.password-reset', (p) =>
    s.container.auth.staffPasswords.requestReset(p.email),
  );
