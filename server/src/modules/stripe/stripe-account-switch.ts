import { In, IsNull, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { logger } from '../../platform/logger.js';
import type { StripeApi } from './stripe-client.js';
import { StripeConnection, scopeOf, type PreviousAccountCleanup } from './stripe-connection.entity.js';
import type { EventScope } from './stripe-inbox.js';
import { StripeCheckoutSession, StripeInvoiceLink, StripeWebhookSecret } from './stripe-links.entity.js';
import { idem } from './stripe-rules.js';

/**
 * Changing the Stripe account or mode of an organization (trust issue #11, point 4). Every stored
 * Stripe id belongs to one account + mode; this file keeps the webhook secrets per account + mode and
 * cleans up, best effort, what Settle left live in the account it was switched away from.
 */

/**
 * How long a retired secret (of an account the org switched away from) still verifies events. Stripe
 * retries a delivery for up to three days; after that nothing legitimate can still be in flight.
 */
export const RETIRED_SECRET_GRACE_MS = 72 * 3_600_000;

/** Keeps (or replaces) the signing secret of one account + mode as the current one. */
export async function keepSecret(
  tx: EntityManager,
  orgId: string,
  scope: EventScope,
  sealed: string,
  prefix: string,
  endpointId: string | null,
): Promise<void> {
  await tx.upsert(
    StripeWebhookSecret,
    { orgId, ...scope, secretSealed: sealed, secretPrefix: prefix, endpointId, retiredAt: null },
    ['orgId', 'accountId', 'livemode'],
  );
}

/** The org no longer uses this account + mode: its secret verifies in-flight events for the grace period only. */
export async function retireSecret(tx: EntityManager, orgId: string, scope: EventScope): Promise<void> {
  await tx.update(StripeWebhookSecret, { orgId, ...scope, retiredAt: IsNull() }, { retiredAt: new Date() });
}

/** Secrets of previous accounts + modes still within their grace period, per org. */
export async function retiredSecretsOf(db: DataSource, orgIds: string[]): Promise<Map<string, StripeWebhookSecret[]>> {
  const out = new Map<string, StripeWebhookSecret[]>();
  if (!orgIds.length) return out;
  const rows = await db
    .getRepository(StripeWebhookSecret)
    .findBy({ orgId: In(orgIds), retiredAt: MoreThan(new Date(Date.now() - RETIRED_SECRET_GRACE_MS)) });
  for (const r of rows) out.set(r.orgId, [...(out.get(r.orgId) ?? []), r]);
  return out;
}

/**
 * After a switch, with the previous connection's key: voids the hosted Stripe invoices Settle left open
 * there and expires its open Checkout sessions (so nobody pays into the old account), then deletes the
 * webhook endpoint Settle registered there. Never throws: what failed is in the result, which the
 * caller records on the connection and in the audit trail. The switch itself is already committed.
 */
export async function cleanUpPreviousAccount(
  db: DataSource,
  provider: StripeApi,
  orgId: string,
  prev: EventScope & { webhookEndpointId: string | null },
): Promise<PreviousAccountCleanup> {
  const errors: string[] = [];
  const scope = { orgId, accountId: prev.accountId, livemode: prev.livemode };
  let invoicesVoided = 0;
  let sessionsExpired = 0;
  let endpointDeleted = false;
  const links = await db.getRepository(StripeInvoiceLink).find({ where: scope });
  for (const l of links.filter((x) => x.stripeInvoiceId)) {
    try {
      const inv = await provider.retrieveInvoice(l.stripeInvoiceId!);
      if (inv.status !== 'open') continue;
      await provider.voidInvoice(inv.id, idem.void(inv.id));
      invoicesVoided++;
    } catch (err) {
      errors.push(`invoice ${l.stripeInvoiceId}: ${(err as Error).message}`);
    }
  }
  const sessions = await db.getRepository(StripeCheckoutSession).findBy({ ...scope, status: 'open' });
  for (const s of sessions) {
    try {
      const r = s.expiresAt.getTime() > Date.now() ? await provider.expireCheckoutSession(s.id) : null;
      await db
        .getRepository(StripeCheckoutSession)
        .update({ id: s.id }, { status: r?.status === 'complete' ? 'complete' : 'expired' });
      if (r) sessionsExpired++;
    } catch (err) {
      errors.push(`session ${s.id}: ${(err as Error).message}`);
    }
  }
  if (prev.webhookEndpointId) {
    try {
      await provider.deleteWebhookEndpoint(prev.webhookEndpointId);
      endpointDeleted = true;
    } catch (err) {
      errors.push(`webhook endpoint ${prev.webhookEndpointId}: ${(err as Error).message}`);
    }
  }
  const result: PreviousAccountCleanup = {
    accountId: prev.accountId,
    livemode: prev.livemode,
    status: errors.length ? 'FAILED' : 'DONE',
    error: errors.length ? errors.join('; ').slice(0, 2000) : null,
    endpointDeleted,
    invoicesVoided,
    sessionsExpired,
    at: new Date().toISOString(),
  };
  if (errors.length)
    logger.warn(
      { orgId, accountId: prev.accountId, errors: errors.length },
      'could not clean up everything in the previous Stripe account',
    );
  return result;
}

/**
 * Best effort, after the switch is committed (it never blocks it): with the previous key, void and
 * expire what Settle left payable in the previous account and delete its webhook endpoint there. The
 * outcome is kept on the connection (GraphQL `previousAccountCleanup`) and in the audit trail (`audit`
 * writes the connection's audit row in the given transaction).
 */
export async function recordPreviousAccountCleanup(
  db: DataSource,
  previousProvider: () => StripeApi,
  orgId: string,
  prev: StripeConnection,
  audit: (tx: EntityManager, action: string, after: object) => Promise<void>,
): Promise<void> {
  let provider: StripeApi;
  try {
    provider = previousProvider();
  } catch (err) {
    provider = { retrieveInvoice: () => Promise.reject(err) } as unknown as StripeApi;
  }
  const result = await cleanUpPreviousAccount(db, provider, orgId, {
    ...scopeOf(prev),
    webhookEndpointId: prev.webhookEndpointId,
  }).catch((err: Error) => ({
    accountId: prev.accountId,
    livemode: prev.mode === 'live',
    status: 'FAILED' as const,
    error: err.message,
    endpointDeleted: false,
    invoicesVoided: 0,
    sessionsExpired: 0,
    at: new Date().toISOString(),
  }));
  await db.transaction(async (tx) => {
    await tx.update(StripeConnection, { orgId }, { previousAccountCleanup: result });
    await audit(
      tx,
      result.status === 'DONE' ? 'stripe.previous_account_cleaned' : 'stripe.previous_account_cleanup_failed',
      { ...result },
    );
  });
}
