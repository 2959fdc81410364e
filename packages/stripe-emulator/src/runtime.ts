import type { Store, AccountData } from './core/store.js';
import type { WebhookDelivery } from './webhooks/webhook-delivery.js';
import type { ParamObject } from './api/form-params.js';
import type { Clock } from './core/clock.js';

export interface EmulatorLogger {
  info(msg: string, extra?: unknown): void;
  warn(msg: string, extra?: unknown): void;
  error(msg: string, extra?: unknown): void;
}

export interface StripeEmulatorOptions {
  host?: string;
  port?: number;
  stateFile?: string;
  publicUrl?: string;
  retryScheduleMs?: number[];
  rateLimitPerSecond?: number;
  /** Delay before an ACH-like (us_bank_account) payment settles; control API can force it. */
  asyncPaymentDelayMs?: number;
  /** Delay before a refund that changes later (pending, or the refund-failure test card) does; control API can force it. */
  asyncRefundDelayMs?: number;
  /** How often the automatic payout schedule runs (Stripe: daily); `0` = only when the control API says so. */
  payoutScheduleMs?: number;
  /** Per-attempt webhook timeout; Stripe gives up on slow endpoints too. */
  webhookTimeoutMs?: number;
  logger?: EmulatorLogger;
}

/** Shared services every handler needs; one per emulator instance (no globals, tests run several). */
export interface Runtime {
  store: Store;
  baseUrl: string;
  opts: Required<
    Pick<
      StripeEmulatorOptions,
      'retryScheduleMs' | 'rateLimitPerSecond' | 'asyncPaymentDelayMs' | 'asyncRefundDelayMs' | 'webhookTimeoutMs'
    >
  >;
  logger: EmulatorLogger;
  delivery: WebhookDelivery;
  /** The emulator's clock (real time unless frozen by the control API). */
  clock: Clock;
  /** Schedules settlement of an async payment (set up by the payments module). */
  scheduleAsync(acct: AccountData, paymentIntentId: string): void;
  /** Schedules the later status change of a refund (`acct.pendingRefunds`). */
  scheduleRefund(acct: AccountData, refundId: string): void;
}

/** Who is acting: an API request (with request id / idempotency key) or a hosted page / automation. */
export interface Actor {
  rt: Runtime;
  acct: AccountData;
  request: { id: string | null; idempotency_key: string | null };
}

export interface ApiContext extends Actor {
  params: ParamObject;
  path: Record<string, string>;
  method: string;
  apiKey: string;
}

export const silentLogger: EmulatorLogger = { info() {}, warn() {}, error() {} };
