import { In, type DataSource, type EntityManager } from 'typeorm';
import type Stripe from 'stripe';
import type { Actor } from '../../platform/actor.js';
import type { SecretBox } from '../../platform/crypto.js';
import { randomToken, secretPrefix } from '../../platform/crypto.js';
import { badInput } from '../../platform/errors.js';
import type { DomainEventBus } from '../../platform/events/domain-events.js';
import type { ListenedChannel } from '../../platform/events/invoice-events.js';
import { logger } from '../../platform/logger.js';
import type { SettleConfig } from '../../platform/config.js';
import type { AuditService } from '../audit/audit.service.js';
import { Organization } from '../organizations/organization.entity.js';
import { OAuthStateService } from '../auth/oauth-state.service.js';
import { actorOf, type Principal } from '../auth/principal.js';
import { StripeConnection, scopeOf } from './stripe-connection.entity.js';
import { keepSecret, recordPreviousAccountCleanup, retireSecret } from './stripe-account-switch.js';
import { StripeSdkApi, exchangeOAuthCode, type StripeApi } from './stripe-client.js';
import { checkKeyPair, checkWebhookSecret, idem } from './stripe-rules.js';
import { connectionViewOf, paymentSettingsOf } from './stripe-connection-view.js';
import { StripeWebhookTargets, type WebhookTarget } from './stripe-webhook-targets.js';
import type { PaymentSettings, StripeConnectionView } from './stripe.types.js';

/** Default platform values for the offline sandbox, where any sk_test_/ca_ value is accepted. */
const SANDBOX_PLATFORM_KEY = 'sk_test_settle_platform';
const SANDBOX_CLIENT_ID = 'ca_settle_sandbox';

export type StripeApiFactory = (conn: StripeConnection, secretKey: string) => StripeApi;

/**
 * Connection per organization: keys or Connect OAuth, switching accounts, disconnecting, and the webhook
 * endpoint. Webhook-token lookups (stripe-webhook-targets.ts) and the admin's view of a connection
 * (stripe-connection-view.ts) live in their own files.
 */
export class StripeConnectionService {
  private readonly oauthStates: OAuthStateService;
  /** token → org + secret for the webhook hot path; forgotten on every change made here. */
  private readonly webhookTargets: StripeWebhookTargets;
  providerFactory: StripeApiFactory;

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    private readonly audit: AuditService,
    private readonly config: SettleConfig,
    private readonly events: DomainEventBus,
  ) {
    this.providerFactory = (conn, key) =>
      new StripeSdkApi(key, { apiUrl: this.apiUrl, stripeAccount: conn.stripeAccount });
    this.oauthStates = new OAuthStateService(db);
    this.webhookTargets = new StripeWebhookTargets(db, secrets);
  }

  get apiUrl(): string | undefined {
    return this.config.stripe.apiUrl;
  }

  get sandbox(): boolean {
    return !!this.apiUrl;
  }

  webhookUrl(token: string): string {
    const base = (this.config.stripe.webhookBaseUrl || this.config.publicUrl).replace(/\/$/, '');
    return `${base}/webhooks/stripe/${token}`;
  }

  find(orgId: string): Promise<StripeConnection | null> {
    return this.db.getRepository(StripeConnection).findOneBy({ orgId });
  }

  async require(orgId: string): Promise<StripeConnection> {
    const conn = await this.find(orgId);
    if (!conn) throw badInput('stripe', 'Stripe is not connected for this organization');
    return conn;
  }

  /**
   * The API client for a connection. Clients are kept per sealed key and account (building one means
   * opening the key and setting up the SDK), so a new key or account gets a new client.
   */
  provider(conn: StripeConnection): StripeApi {
    const key = `${conn.secretKeySealed}|${conn.stripeAccount ?? ''}`;
    let p = this.providers.get(key);
    if (!p) {
      if (this.providers.size >= 1_000) this.providers.clear();
      p = this.providerFactory(conn, this.secrets.open(conn.secretKeySealed));
      this.providers.set(key, p);
    }
    return p;
  }
  private readonly providers = new Map<string, StripeApi>();

  async providerFor(orgId: string): Promise<StripeApi | null> {
    return (await this.providersFor([orgId])).get(orgId) ?? null;
  }

  /** API clients of many orgs, their connections read in one query (orgs not connected are absent). */
  async providersFor(orgIds: string[]): Promise<Map<string, StripeApi>> {
    const conns = await this.db.getRepository(StripeConnection).findBy({ orgId: In(orgIds) });
    return new Map(conns.map((c) => [c.orgId, this.provider(c)]));
  }

  async connectWithKeys(
    orgId: string,
    actor: Actor,
    secretKey: string,
    publishableKey: string | null,
  ): Promise<StripeConnection> {
    const mode = checkKeyPair(secretKey, publishableKey);
    const account = await this.verify({ stripeAccount: null } as StripeConnection, secretKey.trim(), 'secretKey');
    return this.save(orgId, actor, {
      mode,
      accountId: account.id,
      connectedVia: 'KEYS',
      secretKey: secretKey.trim(),
      publishableKey: publishableKey?.trim() || null,
    });
  }

  /** Builds the Connect authorize URL itself: the SDK's authorizeUrl() drops port and protocol (SUBSET.md §1). */
  async oauthUrl(orgId: string, userId: string): Promise<string> {
    const clientId = this.config.stripe.connectClientId || (this.sandbox ? SANDBOX_CLIENT_ID : '');
    if (!clientId.startsWith('ca_'))
      throw badInput('stripe', 'Stripe Connect is not configured (set STRIPE_CONNECT_CLIENT_ID)');
    const base = (this.config.stripe.connectUrl || this.apiUrl || 'https://connect.stripe.com').replace(/\/$/, '');
    const state = await this.oauthStates.issue('stripe', orgId, userId);
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      scope: 'read_write',
      redirect_uri: `${this.config.publicUrl}/stripe/oauth/callback`,
      state,
    });
    return `${base}/oauth/authorize?${q}`;
  }

  /**
   * Completes Connect OAuth for the caller of the callback (the browser's session): the state must be
   * one we issued to that same user, unused and fresh (oauth-state.service.ts).
   */
  async completeOAuth(code: string, state: string, caller: Principal | null): Promise<StripeConnection> {
    const parsed = await this.oauthStates.consume('stripe', state, caller);
    const actor = { ...actorOf(caller!), label: `${actorOf(caller!).label} (Stripe Connect OAuth)` };
    const platformKey = this.config.stripe.secretKey || (this.sandbox ? SANDBOX_PLATFORM_KEY : '');
    if (!platformKey) throw badInput('stripe', 'Stripe Connect needs the platform key STRIPE_SECRET_KEY');
    const token = await exchangeOAuthCode(platformKey, this.apiUrl, code).catch((err: Error) => {
      throw badInput('code', `Stripe refused the authorization code: ${err.message}`);
    });
    if (!token.access_token || !token.stripe_user_id) throw badInput('code', 'Stripe returned no access token');
    const mode = token.livemode ? 'live' : 'test';
    return this.save(parsed.orgId, actor, {
      mode,
      accountId: token.stripe_user_id,
      connectedVia: 'OAUTH',
      secretKey: token.access_token,
      publishableKey: token.stripe_publishable_key ?? null,
    });
  }

  private async verify(conn: StripeConnection, secretKey: string, field: string): Promise<Stripe.Account> {
    try {
      return await this.providerFactory(conn, secretKey).retrieveAccount();
    } catch (err) {
      throw badInput(field, `Stripe rejected the key: ${(err as Error).message}`);
    }
  }

  private async save(
    orgId: string,
    actor: Actor,
    c: {
      mode: 'test' | 'live';
      accountId: string;
      connectedVia: 'KEYS' | 'OAUTH';
      secretKey: string;
      publishableKey: string | null;
    },
  ): Promise<StripeConnection> {
    let switched: StripeConnection | null = null;
    const conn = await this.db.transaction(async (tx) => {
      await tx.findOneOrFail(Organization, { where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
      const prior = await tx.findOneBy(StripeConnection, { orgId });
      // Ids, endpoints and secrets belong to one account AND mode: test → live is a switch too.
      const sameAccount = prior?.accountId === c.accountId && prior.mode === c.mode;
      if (prior && !sameAccount) {
        await retireSecret(tx, orgId, scopeOf(prior));
        switched = prior;
      }
      const row = tx.create(StripeConnection, {
        ...(prior ?? {}),
        orgId,
        mode: c.mode,
        accountId: c.accountId,
        connectedVia: c.connectedVia,
        secretKeySealed: this.secrets.seal(c.secretKey),
        secretKeyPrefix: secretPrefix(c.secretKey),
        publishableKey: c.publishableKey,
        stripeAccount: null,
        webhookToken: prior?.webhookToken ?? randomToken('wh_', 32),
        // A different account has different endpoints and secrets.
        webhookEndpointId: sameAccount ? prior!.webhookEndpointId : null,
        webhookSecretSealed: sameAccount ? prior!.webhookSecretSealed : null,
        webhookSecretPrefix: sameAccount ? prior!.webhookSecretPrefix : null,
        eventsCursor: sameAccount ? prior!.eventsCursor : Math.floor(Date.now() / 1000) - 60,
        previousAccountCleanup: sameAccount ? prior!.previousAccountCleanup : null,
        lastVerifiedAt: new Date(),
      });
      await tx.save(row);
      await this.auditConnection(tx, orgId, actor, 'stripe.connected', prior ? this.safe(prior) : null, this.safe(row));
      if (switched) await this.events.emit(tx, 'stripe.account-switched', { orgId });
      await this.events.emit(tx, 'stripe.connected', { orgId });
      return row;
    });
    this.webhookTargets.forget();
    logger.info(
      { orgId, accountId: conn.accountId, key: conn.secretKeyPrefix, via: conn.connectedVia },
      'stripe connected',
    );
    if (switched) await this.cleanUpPrevious(orgId, actor, switched);
    if (!conn.webhookSecretSealed) await this.registerWebhook(orgId, actor).catch(() => undefined);
    return (await this.find(orgId))!;
  }

  /** With the previous key: see recordPreviousAccountCleanup (never blocks the committed switch). */
  private cleanUpPrevious(orgId: string, actor: Actor, prev: StripeConnection): Promise<void> {
    return recordPreviousAccountCleanup(
      this.db,
      () => this.providerFactory(prev, this.secrets.open(prev.secretKeySealed)),
      orgId,
      prev,
      (tx, action, after) => this.auditConnection(tx, orgId, actor, action, null, after),
    );
  }

  /** The connection's audit row (entity StripeConnection, id = the org), inside the caller's transaction. */
  private auditConnection(
    tx: EntityManager,
    orgId: string,
    actor: Actor,
    action: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    return this.audit.record(tx, orgId, actor, { type: 'StripeConnection', id: orgId }, action, before, after);
  }

  async test(orgId: string): Promise<StripeConnection> {
    const conn = await this.require(orgId);
    await this.verify(conn, this.secrets.open(conn.secretKeySealed), 'stripe');
    await this.db.getRepository(StripeConnection).update({ orgId }, { lastVerifiedAt: new Date() });
    return (await this.find(orgId))!;
  }

  async disconnect(orgId: string, actor: Actor): Promise<boolean> {
    const conn = await this.find(orgId);
    if (!conn) return false;
    if (conn.webhookEndpointId) {
      await this.provider(conn)
        .deleteWebhookEndpoint(conn.webhookEndpointId)
        .catch((err: Error) =>
          logger.warn({ orgId, err: err.message }, 'could not delete the Stripe webhook endpoint'),
        );
    }
    await this.db.transaction(async (tx) => {
      await retireSecret(tx, orgId, scopeOf(conn));
      await tx.delete(StripeConnection, { orgId });
      await this.auditConnection(tx, orgId, actor, 'stripe.disconnected', this.safe(conn), null);
    });
    this.webhookTargets.forget();
    return true;
  }

  /** (Re-)registers the endpoint via the API with the events Settle needs and the pinned API version. */
  async registerWebhook(orgId: string, actor: Actor): Promise<StripeConnection> {
    const conn = await this.require(orgId);
    const provider = this.provider(conn);
    try {
      const ep = await provider.createWebhookEndpoint(
        this.webhookUrl(conn.webhookToken),
        idem.webhook(orgId, `${conn.webhookToken}-${Date.now()}`),
      );
      if (conn.webhookEndpointId && conn.webhookEndpointId !== ep.id)
        await provider.deleteWebhookEndpoint(conn.webhookEndpointId).catch(() => undefined);
      await this.db.transaction(async (tx) => {
        const sealed = this.secrets.seal(ep.secret);
        await tx.update(
          StripeConnection,
          { orgId },
          {
            webhookEndpointId: ep.id,
            webhookSecretSealed: sealed,
            webhookSecretPrefix: secretPrefix(ep.secret),
            webhookError: null,
          },
        );
        await keepSecret(tx, orgId, scopeOf(conn), sealed, secretPrefix(ep.secret), ep.id);
        await this.auditConnection(tx, orgId, actor, 'stripe.webhook_registered', null, { endpointId: ep.id });
      });
    } catch (err) {
      const message = (err as Error).message;
      await this.db.getRepository(StripeConnection).update({ orgId }, { webhookError: message });
      logger.warn({ orgId, err: message }, 'stripe webhook registration failed');
      throw badInput('stripe', `Stripe refused the webhook registration: ${message}`);
    } finally {
      this.webhookTargets.forget();
    }
    return (await this.find(orgId))!;
  }

  async setWebhookSecret(orgId: string, actor: Actor, secret: string): Promise<StripeConnection> {
    const s = checkWebhookSecret(secret);
    const conn = await this.require(orgId);
    // The admin now uses an endpoint of their own; Settle's auto-registered one would double-deliver.
    if (conn.webhookEndpointId)
      await this.provider(conn)
        .deleteWebhookEndpoint(conn.webhookEndpointId)
        .catch(() => undefined);
    await this.db.transaction(async (tx) => {
      const sealed = this.secrets.seal(s);
      await tx.update(
        StripeConnection,
        { orgId },
        {
          webhookSecretSealed: sealed,
          webhookSecretPrefix: secretPrefix(s),
          webhookEndpointId: null,
          webhookError: null,
        },
      );
      await keepSecret(tx, orgId, scopeOf(conn), sealed, secretPrefix(s), null);
      await this.auditConnection(tx, orgId, actor, 'stripe.webhook_secret_set', null, { secret: secretPrefix(s) });
    });
    this.webhookTargets.forget();
    return (await this.find(orgId))!;
  }

  /** New URL token; an auto-registered endpoint is re-registered at the new URL, a pasted one must be edited in Stripe. */
  async rotateWebhookToken(orgId: string, actor: Actor): Promise<StripeConnection> {
    const conn = await this.require(orgId);
    await this.db.transaction(async (tx) => {
      await tx.update(StripeConnection, { orgId }, { webhookToken: randomToken('wh_', 32) });
      await this.auditConnection(tx, orgId, actor, 'stripe.webhook_token_rotated', null, null);
    });
    this.webhookTargets.forget();
    if (conn.webhookEndpointId) return this.registerWebhook(orgId, actor);
    return (await this.find(orgId))!;
  }

  /** The org and signing secrets behind a webhook URL token (null when unknown); see StripeWebhookTargets.get. */
  /** What the process's LISTEN connection hears for the webhook targets cache. */
  webhookTargetsChannel(): ListenedChannel {
    return this.webhookTargets.channel();
  }

  /** Whether this webhook URL token's target is cached (see StripeWebhookTargets.cached). */
  webhookTargetCached(token: string): boolean {
    return this.webhookTargets.cached(token);
  }

  webhookTarget(token: string, maxAgeMs?: number): Promise<WebhookTarget | null> {
    return this.webhookTargets.get(token, maxAgeMs);
  }

  settings(orgId: string): Promise<PaymentSettings> {
    return paymentSettingsOf(this.db, orgId);
  }

  view(conn: StripeConnection): Promise<StripeConnectionView> {
    return connectionViewOf(this.db, conn, this.webhookUrl(conn.webhookToken));
  }

  /** What the audit trail may keep of a connection: no sealed secrets. */
  private safe(c: StripeConnection) {
    return {
      accountId: c.accountId,
      mode: c.mode,
      connectedVia: c.connectedVia,
      secretKeyPrefix: c.secretKeyPrefix,
      webhookEndpointId: c.webhookEndpointId,
    };
  }
}
