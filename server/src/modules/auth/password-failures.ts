import { AppError } from '../../platform/errors.js';
import { RateLimitedError, type RateLimiter } from '../../platform/rate-limit/rate-limiter.js';

/**
 * The answer once an email's wrong passwords reach the day's bound. The same whether or not the email
 * has an account (an unknown one's wrong passwords count alike), and it points to the emailed link, which
 * the bound does not touch: guessing can pause a person's password, never lock them out. Portal users get
 * a sign-in link; staff a password reset link (`requestPasswordReset`).
 */
export const PASSWORD_SIGN_IN_PAUSED =
  'Password sign-in for this email is paused after too many wrong passwords. Choose "Email me a link" to get a sign-in link by email.';
export const STAFF_PASSWORD_SIGN_IN_PAUSED =
  'Password sign-in for this email is paused after too many wrong passwords. Choose "Forgot password?" to set a new password through a link sent by email.';

/** A wrong password: a sign-in refused (UNAUTHENTICATED), or `changePassword`'s wrong current password. */
const isWrongPassword = (err: unknown) =>
  err instanceof AppError &&
  (err.code === 'UNAUTHENTICATED' || (err.code === 'BAD_USER_INPUT' && err.field === 'currentPassword'));

/**
 * A password check under the daily bound on wrong passwords per email (rate family `loginFailures`,
 * SETTLE_RATE_LOGIN_FAILURES_ACCOUNT, counted in PostgreSQL for every process): refused before the
 * password is checked once the bound is reached, even with the right password; only a wrong password
 * counts. Attempts in flight together may each pass the check, so the count can go past the bound by
 * those few (the `login` family caps them at 10 a minute per email).
 */
export async function withinPasswordFailures<T>(
  limits: RateLimiter,
  email: string,
  check: () => Promise<T>,
  paused = PASSWORD_SIGN_IN_PAUSED,
) {
  const wait = await limits.retryAfter('loginFailures', { target: email });
  if (wait) throw new RateLimitedError(wait, paused);
  try {
    return await check();
  } catch (err) {
    if (isWrongPassword(err)) await limits.count('loginFailures', { target: email });
    throw err;
  }
}

/**
 * After a password reset through the emailed link (the mailbox proves the person), the email's wrong
 * passwords start again from none: the new password signs in at once, not after the day's window.
 */
export const forgetPasswordFailures = (limits: RateLimiter, email: string) =>
  limits.forget('loginFailures', { target: email });
