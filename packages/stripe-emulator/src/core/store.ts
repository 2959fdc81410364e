import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type * as W from './wire-types.js';
import type { StoredDelivery } from '../webhooks/webhook-delivery-types.js';

/** Collections kept per account; the map gives the compiler the SDK type of each. */
export interface Collections {
  customers: W.WCustomer;
  products: W.WProduct;
  prices: W.WPrice;
  invoiceitems: W.WInvoiceItem;
  invoices: W.WInvoice;
  invoice_payments: W.WInvoicePayment;
  checkout_sessions: W.WSession;
  payment_intents: W.WPaymentIntent;
  charges: W.WCharge;
  balance_transactions: W.WBalanceTransaction;
  refunds: W.WRefund;
  disputes: W.WDispute;
  webhook_endpoints: W.WWebhookEndpoint;
  events: W.WEvent;
  payment_methods: W.WPaymentMethod;
  payouts: W.WPayout;
  setup_intents: W.WSetupIntent;
  customer_balance_transactions: W.WCustomerBalanceTransaction;
}
export type CollectionName = keyof Collections;

/** Id prefix → collection, used by `expand[]` and by the control API to find objects by id. */
export const PREFIXES: Array<[string, CollectionName]> = [
  ['cus_', 'customers'],
  ['prod_', 'products'],
  ['price_', 'prices'],
  ['ii_', 'invoiceitems'],
  ['inpay_', 'invoice_payments'],
  ['in_', 'invoices'],
  ['cs_', 'checkout_sessions'],
  ['pi_', 'payment_intents'],
  ['ch_', 'charges'],
  ['py_', 'charges'],
  ['txn_', 'balance_transactions'],
  ['re_', 'refunds'],
  ['dp_', 'disputes'],
  ['du_', 'disputes'],
  ['we_', 'webhook_endpoints'],
  ['evt_', 'events'],
  ['pm_', 'payment_methods'],
  ['po_', 'payouts'],
  ['seti_', 'setup_intents'],
  ['cbtxn_', 'customer_balance_transactions'],
];

export function collectionForId(id: string): CollectionName | undefined {
  return PREFIXES.find(([p]) => id.startsWith(p))?.[1];
}

export interface AccountData {
  id: string;
  /** Reached with live keys: every object and event of it says `livemode: true`. */
  livemode?: boolean;
  /** Platform that connected this account through OAuth (Connect), if any. */
  platform: string | null;
  created: number;
  email: string | null;
  collections: { [C in CollectionName]: Record<string, Collections[C]> };
  /** Hidden state that is not part of any Stripe object (secrets, line items, delivery results). */
  webhookSecrets: Record<string, string>;
  /** `connect=true` endpoints receive events of connected accounts (the flag is not on the object). */
  webhookConnect: Record<string, boolean>;
  sessionLineItems: Record<string, W.WLineItem[]>;
  /** `payment_intent_data` of each Checkout Session, applied to the PI created on payment. */
  sessionPaymentIntentData?: Record<
    string,
    {
      metadata: Record<string, string>;
      description: string | null;
      captureMethod?: 'automatic' | 'automatic_async' | 'manual';
      setupFutureUsage?: 'on_session' | 'off_session';
    }
  >;
  eventDeliverySuccess: Record<string, boolean>;
  /** Async (ACH-like) payments waiting to settle: payment_intent id → due time (ms). */
  pendingAsync: Record<string, { dueAt: number; outcome: 'succeeded' | 'failed' }>;
  /** Refunds whose status changes later (bank debits, the refund test cards): refund id → due time (ms), end state. */
  pendingRefunds?: Record<string, { dueAt: number; outcome: 'succeeded' | 'failed'; failureReason?: string }>;
  invoiceSequence: number;
  /** Test outcome of each PaymentMethod (JSON of payment-methods.ts `Outcome`), kept off the object. */
  pmOutcomes?: Record<string, string>;
  /** PaymentMethods set up for off-session use (SetupIntent or `setup_future_usage`): no authentication asked later. */
  pmSetUp?: Record<string, boolean>;
  /** Ids of deleted objects, so retrieve can answer with the `{deleted: true}` stub. */
  deletedIds?: Record<string, boolean>;
  /** For out-of-band payments: invoice id → amount (the includable `amount_paid_off_stripe`). */
  paidOffStripe: Record<string, number>;
  /** Balance transaction id → the automatic payout that paid it out (Stripe's `payout` list filter). */
  paidOutBy?: Record<string, string>;
}

export interface IdempotencyEntry {
  method: string;
  path: string;
  params: string;
  status: number;
  body: string;
  createdAt: number;
}

export interface OAuthCode {
  account: string;
  clientId: string;
  scope: string;
  createdAt: number;
  used: boolean;
}

export interface State {
  accounts: Record<string, AccountData>;
  /** OAuth access tokens (sk_test_…) bound to a connected account. */
  boundKeys: Record<string, string>;
  refreshTokens: Record<string, string>;
  oauthCodes: Record<string, OAuthCode>;
  idempotency: Record<string, IdempotencyEntry>;
  deliveries: StoredDelivery[];
  /** The emulator's frozen clock (ms), set by `POST /__emulator/clock`; absent = real time. */
  frozenTimeMs?: number | null;
}

export const emptyState = (): State => ({
  accounts: {},
  boundKeys: {},
  refreshTokens: {},
  oauthCodes: {},
  idempotency: {},
  deliveries: [],
});

export function newAccountData(id: string, created: number, platform: string | null = null): AccountData {
  return {
    id,
    platform,
    created,
    email: null,
    collections: {
      customers: {},
      products: {},
      prices: {},
      invoiceitems: {},
      invoices: {},
      invoice_payments: {},
      checkout_sessions: {},
      payment_intents: {},
      charges: {},
      balance_transactions: {},
      refunds: {},
      disputes: {},
      webhook_endpoints: {},
      events: {},
      payment_methods: {},
      payouts: {},
      setup_intents: {},
      customer_balance_transactions: {},
    },
    webhookSecrets: {},
    webhookConnect: {},
    sessionLineItems: {},
    eventDeliverySuccess: {},
    pendingAsync: {},
    invoiceSequence: 0,
    paidOffStripe: {},
  };
}

/**
 * In-memory state with optional JSON persistence. Saving is debounced because a single API call
 * touches several objects; `flush()` on close makes sure nothing is lost on a clean shutdown.
 */
export class Store {
  state: State;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly file?: string) {
    this.state = emptyState();
    if (file) {
      try {
        this.state = { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as State) };
        // A state file written before a collection existed gets it empty.
        for (const acct of Object.values(this.state.accounts))
          acct.collections = { ...newAccountData(acct.id, acct.created).collections, ...acct.collections };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }

  account(id: string): AccountData | undefined {
    return this.state.accounts[id];
  }

  ensureAccount(id: string, created: number, platform: string | null = null): AccountData {
    let acct = this.state.accounts[id];
    if (!acct) {
      acct = newAccountData(id, created, platform);
      this.state.accounts[id] = acct;
      this.changed();
    }
    return acct;
  }

  /** Finds an object by id in any account (hosted pages and control API are unauthenticated). */
  findAnywhere<C extends CollectionName>(coll: C, id: string): { acct: AccountData; obj: Collections[C] } | undefined {
    for (const acct of Object.values(this.state.accounts)) {
      const obj = acct.collections[coll][id];
      if (obj) return { acct, obj: obj as Collections[C] };
    }
    return undefined;
  }

  reset(): void {
    this.state = emptyState();
    this.changed();
  }

  changed(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, 50);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    // Write-then-rename so a crash mid-write never leaves a truncated state file.
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.file);
  }
}
