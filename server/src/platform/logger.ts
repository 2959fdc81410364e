import pino from 'pino';

/**
 * One pino logger for the process. Secrets never reach it: the redact list covers the field names
 * that carry keys and tokens, and callers log prefixes (see `secretPrefix`) rather than values.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  redact: {
    paths: [
      '*.password', '*.secret', '*.secretKey', '*.apiKey', '*.accessToken', '*.refreshToken',
      '*.token', 'req.headers.authorization', 'req.headers.cookie', '*.webhookSecret',
    ],
    censor: '[redacted]',
  },
  base: { app: 'settle' },
});

export type Logger = typeof logger;
