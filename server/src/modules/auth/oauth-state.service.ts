import type { DataSource } from 'typeorm';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { returning } from '../../platform/database/sql.js';
import { badInput, unauthenticated } from '../../platform/errors.js';
import type { Principal } from './principal.js';

export type OAuthProvider = 'stripe' | 'quickbooks';

/** Ten minutes is ample for a consent screen, and short enough that a leaked link goes stale. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/**
 * OAuth `state` values for the flows that connect an org to Stripe or QuickBooks. Stored hashed with the
 * org and the user whose session started the flow; the callback (a browser redirect, so it carries that
 * session's cookie) takes a state once, before it expires, and only from that same user. A state sent
 * to someone else's browser (login CSRF: "connect MY Stripe account to YOUR org") is refused.
 */
export class OAuthStateService {
  constructor(private readonly db: DataSource) {}

  async issue(provider: OAuthProvider, orgId: string, userId: string): Promise<string> {
    const state = randomToken(provider === 'stripe' ? 'sts_' : 'qbs_', 24);
    // Housekeeping as we go: states a day past their end are of no use, not even to explain a refusal.
    await this.db.query(`DELETE FROM oauth_states WHERE expires_at < now() - interval '1 day'`);
    await this.db.query(
      `INSERT INTO oauth_states (provider, state_hash, org_id, user_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
      [provider, hashToken(state), orgId, userId, new Date(Date.now() + OAUTH_STATE_TTL_MS)],
    );
    return state;
  }

  /**
   * Takes the state for the signed-in caller of the callback and returns the org it was issued for.
   * One statement: a state presented twice at once is taken once.
   */
  async consume(
    provider: OAuthProvider,
    state: string,
    caller: Principal | null,
  ): Promise<{ orgId: string; userId: string }> {
    if (!caller || caller.kind !== 'user')
      throw unauthenticated('Sign in to Settle in this browser, then connect again from Settings');
    const rows = await returning<{ org_id: string; user_id: string }>(
      this.db,
      `UPDATE oauth_states SET used_at = now()
        WHERE state_hash = $1 AND provider = $2 AND used_at IS NULL AND expires_at > now() AND user_id = $3 AND org_id = $4
        RETURNING org_id, user_id`,
      [hashToken(state), provider, caller.userId, caller.orgId],
    );
    if (!rows[0])
      throw badInput(
        'state',
        'The OAuth state is invalid, expired, already used or was started by someone else; start again from Settings',
      );
    return { orgId: rows[0].org_id, userId: rows[0].user_id };
  }
}
