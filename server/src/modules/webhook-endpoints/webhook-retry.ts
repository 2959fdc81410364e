/** Retries stop once an event has failed for this long; the endpoint is then disabled. */
export const RETRY_WINDOW_MS = 3 * 86_400_000;
const FIRST_DELAY_MS = 10_000;
const LONGEST_DELAY_MS = 6 * 3_600_000;

/** The wait after the `failures`-th failed attempt: 10 s doubling each time, at most 6 hours. */
export function retryDelayMs(failures: number): number {
  return Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, failures - 1));
}

/**
 * When to try a failing delivery again, or null to give up: its first attempt was at `firstAttemptAt`,
 * the `failures`-th attempt just failed at `now`. The last try is exactly at the end of the 3-day
 * window; failing then (or later, after downtime) gives up.
 */
export function nextRetryAt(firstAttemptAt: Date, failures: number, now: Date): Date | null {
  const end = firstAttemptAt.getTime() + RETRY_WINDOW_MS;
  if (now.getTime() >= end) return null;
  return new Date(Math.min(end, now.getTime() + retryDelayMs(failures)));
}
