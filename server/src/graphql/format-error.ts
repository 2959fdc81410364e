import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../platform/errors.js';
import { RateLimitedError } from '../platform/rate-limit/rate-limiter.js';
import { QUERY_TOO_COMPLEX, tooManyTokens } from './operation-limits.js';
import { logger } from '../platform/logger.js';

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function firstFailure(errors: ValidationFailure[], prefix = ''): { field: string; message: string } | null {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) return { field: path, message: Object.values(e.constraints)[0]! };
    const nested = firstFailure(e.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/**
 * Every error leaves with a stable `extensions.code`. Input errors name the field; unexpected errors
 * are logged (without statement parameters, see platform/logger.ts) and leave as a generic
 * INTERNAL_SERVER_ERROR, never with internals: no stack trace, no file path, no SQL, in any mode.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof AppError) {
    const retryAfter = original instanceof RateLimitedError ? { retryAfter: original.retryAfter } : {};
    return { ...formatted, message: original.message, extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...retryAfter } };
  }
  const validation = (original as { extensions?: { validationErrors?: ValidationFailure[] } } | undefined)?.extensions?.validationErrors;
  if (validation) {
    const f = firstFailure(validation);
    return { ...formatted, message: f ? `${f.field}: ${f.message}` : 'Invalid input', extensions: { code: 'BAD_USER_INPUT', field: f?.field ?? '' } };
  }
  const code = formatted.extensions?.code;
  const tooLarge = code === 'GRAPHQL_PARSE_FAILED' ? tooManyTokens(formatted.message) : null;
  if (tooLarge) return { message: tooLarge, extensions: { code: QUERY_TOO_COMPLEX } };
  if (code && code !== 'INTERNAL_SERVER_ERROR') return withoutInternals(formatted);
  if (original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') return { ...formatted, extensions: { code: 'BAD_USER_INPUT' } };
  logger.error({ err: original }, 'unexpected error in GraphQL resolver');
  return { message: 'Something went wrong on our side; it has been logged.', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Only what a client may read: message, locations, path, and extensions without any stack trace. */
function withoutInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return { message: formatted.message, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions };
}
