import type Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import { notFound } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { Client } from '../clients/client.entity.js';
import type { CheckoutLinkService } from '../stripe/checkout-link.service.js';
import type { StripeApi } from '../stripe/stripe-client.js';
import { isMissing } from '../stripe/stripe-confirmation.js';
import { inScope, type StripeConnection } from '../stripe/stripe-connection.entity.js';
import type { StripeConnectionService } from '../stripe/stripe-connection.service.js';
import { StripeClientLink } from '../stripe/stripe-links.entity.js';
import { idOf, maskedMethod, type SavedMethodView } from './autopay-rules.js';

/**
 * A client's saved payment methods. They live only at Stripe, on the client's Stripe customer: Settle
 * stores no card or bank data and not even the methods' ids, and reads them back each time. Every act
 * on a method id first checks, with the org's own key, that the method is attached to this client's
 * customer: an id of another customer (or another org's account, which the key cannot even see) is
 * answered "not found".
 */
export class SavedMethodsService {
  constructor(
    private readonly db: DataSource,
    private readonly connections: StripeConnectionService,
    private readonly checkout: CheckoutLinkService,
    private readonly publicUrl: string,
  ) {}

  /**
   * A Stripe Checkout page in setup mode (for off-session use) where the client saves a card or a US
   * bank account; Stripe attaches it to the client's customer (created here when the client has none).
   */
  async startSave(orgId: string, clientId: string): Promise<{ url: string; expiresAt: Date }> {
    await this.db.getRepository(Client).findOneByOrFail({ orgId, id: clientId });
    const conn = await this.connections.require(orgId);
    const customer = await this.checkout.ensureCustomer(orgId, conn, clientId);
    const back = `${this.publicUrl}/portal/payment-methods`;
    const session = await this.connections.provider(conn).createCheckoutSession(
      {
        mode: 'setup',
        customer,
        currency: 'usd',
        setup_intent_data: { metadata: { settle_org_id: orgId, settle_client_id: clientId } },
        metadata: { settle_org_id: orgId, settle_client_id: clientId, settle_purpose: 'save_payment_method' },
        success_url: `${back}?saved=1&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${back}?saved=0`,
      },
      // Each press is its own session: a key per click (Stripe refuses a reused key with other params).
      `settle-setup-${clientId}-${Date.now()}`,
    );
    logger.info({ orgId, clientId, session: session.id }, 'stripe setup session created');
    return { url: session.url!, expiresAt: new Date(session.expires_at * 1000) };
  }

  /** The client's methods, masked, the default one marked. */
  async list(orgId: string, clientId: string): Promise<SavedMethodView[]> {
    const ctx = await this.customerOf(orgId, clientId);
    if (!ctx) return [];
    const methods = await ctx.api.listCustomerPaymentMethods(ctx.customer);
    const defaultId = await this.defaultOrFirst(ctx.api, ctx.customer, methods);
    return methods.map((m) => maskedMethod(m, defaultId)).filter((m): m is SavedMethodView => !!m);
  }

  async setDefault(orgId: string, clientId: string, methodId: string): Promise<SavedMethodView[]> {
    const { api, customer } = await this.ownMethod(orgId, clientId, methodId);
    await api.updateCustomer(customer, { invoice_settings: { default_payment_method: methodId } });
    return this.list(orgId, clientId);
  }

  /**
   * Detaches the method. When it was the customer's default, the first saved method left becomes the
   * default at Stripe (what list() would show and autopay charge), so Stripe's dashboard says the same.
   */
  async remove(orgId: string, clientId: string, methodId: string): Promise<SavedMethodView[]> {
    const { api, customer } = await this.ownMethod(orgId, clientId, methodId);
    const wasDefault = (await this.defaultOf(api, customer)) === methodId;
    await api.detachPaymentMethod(methodId);
    if (wasDefault) {
      const next = firstSaved(await api.listCustomerPaymentMethods(customer));
      if (next) await api.updateCustomer(customer, { invoice_settings: { default_payment_method: next } });
    }
    return this.list(orgId, clientId);
  }

  /** The default method of the client's customer, or null (no customer, no default, not connected). */
  async defaultMethod(orgId: string, clientId: string): Promise<{ customer: string; method: string } | null> {
    const ctx = await this.customerOf(orgId, clientId);
    if (!ctx) return null;
    const method = await this.defaultOrFirst(ctx.api, ctx.customer);
    return method ? { customer: ctx.customer, method } : null;
  }

  /**
   * The customer's default method; for a customer with methods but none set as default (saving a method
   * through Checkout sets none), the first one saved: what a person saving one card expects autopay to
   * charge, and a second card saved later does not take its place. Only read: listing methods (a query,
   * polled by the portal and by integrators) never writes to the customer at Stripe; autopay charges the
   * method this names.
   */
  private async defaultOrFirst(
    api: StripeApi,
    customer: string,
    methods?: Stripe.PaymentMethod[],
  ): Promise<string | null> {
    const current = await this.defaultOf(api, customer);
    if (current) return current;
    return firstSaved(methods ?? (await api.listCustomerPaymentMethods(customer)));
  }

  private async defaultOf(api: StripeApi, customer: string): Promise<string | null> {
    const c = await api.retrieveCustomer(customer);
    if ('deleted' in c && c.deleted) return null;
    return idOf(
      (c as { invoice_settings?: { default_payment_method?: string | { id: string } | null } }).invoice_settings
        ?.default_payment_method,
    );
  }

  /** The method, checked to be attached to this client's customer in the connected account. */
  private async ownMethod(orgId: string, clientId: string, methodId: string) {
    const ctx = await this.customerOf(orgId, clientId);
    if (!ctx) throw notFound('Payment method');
    const pm = await ctx.api.retrievePaymentMethod(methodId).catch((err: unknown) => {
      if (isMissing(err)) return null;
      throw err;
    });
    if (!pm || idOf(pm.customer) !== ctx.customer) throw notFound('Payment method');
    return ctx;
  }

  /** The client's Stripe customer in the connection's account + mode (never created here). */
  private async customerOf(
    orgId: string,
    clientId: string,
  ): Promise<{ api: StripeApi; conn: StripeConnection; customer: string } | null> {
    const conn = await this.connections.find(orgId);
    if (!conn) return null;
    const link = await this.db.getRepository(StripeClientLink).findOneBy({ orgId, clientId });
    if (!link?.customerId || !inScope(conn, link)) return null;
    return { api: this.connections.provider(conn), conn, customer: link.customerId };
  }
}

/** The method saved first (Stripe lists a customer's methods newest first). */
const firstSaved = (methods: Stripe.PaymentMethod[]): string | null => methods.at(-1)?.id ?? null;
