import pino, { type DestinationStream } from 'pino';
import { logLevelOf } from './config.js';
import { currentRequestId } from './request-context.js';

/**
 * Statement parameters and failing rows never reach the log: a failed INSERT's QueryFailedError carries
 * every value it tried to write (`parameters`, and PostgreSQL's `detail: Failing row contains (…)`),
 * a user's argon2 hash among them. The error keeps its message, code, constraint and query text.
 */
function scrubbed(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 4) return value;
  const out: Record<string, unknown> = Array.isArray(value)
    ? ([...value] as never)
    : { ...(value as Record<string, unknown>) };
  for (const [key, v] of Object.entries(out)) {
    if (key === 'parameters' || key === 'params') out[key] = '[redacted]';
    else if (key === 'detail' && typeof v === 'string' && v.startsWith('Failing row contains'))
      out[key] = 'Failing row contains [redacted]';
    else if (v && typeof v === 'object') out[key] = scrubbed(v, depth + 1);
  }
  return out;
}

const errSerializer = (err: unknown): unknown => scrubbed(err instanceof Error ? pino.stdSerializers.err(err) : err);

/**
 * The logger's options, shared by the process logger and tests that read what it writes. Secrets never
 * reach it: the redact list covers the field names that carry keys, tokens and password hashes, the
 * error serializer drops statement parameters, and callers log prefixes (see `secretPrefix`) rather
 * than values.
 */
export function createLogger(level: string, destination?: DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          'passwordHash',
          'token',
          'parameters',
          '*.password',
          '*.secret',
          '*.secretKey',
          '*.apiKey',
          '*.accessToken',
          '*.refreshToken',
          '*.token',
          'req.headers.authorization',
          'req.headers.cookie',
          '*.webhookSecret',
          '*.passwordHash',
          '*.password_hash',
          '*.tokenHash',
          '*.token_hash',
          '*.inviteTokenHash',
          '*.parameters',
        ],
        censor: '[redacted]',
      },
      serializers: { err: errSerializer, error: errSerializer },
      base: { app: 'settle' },
      // Every line written while serving a request names it (the id the response's X-Request-Id carries).
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    destination as DestinationStream,
  );
}

/** One pino logger for the process. */
export const logger = createLogger(logLevelOf());
