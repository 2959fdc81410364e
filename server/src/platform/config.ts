import path from 'node:path';
import { operationLimitsFrom, type OperationLimits } from '../graphql/operation-limits.js';
import { rateRulesFrom, type RateRules } from './rate-limit/rate-limits.js';

/** Runtime configuration, read once from the environment. Every knob is documented in the README. */
export interface SettleConfig {
  port: number;
  host: string;
  /** Public base URL used in emails and pay links. */
  publicUrl: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  smtpUrl?: string;
  mailFrom: string;
  /** Master key for secrets at rest (32 bytes, base64 or hex). Generated into dataDir when absent. */
  secretKey?: string;
  logLevel: string;
  stripeEmulatorPort: number;
  quickbooksEmulatorPort: number;
  /** Run the job worker in this process. */
  runWorker: boolean;
  seedDemo: boolean;
  /** How long a sign-in lasts, in hours (SETTLE_SESSION_HOURS, default 30 days). */
  sessionHours: number;
  /**
   * Origins, besides PUBLIC_URL's, whose browser pages may use a session cookie here (GraphQL POSTs and
   * the subscription websocket): SETTLE_ALLOWED_ORIGINS.
   */
  allowedOrigins: string[];
  /** Rate limits on sign-in and mail-sending entry points; null when SETTLE_RATE_LIMITS=off. */
  rateLimits: RateRules | null;
  /** Size limits of one GraphQL operation (depth, aliases, root fields, cost). */
  operationLimits: OperationLimits;
  /** The environment this config came from; integrations read their own variables from it. */
  env: NodeJS.ProcessEnv;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): SettleConfig {
  const port = Number(env.PORT ?? 4000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    publicUrl: (env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`).replace(/\/$/, ''),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SETTLE_DATA_DIR ?? '.settle-data'),
    embeddedPgPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Settle <billing@settle.local>',
    secretKey: env.SETTLE_SECRET_KEY || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    stripeEmulatorPort: Number(env.STRIPE_EMULATOR_PORT ?? 12111),
    quickbooksEmulatorPort: Number(env.QBO_EMULATOR_PORT ?? 12112),
    runWorker: env.SETTLE_WORKER !== 'off',
    seedDemo: env.SETTLE_SEED_DEMO !== 'off',
    sessionHours: positiveNumber(env.SETTLE_SESSION_HOURS, 720, 'SETTLE_SESSION_HOURS'),
    allowedOrigins: originsOf(env.SETTLE_ALLOWED_ORIGINS),
    rateLimits: env.SETTLE_RATE_LIMITS === 'off' ? null : rateRulesFrom(env),
    operationLimits: operationLimitsFrom(env),
    env,
  };
}

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
}

/** The origin (scheme://host:port) of each entry of a comma list of URLs. */
export function originsOf(list: string | undefined): string[] {
  const entries = (list ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  return [...new Set(entries.map((o) => {
    try {
      return new URL(o).origin;
    } catch {
      throw new Error(`SETTLE_ALLOWED_ORIGINS: "${o}" is not a URL like https://billing.example.com`);
    }
  }))];
}
