import QuickBooks from 'node-quickbooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { SecretBox } from '../../platform/crypto.js';
import { secretPrefix } from '../../platform/crypto.js';
import { badInput, conflict } from '../../platform/errors.js';
import { logger } from '../../platform/logger.js';
import { QuickBooksApiError, type AccountingProvider } from './accounting-provider.js';
import { OAuthStateService } from '../auth/oauth-state.service.js';
import type { Principal } from '../auth/principal.js';
import { RealmPacer } from './realm-throttle.js';
import { NodeQuickBooksProvider } from './node-quickbooks.provider.js';
import { scheduleOperation } from './quickbooks-ledger.js';
import { QuickBooksConnection } from './quickbooks.entities.js';
import type { QuickBooksSettings } from './quickbooks-settings.js';

/** Refresh this long before the access token expires, so no call goes out with a dying token. */
const REFRESH_AHEAD_MS = 5 * 60_000;

export interface TokenSet {
  access_token: string;
  refresh_token: string;
  expires_in?: number;
  x_refresh_token_expires_in?: number;
}

export class NotConfiguredError extends Error {}

/** Intuit refused the refresh token (invalid_grant): nothing reaches QuickBooks until someone reconnects. */
export class ReconnectNeededError extends Error {}

/** OAuth with Intuit (state checked, realm stored), tokens sealed at rest and refreshed ahead of expiry. */
export class QuickBooksConnectionService {
  private readonly oauthStates: OAuthStateService;
  /** Paces every request to a company across all Settle processes (Intuit's limit is per company). */
  readonly pacer: RealmPacer;

  constructor(
    private readonly db: DataSource,
    private readonly secrets: SecretBox,
    readonly settings: QuickBooksSettings,
  ) {
    this.oauthStates = new OAuthStateService(db);
    this.pacer = new RealmPacer(db);
  }

  assertConfigured(): void {
    if (!this.settings.configured) throw conflict('QuickBooks integration not configured');
  }

  find(orgId: string, tx: EntityManager = this.db.manager): Promise<QuickBooksConnection | null> {
    return tx.findOneBy(QuickBooksConnection, { orgId });
  }

  async connected(orgId: string, tx: EntityManager = this.db.manager): Promise<QuickBooksConnection | null> {
    const c = await this.find(orgId, tx);
    return c?.status === 'CONNECTED' && c.realmId ? c : null;
  }

  /** Intuit refused the refresh token: operations wait (PENDING) for the reconnect instead of being skipped. */
  async waitsForReconnect(orgId: string): Promise<boolean> {
    return (await this.find(orgId))?.status === 'ERROR';
  }

  connectionsForRealm(realmId: string): Promise<QuickBooksConnection[]> {
    return this.db.getRepository(QuickBooksConnection).findBy({ realmId, status: 'CONNECTED' });
  }

  private async row(orgId: string, tx: EntityManager): Promise<QuickBooksConnection> {
    await tx.query(`INSERT INTO qbo_connections (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING`, [orgId]);
    const [row] = await tx.query(`SELECT id FROM qbo_connections WHERE org_id = $1 FOR UPDATE`, [orgId]);
    return tx.findOneByOrFail(QuickBooksConnection, { id: row.id });
  }

  /** The Intuit consent URL; its state is single use, expires and only completes for the same user's session. */
  async authorizeUrl(orgId: string, userId: string): Promise<string> {
    this.assertConfigured();
    const state = await this.oauthStates.issue('quickbooks', orgId, userId);
    const q = new URLSearchParams({
      client_id: this.settings.clientId,
      redirect_uri: this.settings.redirectUri,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      state,
    });
    return `${this.settings.authorizeUrl}?${q.toString()}`;
  }

  /**
   * Finishes the OAuth round trip on Intuit's redirect, for the browser session that carries it. The
   * realm is the `realmId` Intuit put on that redirect next to the code (Intuit's token endpoint does not
   * repeat it); no API caller can name one. The code is exchanged only after the state checks out.
   */
  async complete(input: {
    code: string;
    state: string;
    realmId: string;
    caller: Principal | null;
  }): Promise<QuickBooksConnection> {
    this.assertConfigured();
    if (!input.code) throw badInput('code', 'The authorization code is missing');
    if (!input.realmId) throw badInput('realmId', 'The QuickBooks company (realmId) is missing');
    const { orgId } = await this.oauthStates.consume('quickbooks', input.state, input.caller);
    const tokens = await this.exchangeCode(input.code);
    await this.confirmRealm(input.realmId, tokens.access_token);
    return this.store(orgId, input.realmId, tokens);
  }

  /**
   * The redirect's realmId is only a claim in a URL; Intuit's answer is what counts: the new access token
   * must open that company (a token is good for the one realm it was granted for). A URL edited to name
   * another company connects nothing.
   */
  private async confirmRealm(realmId: string, accessToken: string): Promise<void> {
    const probe = new NodeQuickBooksProvider(
      realmId,
      this.settings,
      {
        accessToken: async () => accessToken,
        refreshed: async () => accessToken,
      },
      this.pacer,
    );
    try {
      await probe.companyInfo();
    } catch (err) {
      logger.warn({ realmId, err: String(err) }, 'quickbooks realm not confirmed by the granted token');
      throw badInput(
        'realmId',
        'QuickBooks did not confirm this company for the authorization; start again from Settings',
      );
    }
  }

  private async exchangeCode(code: string): Promise<TokenSet> {
    const res = await fetch(this.settings.tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${this.settings.clientId}:${this.settings.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.settings.redirectUri,
      }).toString(),
    });
    const body = (await res.json().catch(() => ({}))) as TokenSet & { error?: string; error_description?: string };
    if (!res.ok)
      throw badInput(
        'code',
        `QuickBooks refused the authorization (${body.error ?? res.status}${body.error_description ? `: ${body.error_description}` : ''})`,
      );
    return body;
  }

  /** Stores a token pair for a realm (OAuth completion, or the offline sandbox's ready-made pair). */
  async store(orgId: string, realmId: string, tokens: TokenSet): Promise<QuickBooksConnection> {
    const saved = await this.db.transaction(async (tx) => {
      const c = await this.row(orgId, tx);
      const realmChanged = c.realmId !== null && c.realmId !== realmId;
      await tx.update(
        QuickBooksConnection,
        { id: c.id },
        {
          status: 'CONNECTED',
          realmId,
          ...this.sealed(tokens),
          connectedAt: new Date(),
          disconnectedAt: null,
          oauthStateHash: null,
          oauthStateExpiresAt: null,
          lastError: null,
          // Another company's ids mean nothing here.
          ...(realmChanged
            ? {
                defaultItemId: null,
                defaultItemName: null,
                fallbackItemId: null,
                incomeAccountId: null,
                incomeAccountName: null,
                feeExpenseAccountId: null,
                feeBankAccountId: null,
                cdcWatermark: null,
                homeCurrency: null,
                multicurrencyEnabled: false,
                taxCodes: {},
              }
            : {}),
        },
      );
      // What waited for the reconnect (ERROR, a refresh token refused) runs now, in order.
      const waiting = (await tx.query(
        `SELECT id FROM qbo_operations WHERE org_id = $1 AND status = 'PENDING' ORDER BY created_at`,
        [orgId],
      )) as Array<{ id: string }>;
      for (const w of waiting) await scheduleOperation(tx, orgId, w.id);
      return tx.findOneByOrFail(QuickBooksConnection, { id: c.id });
    });
    logger.info({ orgId, realmId, accessToken: secretPrefix(tokens.access_token) }, 'quickbooks connected');
    try {
      const provider = this.provider(saved);
      const [company, currency] = await Promise.all([provider.companyInfo(), provider.currencyPrefs()]);
      const known = {
        companyName: company.name,
        companyCountry: company.country,
        homeCurrency: currency.home,
        multicurrencyEnabled: currency.multiCurrency,
      };
      await this.db.getRepository(QuickBooksConnection).update({ id: saved.id }, known);
      Object.assign(saved, known);
    } catch (err) {
      logger.warn({ orgId, err: String(err) }, 'quickbooks company lookup failed');
    }
    return saved;
  }

  private sealed(t: TokenSet): Partial<QuickBooksConnection> {
    const now = Date.now();
    return {
      accessTokenSealed: this.secrets.seal(t.access_token),
      refreshTokenSealed: this.secrets.seal(t.refresh_token),
      accessTokenExpiresAt: new Date(now + (t.expires_in ?? 3600) * 1000),
      refreshTokenExpiresAt: new Date(now + (t.x_refresh_token_expires_in ?? 8_726_400) * 1000),
    };
  }

  async disconnect(orgId: string): Promise<void> {
    const c = await this.find(orgId);
    // One waiting for a reconnect (ERROR) is disconnected too: Intuit already refused its tokens.
    if (!c?.realmId || (c.status !== 'CONNECTED' && c.status !== 'ERROR')) return;
    if (c.status === 'CONNECTED') {
      try {
        await this.provider(c).revoke(this.secrets.open(c.refreshTokenSealed!));
      } catch (err) {
        logger.warn({ orgId, err: String(err) }, 'quickbooks revoke failed; disconnecting locally anyway');
      }
    }
    await this.db.transaction(async (tx) => {
      await tx.update(
        QuickBooksConnection,
        { id: c.id },
        {
          status: 'DISCONNECTED',
          disconnectedAt: new Date(),
          accessTokenSealed: null,
          refreshTokenSealed: null,
          accessTokenExpiresAt: null,
          refreshTokenExpiresAt: null,
        },
      );
      // What waited for a reconnect that will not come (no job runs it) is dropped, as a disconnected
      // company's operations are when they run.
      if (c.status === 'ERROR')
        await tx.query(
          `UPDATE qbo_operations SET status = 'SKIPPED', last_error = 'QuickBooks is not connected', completed_at = now(),
           next_attempt_at = NULL WHERE org_id = $1 AND status = 'PENDING'`,
          [orgId],
        );
    });
    logger.info({ orgId, realmId: c.realmId }, 'quickbooks disconnected');
  }

  /** A provider for the org's company; tokens are read (and refreshed) on each call. */
  provider(c: QuickBooksConnection): AccountingProvider {
    return new NodeQuickBooksProvider(
      c.realmId!,
      this.settings,
      {
        accessToken: () => this.accessToken(c.orgId, false),
        refreshed: () => this.accessToken(c.orgId, true),
      },
      this.pacer,
    );
  }

  /**
   * The current access token, refreshed when it expires within five minutes (or `force`). The row is
   * locked while refreshing so concurrent workers rotate once, and the newest refresh token is kept.
   */
  async accessToken(orgId: string, force: boolean): Promise<string> {
    const peek = await this.connected(orgId);
    if (!peek) throw new NotConfiguredError('QuickBooks is not connected');
    if (!force && peek.accessTokenExpiresAt && peek.accessTokenExpiresAt.getTime() - Date.now() > REFRESH_AHEAD_MS)
      return this.secrets.open(peek.accessTokenSealed!);
    return this.db.transaction(async (tx) => {
      const [locked] = await tx.query(
        `SELECT id FROM qbo_connections WHERE org_id = $1 AND status = 'CONNECTED' FOR UPDATE`,
        [orgId],
      );
      if (!locked) throw new NotConfiguredError('QuickBooks is not connected');
      const c = await tx.findOneByOrFail(QuickBooksConnection, { id: locked.id });
      // Someone refreshed while we waited for the lock.
      if (c.accessTokenSealed !== peek.accessTokenSealed) return this.secrets.open(c.accessTokenSealed!);
      const tokens = await this.refreshTokens(c);
      await tx.update(QuickBooksConnection, { id: c.id }, { ...this.sealed(tokens), lastError: null });
      logger.info(
        { orgId, realmId: c.realmId, refreshToken: secretPrefix(tokens.refresh_token) },
        'quickbooks tokens refreshed',
      );
      return tokens.access_token;
    });
  }

  private refreshTokens(c: QuickBooksConnection): Promise<TokenSet> {
    const qbo = new QuickBooks(
      this.settings.clientId,
      this.settings.clientSecret,
      this.secrets.open(c.accessTokenSealed!),
      false,
      c.realmId!,
      this.settings.environment === 'sandbox',
      false,
      null,
      '2.0',
      this.secrets.open(c.refreshTokenSealed!),
    );
    const ms = this.settings.timeoutMs;
    return new Promise((resolve, reject) => {
      // A token endpoint that never answers must not hold the locked connection row (every worker of the
      // org waits on it) for ever; Intuit keeps the old refresh token good for a day if it answers late.
      const timer = setTimeout(
        () =>
          reject(new QuickBooksApiError(`QuickBooks token refresh timed out after ${ms} ms`, 'RETRYABLE', null, null)),
        ms,
      );
      qbo.refreshAccessToken((err, body) => {
        clearTimeout(timer);
        if (!err) return resolve(body as TokenSet);
        const reason = err?.response?.data?.error ?? err?.message ?? String(err);
        if (reason === 'invalid_grant') {
          void this.db
            .getRepository(QuickBooksConnection)
            .update(
              { id: c.id },
              { status: 'ERROR', lastError: 'QuickBooks refused the refresh token; reconnect QuickBooks' },
            );
          return reject(new ReconnectNeededError(`QuickBooks token refresh failed: ${reason}`));
        }
        // Intuit's token endpoint unreachable or failing for a moment: the operation is retried, not failed.
        const status: number | null = err?.response?.status ?? null;
        const kind = status === null || status === 429 || status >= 500 ? 'RETRYABLE' : 'FATAL';
        reject(new QuickBooksApiError(`QuickBooks token refresh failed: ${reason}`, kind, status, null));
      });
    });
  }
}
