import { createHmac, timingSafeEqual } from 'node:crypto';
import Stripe from 'stripe';
import { WEBHOOK_EVENTS } from './stripe-webhook-events.js';
import { sdkConfig } from './stripe-sdk-config.js';

/** Payloads are rendered at the endpoint's api_version; pin it to the SDK's so shapes match (SUBSET.md §8.5). */
export const PINNED_API_VERSION = Stripe.API_VERSION;

/**
 * Everything the Stripe module asks of Stripe's API, in Stripe's own types: used only inside
 * modules/stripe (the rest of Settle sees Stripe as a PaymentProvider, modules/payments/payment-provider.ts).
 * The real adapter below talks to Stripe through the official SDK; with STRIPE_API_URL set, the same SDK
 * talks to the local emulator instead.
 */
export interface StripeApi {
  retrieveAccount(): Promise<Stripe.Account>;
  createWebhookEndpoint(url: string, idempotencyKey: string): Promise<{ id: string; secret: string }>;
  deleteWebhookEndpoint(id: string): Promise<void>;
  /** Sets what Settle's own endpoint subscribes to (WEBHOOK_EVENTS), after a release added to it. */
  subscribeWebhookEndpoint(id: string): Promise<void>;
  createCustomer(params: Stripe.CustomerCreateParams, idempotencyKey: string): Promise<Stripe.Customer>;
  retrieveCustomer(id: string): Promise<Stripe.Customer | Stripe.DeletedCustomer>;
  updateCustomer(id: string, params: Stripe.CustomerUpdateParams): Promise<Stripe.Customer>;
  /** The customer's saved payment methods (every type), newest first. */
  listCustomerPaymentMethods(customerId: string): Promise<Stripe.PaymentMethod[]>;
  retrievePaymentMethod(id: string): Promise<Stripe.PaymentMethod>;
  detachPaymentMethod(id: string): Promise<Stripe.PaymentMethod>;
  /** Creates (and, with `confirm`, charges) a PaymentIntent; a decline throws StripeCardError. */
  createPaymentIntent(params: Stripe.PaymentIntentCreateParams, idempotencyKey: string): Promise<Stripe.PaymentIntent>;
  /**
   * Every PaymentIntent of a customer created at or after `createdGte` (unix seconds), each with its
   * latest charge: a list, not a search, because Stripe's search index lags writes by up to a minute.
   */
  listCustomerPaymentIntents(customerId: string, createdGte: number): Promise<Stripe.PaymentIntent[]>;
  createInvoice(params: Stripe.InvoiceCreateParams, idempotencyKey: string): Promise<Stripe.Invoice>;
  createInvoiceItem(params: Stripe.InvoiceItemCreateParams, idempotencyKey: string): Promise<Stripe.InvoiceItem>;
  finalizeInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  sendInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  voidInvoice(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  /** Marks an open invoice paid outside Stripe (`paid_out_of_band`): no charge is made, its page reads paid. */
  payInvoiceOutOfBand(id: string, idempotencyKey: string): Promise<Stripe.Invoice>;
  retrieveInvoice(id: string, expand?: string[]): Promise<Stripe.Invoice>;
  createProduct(params: Stripe.ProductCreateParams, idempotencyKey: string): Promise<Stripe.Product>;
  updateProduct(id: string, params: Stripe.ProductUpdateParams): Promise<Stripe.Product>;
  createPrice(params: Stripe.PriceCreateParams, idempotencyKey: string): Promise<Stripe.Price>;
  updatePrice(id: string, params: Stripe.PriceUpdateParams): Promise<Stripe.Price>;
  createCheckoutSession(
    params: Stripe.Checkout.SessionCreateParams,
    idempotencyKey: string,
  ): Promise<Stripe.Checkout.Session>;
  retrieveCheckoutSession(id: string, expand?: string[]): Promise<Stripe.Checkout.Session>;
  expireCheckoutSession(id: string): Promise<Stripe.Checkout.Session>;
  retrievePaymentIntent(id: string, expand?: string[]): Promise<Stripe.PaymentIntent>;
  retrieveCharge(id: string, expand?: string[]): Promise<Stripe.Charge>;
  retrieveDispute(id: string): Promise<Stripe.Dispute>;
  /** Every dispute on a PaymentIntent's charges. */
  listDisputes(paymentIntentId: string): Promise<Stripe.Dispute[]>;
  retrievePayout(id: string): Promise<Stripe.Payout>;
  /** Every balance transaction an automatic payout paid out, each with its source (charge, refund, dispute…). */
  listPayoutTransactions(payoutId: string): Promise<Stripe.BalanceTransaction[]>;
  listRefunds(chargeId: string): Promise<Stripe.Refund[]>;
  listPaymentIntentRefunds(paymentIntentId: string): Promise<Stripe.Refund[]>;
  retrieveRefund(id: string): Promise<Stripe.Refund>;
  /** One page of Checkout sessions created in [gte, lte], newest first, each with its PaymentIntent expanded. */
  listCheckoutSessions(page: ListPage): Promise<{ data: Stripe.Checkout.Session[]; hasMore: boolean }>;
  /** One page of invoices created in [gte, lte], newest first, each with its payments. */
  listInvoices(page: ListPage): Promise<{ data: Stripe.Invoice[]; hasMore: boolean }>;
  /** One page of PaymentIntents created in [gte, lte], newest first, each with its latest charge. */
  listPaymentIntents(page: ListPage): Promise<{ data: Stripe.PaymentIntent[]; hasMore: boolean }>;
  /** `replayed`: Stripe answered a retried key with its first answer (the refund as it was then). */
  createRefund(params: Stripe.RefundCreateParams, idempotencyKey: string): Promise<CreatedRefund>;
  /** One page of charges, refunds or balance transactions created in [gte, lte] (the reconciliation's reads). */
  listCharges(page: ListPage): Promise<{ data: Stripe.Charge[]; hasMore: boolean }>;
  listRefundsCreated(page: ListPage): Promise<{ data: Stripe.Refund[]; hasMore: boolean }>;
  listBalanceTransactions(page: ListPage): Promise<{ data: Stripe.BalanceTransaction[]; hasMore: boolean }>;
  /** Payouts that arrive (arrival_date) in the page's bounds. */
  listPayoutsArriving(page: ListPage): Promise<{ data: Stripe.Payout[]; hasMore: boolean }>;
  /** One page of events created at or after `since`, oldest first within what Stripe returned. */
  listEvents(params: {
    since: number;
    types: string[];
    startingAfter?: string;
  }): Promise<{ data: Stripe.Event[]; hasMore: boolean }>;
}

export type CreatedRefund = { refund: Stripe.Refund; replayed: boolean };

/** A page of a list by creation time (inclusive bounds, unix seconds), 100 objects at most. */
export interface ListPage {
  gte: number;
  lte: number;
  startingAfter?: string;
}

export interface StripeApiOptions {
  /** Base URL of a Stripe-compatible API (the emulator); unset = api.stripe.com. */
  apiUrl?: string;
  /** Connect: act on this connected account (Stripe-Account header). */
  stripeAccount?: string | null;
  maxNetworkRetries?: number;
}

export function createStripeSdk(secretKey: string, opts: StripeApiOptions = {}): Stripe {
  return new Stripe(secretKey, sdkConfig(opts.apiUrl, opts.maxNetworkRetries));
}

/**
 * Starts an SDK read without the caller's stack trace. The SDK captures one on every request (only to
 * decorate its errors), and under tsx's source maps that costs 0.1-0.2 ms a call: a large part of
 * processing an event. The error Settle records still has Stripe's message, type and code.
 */
function withoutCallSite<T>(start: () => Promise<T>): Promise<T> {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const listParams = (p: ListPage) => ({
  created: { gte: p.gte, lte: p.lte },
  limit: 100,
  ...(p.startingAfter ? { starting_after: p.startingAfter } : {}),
});

export class StripeSdkApi implements StripeApi {
  private readonly stripe: Stripe;
  private readonly account: Stripe.RequestOptions;

  constructor(secretKey: string, opts: StripeApiOptions = {}) {
    this.stripe = createStripeSdk(secretKey, opts);
    this.account = opts.stripeAccount ? { stripeAccount: opts.stripeAccount } : {};
  }

  private opts(idempotencyKey?: string): Stripe.RequestOptions {
    return idempotencyKey ? { ...this.account, idempotencyKey } : { ...this.account };
  }

  retrieveAccount() {
    // Params must be undefined, not the options (SUBSET.md §1: the object would become a query string).
    return this.stripe.accounts.retrieveCurrent(undefined, this.opts());
  }
  async createWebhookEndpoint(url: string, idempotencyKey: string) {
    const ep = await this.stripe.webhookEndpoints.create(
      {
        url,
        enabled_events: WEBHOOK_EVENTS,
        api_version: PINNED_API_VERSION as Stripe.WebhookEndpointCreateParams.ApiVersion,
        description: 'Settle',
        metadata: { settle: 'true' },
      },
      this.opts(idempotencyKey),
    );
    if (!ep.secret) throw new Error('Stripe returned no webhook secret');
    return { id: ep.id, secret: ep.secret };
  }
  async deleteWebhookEndpoint(id: string) {
    await this.stripe.webhookEndpoints.del(id, undefined, this.opts());
  }
  async subscribeWebhookEndpoint(id: string) {
    await this.stripe.webhookEndpoints.update(id, { enabled_events: WEBHOOK_EVENTS }, this.opts());
  }
  createCustomer(params: Stripe.CustomerCreateParams, key: string) {
    return this.stripe.customers.create(params, this.opts(key));
  }
  retrieveCustomer(id: string) {
    return this.stripe.customers.retrieve(id, undefined, this.opts());
  }
  updateCustomer(id: string, params: Stripe.CustomerUpdateParams) {
    return this.stripe.customers.update(id, params, this.opts());
  }
  async listCustomerPaymentMethods(customerId: string) {
    const out: Stripe.PaymentMethod[] = [];
    for await (const m of this.stripe.customers.listPaymentMethods(customerId, { limit: 100 }, this.opts()))
      out.push(m);
    return out;
  }
  retrievePaymentMethod(id: string) {
    return this.stripe.paymentMethods.retrieve(id, undefined, this.opts());
  }
  detachPaymentMethod(id: string) {
    return this.stripe.paymentMethods.detach(id, undefined, this.opts());
  }
  createPaymentIntent(params: Stripe.PaymentIntentCreateParams, key: string) {
    return this.stripe.paymentIntents.create(params, this.opts(key));
  }
  async listCustomerPaymentIntents(customerId: string, createdGte: number) {
    const out: Stripe.PaymentIntent[] = [];
    const params = { customer: customerId, created: { gte: createdGte }, limit: 100, expand: ['data.latest_charge'] };
    for await (const pi of this.stripe.paymentIntents.list(params, this.opts())) out.push(pi);
    return out;
  }
  createInvoice(params: Stripe.InvoiceCreateParams, key: string) {
    return this.stripe.invoices.create(params, this.opts(key));
  }
  createInvoiceItem(params: Stripe.InvoiceItemCreateParams, key: string) {
    return this.stripe.invoiceItems.create(params, this.opts(key));
  }
  finalizeInvoice(id: string, key: string) {
    return this.stripe.invoices.finalizeInvoice(id, { auto_advance: false }, this.opts(key));
  }
  sendInvoice(id: string, key: string) {
    return this.stripe.invoices.sendInvoice(id, undefined, this.opts(key));
  }
  voidInvoice(id: string, key: string) {
    return this.stripe.invoices.voidInvoice(id, undefined, this.opts(key));
  }
  payInvoiceOutOfBand(id: string, key: string) {
    return this.stripe.invoices.pay(id, { paid_out_of_band: true }, this.opts(key));
  }
  retrieveInvoice(id: string, expand?: string[]) {
    return withoutCallSite(() => this.stripe.invoices.retrieve(id, expand ? { expand } : undefined, this.opts()));
  }
  createProduct(params: Stripe.ProductCreateParams, key: string) {
    return this.stripe.products.create(params, this.opts(key));
  }
  updateProduct(id: string, params: Stripe.ProductUpdateParams) {
    return this.stripe.products.update(id, params, this.opts());
  }
  createPrice(params: Stripe.PriceCreateParams, key: string) {
    return this.stripe.prices.create(params, this.opts(key));
  }
  updatePrice(id: string, params: Stripe.PriceUpdateParams) {
    return this.stripe.prices.update(id, params, this.opts());
  }
  createCheckoutSession(params: Stripe.Checkout.SessionCreateParams, key: string) {
    return this.stripe.checkout.sessions.create(params, this.opts(key));
  }
  retrieveCheckoutSession(id: string, expand?: string[]) {
    return withoutCallSite(() =>
      this.stripe.checkout.sessions.retrieve(id, expand ? { expand } : undefined, this.opts()),
    );
  }
  expireCheckoutSession(id: string) {
    return this.stripe.checkout.sessions.expire(id, undefined, this.opts());
  }
  retrievePaymentIntent(id: string, expand?: string[]) {
    return withoutCallSite(() => this.stripe.paymentIntents.retrieve(id, expand ? { expand } : undefined, this.opts()));
  }
  retrieveCharge(id: string, expand?: string[]) {
    return withoutCallSite(() => this.stripe.charges.retrieve(id, expand ? { expand } : undefined, this.opts()));
  }
  retrieveDispute(id: string) {
    return withoutCallSite(() => this.stripe.disputes.retrieve(id, undefined, this.opts()));
  }
  async listDisputes(paymentIntentId: string) {
    const out: Stripe.Dispute[] = [];
    const params = { payment_intent: paymentIntentId, limit: 100 };
    for await (const d of this.stripe.disputes.list(params, this.opts())) out.push(d);
    return out;
  }
  retrievePayout(id: string) {
    return withoutCallSite(() => this.stripe.payouts.retrieve(id, undefined, this.opts()));
  }
  async listPayoutTransactions(payoutId: string) {
    const out: Stripe.BalanceTransaction[] = [];
    const params = { payout: payoutId, limit: 100, expand: ['data.source'] };
    for await (const t of this.stripe.balanceTransactions.list(params, this.opts())) out.push(t);
    return out;
  }
  async listRefunds(chargeId: string) {
    const out: Stripe.Refund[] = [];
    for await (const r of this.stripe.refunds.list({ charge: chargeId, limit: 100 }, this.opts())) out.push(r);
    return out;
  }
  async listPaymentIntentRefunds(paymentIntentId: string) {
    const out: Stripe.Refund[] = [];
    const params = { payment_intent: paymentIntentId, limit: 100 };
    for await (const r of this.stripe.refunds.list(params, this.opts())) out.push(r);
    return out;
  }
  async listCheckoutSessions(p: ListPage) {
    const page = await withoutCallSite(() =>
      this.stripe.checkout.sessions.list(
        { ...listParams(p), expand: ['data.payment_intent.latest_charge'] },
        this.opts(),
      ),
    );
    return { data: page.data, hasMore: page.has_more };
  }
  async listInvoices(p: ListPage) {
    const page = await withoutCallSite(() =>
      this.stripe.invoices.list({ ...listParams(p), expand: ['data.payments'] }, this.opts()),
    );
    return { data: page.data, hasMore: page.has_more };
  }
  async listPaymentIntents(p: ListPage) {
    const page = await withoutCallSite(() =>
      this.stripe.paymentIntents.list({ ...listParams(p), expand: ['data.latest_charge'] }, this.opts()),
    );
    return { data: page.data, hasMore: page.has_more };
  }
  async createRefund(params: Stripe.RefundCreateParams, key: string) {
    const refund = await this.stripe.refunds.create(params, this.opts(key));
    return { refund, replayed: refund.lastResponse?.headers?.['idempotent-replayed'] === 'true' };
  }
  retrieveRefund(id: string) {
    return withoutCallSite(() => this.stripe.refunds.retrieve(id, undefined, this.opts()));
  }
  async listCharges(p: ListPage) {
    const page = await this.stripe.charges.list(listParams(p), this.opts());
    return { data: page.data, hasMore: page.has_more };
  }
  async listRefundsCreated(p: ListPage) {
    const page = await this.stripe.refunds.list(listParams(p), this.opts());
    return { data: page.data, hasMore: page.has_more };
  }
  async listBalanceTransactions(p: ListPage) {
    const page = await this.stripe.balanceTransactions.list(listParams(p), this.opts());
    return { data: page.data, hasMore: page.has_more };
  }
  async listPayoutsArriving(p: ListPage) {
    const { created, ...rest } = listParams(p);
    const page = await this.stripe.payouts.list({ ...rest, arrival_date: created }, this.opts());
    return { data: page.data, hasMore: page.has_more };
  }
  async listEvents(p: { since: number; types: string[]; startingAfter?: string }) {
    const page = await this.stripe.events.list(
      {
        created: { gte: p.since },
        types: p.types,
        limit: 100,
        ...(p.startingAfter ? { starting_after: p.startingAfter } : {}),
      },
      this.opts(),
    );
    return { data: page.data, hasMore: page.has_more };
  }
}

/** Exchanges a Connect OAuth code with the platform key. */
export async function exchangeOAuthCode(
  platformKey: string,
  apiUrl: string | undefined,
  code: string,
): Promise<Stripe.OAuthToken> {
  return createStripeSdk(platformKey, { apiUrl }).oauth.token({ grant_type: 'authorization_code', code });
}

/** How far a webhook's signed timestamp may be from our clock, either way (Stripe's own default). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * Verifies a webhook signature with one organization's secret; throws on a bad or missing signature or
 * a timestamp more than WEBHOOK_TOLERANCE_SECONDS away (the SDK only refuses timestamps that are too
 * old; one from the future, a captured payload signed ahead to be replayed later, is refused too).
 * Stripe's scheme, as the SDK's constructEvent checks it (stripe-signature.test.ts holds the two side by
 * side): HMAC-SHA256 of `<t>.<body bytes>` with the secret, hex, equal (in constant time) to one of the
 * header's `v1` values. Done here, on the raw bytes, because the webhook's ack path is hot: the SDK decodes
 * the body and walks the header more than once, a sixth of the ack's CPU with one request at a time.
 */
export function verifyWebhook(
  raw: Buffer,
  signature: string | undefined,
  secret: string,
  nowMs = Date.now(),
): Stripe.Event {
  if (!signature) throw new Error('Missing Stripe-Signature header');
  // Read the header the way the SDK does (comma-separated `key=value`); a second `t=` is refused: with
  // one, checking the first let a signature made for a future timestamp through.
  let t = NaN;
  let stamps = 0;
  const expected: string[] = [];
  for (const item of signature.split(',')) {
    const [key, value = ''] = item.split('=');
    if (key === 't') {
      stamps++;
      t = /^\d+$/.test(value) ? Number(value) : NaN;
    } else if (key === 'v1') expected.push(value);
  }
  if (stamps !== 1 || !Number.isFinite(t) || Math.abs(nowMs / 1000 - t) > WEBHOOK_TOLERANCE_SECONDS)
    throw new Error('Timestamp outside the tolerance zone');
  if (!expected.length) throw new Error('No signatures found with expected scheme');
  const mac = createHmac('sha256', secret).update(`${t}.`).update(raw).digest();
  const matches = expected.some((v) => {
    const given = /^[0-9a-f]{64}$/.test(v) ? Buffer.from(v, 'hex') : null;
    return given !== null && timingSafeEqual(given, mac);
  });
  if (!matches) throw new Error('No signatures found matching the expected signature for payload');
  return JSON.parse(raw.toString('utf8')) as Stripe.Event;
}
