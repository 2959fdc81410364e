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
    return {
      ...formatted,
      message: original.message,
      extensions: {
        code: original.code,
        ...(original.field ? { field: original.field } : {}),
        ...retryAfter,
        ...original.details,
      },
    };
  }
  const validation = (original as { extensions?: { validationErrors?: ValidationFailure[] } } | undefined)?.extensions
    ?.validationErrors;
  if (Array.isArray(validation)) {
    const f = firstFailure(validation);
    return {
      ...formatted,
      message: f ? `${f.field}: ${f.message}` : 'Invalid input',
      extensions: { code: 'BAD_USER_INPUT', field: f?.field ?? '' },
    };
  }
  const code = formatted.extensions?.code;
  const tooLarge = code === 'GRAPHQL_PARSE_FAILED' ? tooManyTokens(formatted.message) : null;
  if (tooLarge) return { message: tooLarge, extensions: { code: QUERY_TOO_COMPLEX } };
  if (code === 'BAD_USER_INPUT' && formatted.extensions?.field === undefined) {
    return withoutInternals({
      ...formatted,
      extensions: { ...formatted.extensions, field: variableField(formatted.message) },
    });
  }
  if (code && code !== 'INTERNAL_SERVER_ERROR') return withoutInternals(formatted);
  if (original instanceof GraphQLError && original.extensions?.code === 'BAD_USER_INPUT') {
    return { ...formatted, extensions: { code: 'BAD_USER_INPUT', field: variableField(formatted.message) } };
  }
  const pg = databaseInputError(original);
  if (pg) {
    // Validation should have caught this before the write: log it so the gap gets closed, but answer as what it is.
    logger.warn({ pgCode: pg.pgCode, field: pg.field }, 'database refused a value that input validation let through');
    return {
      message: pg.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'BAD_USER_INPUT', field: pg.field },
    };
  }
  logger.error({ err: original }, 'unexpected error in GraphQL resolver');
  return {
    message: 'Something went wrong on our side; it has been logged.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * The field of a variable coercion error, from graphql-js's message: `Variable "$i" got invalid value …
 * at "i.lines[0].unitPrice"; …` names `lines.0.unitPrice` (an input-object variable's own name is left
 * out, as class-validator and the argument guards do); `Variable "$n" got invalid value …` names `n`.
 */
export function variableField(message: string): string {
  const m = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?;/s.exec(message);
  if (!m) return '';
  const path = (m[2] ?? m[1]!).replace(/\[(\d+)\]/g, '.$1');
  return path.startsWith(`${m[1]}.`) && !/^\d/.test(path.slice(m[1]!.length + 1)) ? path.slice(m[1]!.length + 1) : path;
}

/** SQLSTATEs that mean "this value cannot be stored", each with words a user understands. */
const INPUT_SQLSTATES: Record<string, string> = {
  '22P02': 'A value is not in a form that can be stored',
  '22003': 'A number is out of range',
  '22007': 'A date or time is not valid',
  '22008': 'A date or time is out of range',
  '22021': 'Text contains a character that cannot be stored (such as NUL)',
  '22001': 'A text value is too long',
  '23514': 'A value breaks a rule of the data',
  '23502': 'A required value is missing',
};

/**
 * Last line of defence: a PostgreSQL data error that validation missed is still bad input, not a 500.
 * The transaction it happened in has rolled back, so nothing was written.
 */
function databaseInputError(err: unknown): { pgCode: string; message: string; field: string } | null {
  const driver =
    (err as { driverError?: { code?: unknown; column?: unknown; constraint?: unknown } } | undefined)?.driverError ??
    (err as { code?: unknown; column?: unknown } | undefined);
  const pgCode = typeof driver?.code === 'string' ? driver.code : '';
  const message = INPUT_SQLSTATES[pgCode];
  if (!message) return null;
  const column =
    typeof driver?.column === 'string' ? driver.column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) : '';
  return { pgCode, message, field: column };
}

/** Only what a client may read: message, locations, path, and extensions without any stack trace. */
function withoutInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const {
    stacktrace: _stack,
    exception: _exception,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return {
    message: formatted.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}
