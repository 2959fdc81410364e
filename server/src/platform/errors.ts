/**
 * Domain errors carry a stable code that the GraphQL layer exposes as `extensions.code`, so integrators
 * can branch on it. Services throw these; resolvers never build GraphQLErrors by hand.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR'
  | 'RATE_LIMITED'
  /** An idempotency key sent again with other arguments than the first time (modules/idempotency). */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** An idempotency key whose first request is still running: retry shortly. */
  | 'IDEMPOTENCY_KEY_IN_USE';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** More for the caller to act on, sent as extensions beside the code (e.g. the choices an answer needs). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badInput = (field: string, message: string) => new AppError('BAD_USER_INPUT', message, field);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field);
/** Something Settle depends on is busy or catching up: nothing was done; the same request later will work. */
export const unavailable = (message: string, retryAfterSeconds: number) =>
  Object.assign(new AppError('SERVICE_UNAVAILABLE', message), { retryAfterSeconds });
export const forbidden = (message = 'You are not allowed to do that') => new AppError('FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new AppError('UNAUTHENTICATED', message);

/**
 * What a page or redirect may show of a failure: a domain error's own message (written for people),
 * else `fallback`. Anything else (a TypeError, a provider's or the network's words) is for the log only.
 */
export const shownMessage = (err: unknown, fallback: string): string =>
  err instanceof AppError ? err.message : fallback;
