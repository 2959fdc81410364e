import net from 'node:net';
import path from 'node:path';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from '../graphql/operation-limits.js';
import { rateRulesFrom, type RateRules } from './rate-limit/rate-limits.js';

/**
 * Runtime configuration, read once from the environment. This file is the only one of the server that
 * reads environment variables (the emulators, separate packages, keep their own); every variable is
 * documented in the README's configuration table.
 */
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
  /** A bearer token that may read /metrics from anywhere (SETTLE_METRICS_TOKEN); without it only loopback may. */
  metricsToken?: string;
  /** What this process does (SETTLE_ROLE or `--role`): `all` (default), `api` or `worker`. */
  role: ProcessRole;
  /** Run the job worker in this process (roles `all` and `worker`). */
  runWorker: boolean;
  /** Serve GraphQL, subscriptions, webhooks and the apps (roles `all` and `api`); a worker answers probes only. */
  serveApi: boolean;
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
  /** PostgreSQL pool size of the data source (SETTLE_DB_POOL_SIZE); undefined: the data source's default. */
  dbPoolSize?: number;
  /** Jobs run at once per process (SETTLE_WORKER_CONCURRENCY, default 8). */
  workerConcurrency: number;
  /** /readyz fails when the oldest due job is older than this (SETTLE_READY_MAX_JOB_LAG_S, default 60). */
  readyMaxJobLagSeconds: number;
  /** How often open subscriptions re-check their session (SETTLE_WS_SESSION_CHECK_MS, default 15 s). */
  wsSessionCheckMs: number;
  /**
   * How often each LISTEN connection (invoice events, access changes, webhook wake-ups) is asked whether it
   * still answers; one silent for two rounds is replaced (SETTLE_LISTENER_CHECK_MS, default 10 s).
   */
  listenerCheckMs: number;
  stripe: StripeConfig;
  quickbooks: QuickBooksConfig;
  reconciliation: ReconciliationConfig;
  reminders: RemindersConfig;
  /**
   * Private, loopback or link-local networks outbound webhook endpoints may reach anyway
   * (SETTLE_WEBHOOK_PRIVATE_NETWORKS, CIDR ranges; default none). An operator's decision for the whole
   * server: no organization can lift the public-addresses-only rule by itself.
   */
  webhookPrivateNetworks: string[];
  /** When the sweep that announces newly overdue invoices (`invoice.overdue`) runs (SETTLE_OVERDUE_CRON, default every 5 minutes; `off` disables it). */
  overdueCron: string | null;
}

export interface RemindersConfig {
  /** When the payment reminder sweep runs (SETTLE_REMINDERS_CRON, default every 5 minutes; `off` disables it). */
  cron: string | null;
}

export interface ReconciliationConfig {
  /** When the nightly three-way reconciliation runs (SETTLE_RECONCILIATION_CRON, default 02:30 every day; `off` disables it). */
  cron: string | null;
  /** How many days back from yesterday the nightly run covers (SETTLE_RECONCILIATION_DAYS, default 31). */
  periodDays: number;
}

export interface StripeConfig {
  /** Stripe API base URL; set to the emulator's for the offline sandbox (STRIPE_API_URL). */
  apiUrl?: string;
  /** Platform secret key for Stripe Connect OAuth (STRIPE_SECRET_KEY). */
  secretKey?: string;
  /** Connect OAuth client id (STRIPE_CONNECT_CLIENT_ID) and authorize URL base (STRIPE_CONNECT_URL). */
  connectClientId?: string;
  connectUrl?: string;
  /** Public base URL Stripe posts webhooks to, when not PUBLIC_URL (STRIPE_WEBHOOK_BASE_URL). */
  webhookBaseUrl?: string;
  /** Self-healing sweep interval per org (STRIPE_SWEEP_INTERVAL_MS, default 5 min, at least 200 ms). */
  sweepIntervalMs: number;
  /** `pnpm start` runs the local Stripe emulator unless STRIPE_EMULATOR=off. */
  emulator: boolean;
}

export interface QuickBooksConfig {
  /** The emulator's base URL when offline (QBO_API_URL). */
  apiUrl?: string;
  environment: 'sandbox' | 'production';
  clientId?: string;
  clientSecret?: string;
  webhookVerifierToken?: string;
  redirectUri?: string;
  /** Client-side throttle per realm (QBO_REQUESTS_PER_SECOND, default 8). */
  requestsPerSecond: number;
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  deferMs: number;
  /** Change-data-capture poll schedule (QBO_CDC_CRON, default every 5 minutes). */
  cdcCron: string;
  /** `pnpm start` runs the local QuickBooks emulator unless QBO_EMULATOR=off. */
  emulator: boolean;
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
    logLevel: logLevelOf(env),
    stripeEmulatorPort: Number(env.STRIPE_EMULATOR_PORT ?? 12111),
    quickbooksEmulatorPort: Number(env.QBO_EMULATOR_PORT ?? 12112),
    ...roleFrom(env),
    metricsToken: env.SETTLE_METRICS_TOKEN || undefined,
    seedDemo: env.SETTLE_SEED_DEMO !== 'off',
    sessionHours: positiveNumber(env.SETTLE_SESSION_HOURS, 720, 'SETTLE_SESSION_HOURS'),
    allowedOrigins: originsOf(env.SETTLE_ALLOWED_ORIGINS),
    rateLimits: env.SETTLE_RATE_LIMITS === 'off' ? null : rateRulesFrom(env),
    operationLimits: operationLimitsFrom(env),
    dbPoolSize: Number(env.SETTLE_DB_POOL_SIZE) || undefined,
    workerConcurrency: positiveInteger(env.SETTLE_WORKER_CONCURRENCY, 8),
    readyMaxJobLagSeconds: positiveOr(env.SETTLE_READY_MAX_JOB_LAG_S, 60),
    wsSessionCheckMs: Number(env.SETTLE_WS_SESSION_CHECK_MS ?? 15_000),
    listenerCheckMs: positiveOr(env.SETTLE_LISTENER_CHECK_MS, 10_000),
    stripe: {
      apiUrl: env.STRIPE_API_URL || undefined,
      secretKey: env.STRIPE_SECRET_KEY || undefined,
      connectClientId: env.STRIPE_CONNECT_CLIENT_ID || undefined,
      connectUrl: env.STRIPE_CONNECT_URL || undefined,
      webhookBaseUrl: env.STRIPE_WEBHOOK_BASE_URL || undefined,
      sweepIntervalMs: sweepIntervalMs(env.STRIPE_SWEEP_INTERVAL_MS),
      emulator: env.STRIPE_EMULATOR !== 'off',
    },
    quickbooks: {
      apiUrl: env.QBO_API_URL?.replace(/\/$/, '') || undefined,
      environment: env.INTUIT_ENVIRONMENT === 'production' ? 'production' : 'sandbox',
      clientId: env.INTUIT_CLIENT_ID,
      clientSecret: env.INTUIT_CLIENT_SECRET,
      webhookVerifierToken: env.INTUIT_WEBHOOK_VERIFIER_TOKEN,
      redirectUri: env.INTUIT_REDIRECT_URI || undefined,
      requestsPerSecond: Number(env.QBO_REQUESTS_PER_SECOND ?? 8),
      timeoutMs: Number(env.QBO_TIMEOUT_MS ?? 15_000),
      maxAttempts: Number(env.QBO_MAX_ATTEMPTS ?? 8),
      retryBaseMs: Number(env.QBO_RETRY_BASE_MS ?? 1000),
      deferMs: Number(env.QBO_DEFER_MS ?? 1000),
      cdcCron: env.QBO_CDC_CRON ?? '*/5 * * * *',
      emulator: env.QBO_EMULATOR !== 'off',
    },
    reconciliation: {
      cron: env.SETTLE_RECONCILIATION_CRON === 'off' ? null : (env.SETTLE_RECONCILIATION_CRON ?? '30 2 * * *'),
      periodDays: positiveInteger(env.SETTLE_RECONCILIATION_DAYS, 31),
    },
    reminders: {
      cron: env.SETTLE_REMINDERS_CRON === 'off' ? null : (env.SETTLE_REMINDERS_CRON ?? '*/5 * * * *'),
    },
    overdueCron: env.SETTLE_OVERDUE_CRON === 'off' ? null : (env.SETTLE_OVERDUE_CRON ?? '*/5 * * * *'),
    webhookPrivateNetworks: networksOf(env.SETTLE_WEBHOOK_PRIVATE_NETWORKS),
  };
}

/** The process environment with `overrides` on top (the offline sandbox's emulator URLs, say). */
export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/**
 * SETTLE_ROLE: `api` serves HTTP, GraphQL and subscriptions without running jobs, `worker` runs jobs and
 * schedules (answering only /healthz and /readyz over HTTP), `all` does both. SETTLE_WORKER=off,
 * the older switch, still means `api`.
 */
function roleFrom(env: NodeJS.ProcessEnv): { role: ProcessRole; runWorker: boolean; serveApi: boolean } {
  const given = roleArgument(process.argv) ?? env.SETTLE_ROLE ?? (env.SETTLE_WORKER === 'off' ? 'api' : 'all');
  if (!(PROCESS_ROLES as readonly string[]).includes(given))
    throw new Error(`SETTLE_ROLE must be one of ${PROCESS_ROLES.join(', ')} (got "${given}")`);
  const role = given as ProcessRole;
  return { role, runWorker: role !== 'api', serveApi: role !== 'worker' };
}

/** `--role worker` or `--role=worker` on the command line (it wins over SETTLE_ROLE). */
export function roleArgument(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--role' || a.startsWith('--role='));
  if (at < 0) return undefined;
  const a = argv[at]!;
  return a.includes('=') ? a.slice('--role='.length) : (argv[at + 1] ?? '');
}

export function loadConfigWith(overrides: Record<string, string>): SettleConfig {
  return loadConfig({ ...process.env, ...overrides });
}

/** LOG_LEVEL; silent under vitest unless set. Read at import by the process logger. */
export function logLevelOf(env: NodeJS.ProcessEnv = process.env): string {
  return env.LOG_LEVEL ?? (env.VITEST ? 'silent' : 'info');
}

/** COOKIE_SECURE=true marks the session cookie Secure even when PUBLIC_URL is http (behind a TLS proxy). */
export function cookieSecureForced(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.COOKIE_SECURE === 'true';
}

/** Size limits of one GraphQL operation (defaults in graphql/operation-limits.ts). */
function operationLimitsFrom(env: NodeJS.ProcessEnv): OperationLimits {
  const n = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  return {
    maxTokens: n(env.SETTLE_GRAPHQL_MAX_TOKENS, DEFAULT_OPERATION_LIMITS.maxTokens),
    maxDepth: n(env.SETTLE_GRAPHQL_MAX_DEPTH, DEFAULT_OPERATION_LIMITS.maxDepth),
    maxAliases: n(env.SETTLE_GRAPHQL_MAX_ALIASES, DEFAULT_OPERATION_LIMITS.maxAliases),
    maxRootFields: n(env.SETTLE_GRAPHQL_MAX_ROOT_FIELDS, DEFAULT_OPERATION_LIMITS.maxRootFields),
    maxCost: n(env.SETTLE_GRAPHQL_MAX_COST, DEFAULT_OPERATION_LIMITS.maxCost),
  };
}

function positiveInteger(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

function positiveOr(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function sweepIntervalMs(raw: string | undefined): number {
  const v = Number(raw ?? 300_000);
  return Number.isFinite(v) && v >= 200 ? v : 300_000;
}

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number (got "${raw}")`);
  return n;
}

/** The origin (scheme://host:port) of each entry of a comma list of URLs. */
export function originsOf(list: string | undefined): string[] {
  const entries = (list ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return [
    ...new Set(
      entries.map((o) => {
        try {
          return new URL(o).origin;
        } catch {
          throw new Error(`SETTLE_ALLOWED_ORIGINS: "${o}" is not a URL like https://billing.example.com`);
        }
      }),
    ),
  ];
}

/**
 * SETTLE_WEBHOOK_PRIVATE_NETWORKS: a comma list of CIDR ranges (`127.0.0.0/8,10.20.0.0/16`, `::1/128`);
 * a bare address means that address alone. Anything else stops the start, naming the entry.
 */
export function networksOf(list: string | undefined): string[] {
  const entries = (list ?? '')
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const [address = '', bits, extra] = entry.split('/');
    const family = net.isIP(address);
    const max = family === 4 ? 32 : 128;
    const prefix = bits === undefined ? max : Number(bits);
    if (!family || extra !== undefined || !/^\d{1,3}$/.test(String(prefix)) || prefix > max)
      throw new Error(
        `SETTLE_WEBHOOK_PRIVATE_NETWORKS: "${entry}" is not a network like 10.0.0.0/8 or fd00::/8 (comma-separated)`,
      );
    return `${address}/${prefix}`;
  });
}
