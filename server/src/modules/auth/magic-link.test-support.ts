import type { TestSettle } from '../../../test/harness.js';
import { runQueuedJobsNow } from '../../../test/queued-jobs.js';

/** Sends the sign-in links `requestMagicLink` queued (its `auth.magic-link` jobs) now, as the worker would. */
export const sendQueuedMagicLinks = (s: TestSettle): Promise<void> =>
  runQueuedJobsNow<{ email: string; orgSlug: string | null }>(s, 'auth.magic-link', (p) =>
    s.container.auth.requestMagicLink(p.email, p.orgSlug ?? undefined),
  );
