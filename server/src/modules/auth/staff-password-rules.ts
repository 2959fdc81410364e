import { badInput } from '../../platform/errors.js';

/** What a staff password must be: the rule `createUser` applies to a first password (CreateUserInput). */
export const STAFF_PASSWORD_MIN = 10;
export const STAFF_PASSWORD_MAX = 200;

/** How long an emailed staff password reset link works. */
export const PASSWORD_RESET_MINUTES = 30;

/** The one answer to a reset link that cannot be used: unknown, used, expired, or of a disabled user alike. */
export const RESET_LINK_UNUSABLE = 'This password reset link is invalid, expired or already used; ask for a new one';

/** Refuses a new staff password that breaks the rule, naming `field` (the input it came in). */
export function checkNewStaffPassword(field: string, password: string): void {
  if (password.length < STAFF_PASSWORD_MIN)
    throw badInput(field, `The new password must be at least ${STAFF_PASSWORD_MIN} characters`);
  if (password.length > STAFF_PASSWORD_MAX)
    throw badInput(field, `The new password must be at most ${STAFF_PASSWORD_MAX} characters`);
}
