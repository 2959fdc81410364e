import Stripe from 'stripe';
import type { DataSource } from 'typeorm';
import type { SettleConfig } from '../../platform/config.js';
import type { SecretBox } from '../../platform/crypto.js';
import type { StripeClientResolver } from './stripe-fee.js';

/**
 * A Stripe SDK client for an org, built from the Stripe module's connection row (read only; that module
 * owns the table). Null when the org has no Stripe connection or the table does not exist.
 */
export function stripeClientFromConnection(db: DataSource, secrets: SecretBox, config: SettleConfig): StripeClientResolver {
  return async (orgId) => {
    const [exists] = await db.query(`SELECT to_regclass('stripe_connections') AS t`);
    if (!exists?.t) return null;
    const [row] = (await db.query(`SELECT secret_key_sealed, stripe_account FROM stripe_connections WHERE org_id = $1`, [orgId])) as Array<{ secret_key_sealed: string; stripe_account: string | null }>;
    if (!row?.secret_key_sealed) return null;
    const cfg: Stripe.StripeConfig = { maxNetworkRetries: 2, telemetry: false, timeout: 20_000, ...(row.stripe_account ? { stripeAccount: row.stripe_account } : {}) };
    const apiUrl = config.stripe.apiUrl;
    if (apiUrl) {
      const u = new URL(apiUrl);
      Object.assign(cfg, { host: u.hostname, port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)), protocol: u.protocol.replace(':', '') });
    }
    return new Stripe(secrets.open(row.secret_key_sealed), cfg);
  };
}
